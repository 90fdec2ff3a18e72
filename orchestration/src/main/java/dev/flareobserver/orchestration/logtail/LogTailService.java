package dev.flareobserver.orchestration.logtail;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.workers.Tail;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.transport.NotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts tail sessions and cleans up tails an earlier run left behind. */
public final class LogTailService {
    private static final Logger LOG = LoggerFactory.getLogger(LogTailService.class);

    private final AccountConnection connection;
    private final Path recordFile;
    private final TailRecords records;

    public LogTailService(AccountConnection connection) {
        this(connection, TailRecords.defaultFile());
    }

    /** With the file that records open tails (for tests, or a custom state directory). */
    public LogTailService(AccountConnection connection, Path recordFile) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.recordFile = Objects.requireNonNull(recordFile, "recordFile");
        this.records = new TailRecords(recordFile);
    }

    public LogTailSession open(LogTailOptions options) {
        return new LogTailSession(connection, options, recordFile);
    }

    /**
     * Tails recorded by an earlier run that still exist on the account (listed, not guessed). Only accounts
     * this connection sees are checked; a recorded tail that is no longer listed (expired, deleted, or its
     * Worker is gone) is forgotten. Tails of sessions open in this process are never offered. Blocks on the
     * network; empty when not connected. A failing listing (other than 404) is thrown, typed.
     */
    public List<LeftoverTail> findLeftovers() {
        CloudflareClient client = connection.client().orElse(null);
        if (client == null) {
            return List.of();
        }
        Set<String> visible = connection.accounts().stream().map(Account::id).collect(Collectors.toSet());
        Map<String, List<TailRecords.Entry>> byWorker = new LinkedHashMap<>();
        for (TailRecords.Entry e : records.read()) {
            if (visible.contains(e.accountId()) && !TailRecords.isLive(e.tailId())) {
                byWorker.computeIfAbsent(e.accountId() + "\n" + e.worker(), k -> new ArrayList<>()).add(e);
            }
        }
        List<LeftoverTail> leftovers = new ArrayList<>();
        for (List<TailRecords.Entry> recorded : byWorker.values()) {
            TailRecords.Entry first = recorded.get(0);
            List<Tail> listed;
            try {
                listed = client.workers().tails().list(first.accountId(), first.worker());
            } catch (NotFoundException workerGone) {
                listed = List.of();
            }
            // The list's cardinality with several tails is unconfirmed: a single object may stand for one of
            // several. So when exactly one is listed, recorded tails not yet expired are offered too (deleting
            // one that is gone is harmless); otherwise a recorded tail missing from the list is gone.
            boolean mayHideOthers = listed.size() == 1;
            Instant now = Instant.now();
            for (TailRecords.Entry e : recorded) {
                Tail tail = listed.stream().filter(t -> t.id().equals(e.tailId())).findFirst().orElse(null);
                if (tail != null) {
                    leftovers.add(new LeftoverTail(e.accountId(), e.worker(), e.tailId(),
                            tail.expiresAt() != null ? tail.expiresAt() : e.expiresAt()));
                } else if (mayHideOthers && e.expiresAt() != null && e.expiresAt().isAfter(now)) {
                    leftovers.add(new LeftoverTail(e.accountId(), e.worker(), e.tailId(), e.expiresAt()));
                } else {
                    records.remove(e.tailId());
                }
            }
        }
        return List.copyOf(leftovers);
    }

    /** Deletes them; returns how many were deleted (one already gone counts as deleted). */
    public int cleanUp(List<LeftoverTail> leftovers) {
        CloudflareClient client = connection.client()
                .orElseThrow(() -> new IllegalStateException("Not connected: leftover tails cannot be deleted"));
        int deleted = 0;
        for (LeftoverTail t : leftovers) {
            try {
                client.workers().tails().delete(t.accountId(), t.worker(), t.tailId());
                deleted++;
            } catch (NotFoundException alreadyGone) {
                deleted++;
            } catch (RuntimeException e) {
                // Keep the record: the next start offers it again (or it expires).
                LOG.warn("Deleting leftover tail {} of {} failed: {}", t.tailId(), t.worker(), e.getMessage());
                continue;
            }
            records.remove(t.tailId());
        }
        return deleted;
    }
}
