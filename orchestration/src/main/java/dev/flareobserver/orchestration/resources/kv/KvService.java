package dev.flareobserver.orchestration.resources.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.kv.KvBulkClient;
import dev.flareobserver.api.kv.KvBulkEntry;
import dev.flareobserver.api.kv.KvBulkValue;
import dev.flareobserver.api.kv.KvKey;
import dev.flareobserver.api.kv.KvKeyListParams;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.api.kv.KvNamespaceListParams;
import dev.flareobserver.api.kv.KvNamespacesClient;
import dev.flareobserver.api.kv.KvWriteOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.AuditValues;
import dev.flareobserver.orchestration.resources.DeleteConfirmation;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.transport.NotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Workers KV on the connection's current account. Validates names and sizes before any request
 * ({@link KvLimits}), pages lazily ({@link KvKeyBrowser}), caches the namespace list and recently read values
 * and drops them on every write, and sends every write through {@link ResourceWrites} (read-only mode, typed
 * confirmation for deleting a namespace, the audit trail with before/after values). Every method blocks on
 * HTTP: call it from a task. Thread-safe.
 */
public final class KvService {

    /** Keys per listing request: Cloudflare's maximum, so a scroll to key 50,000 takes 50 requests. */
    public static final int PAGE_SIZE = 1000;
    /** Items per bulk write request (wrangler sends 5,000; Cloudflare takes 10,000 or 100 MB). */
    static final int IMPORT_BATCH_ITEMS = 1000;
    static final long IMPORT_BATCH_BYTES = 50L * 1024 * 1024;
    private static final int VALUE_CACHE_ENTRIES = 64;
    private static final int VALUE_CACHE_MAX_BYTES = 1024 * 1024;
    private static final String PRODUCT = "KV";

    private final AccountConnection connection;
    private final ResourceWrites writes;
    private final Clock clock;
    private final Object lock = new Object();
    private String namespacesAccount;
    private List<KvNamespace> namespaces;
    private final Map<String, KvValue> values = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KvValue> eldest) {
            return size() > VALUE_CACHE_ENTRIES;
        }
    };

    public KvService(AccountConnection connection, ResourceWrites writes) {
        this(connection, writes, Clock.systemUTC());
    }

    /** With the clock that expirations are checked against (tests move it with an emulator's clock). */
    public KvService(AccountConnection connection, ResourceWrites writes, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- namespaces ----

    /** Every namespace of the account, by title; cached until a namespace write or {@link #refreshNamespaces()}. */
    public List<KvNamespace> namespaces() {
        String account = accountId();
        synchronized (lock) {
            if (namespaces != null && account.equals(namespacesAccount)) {
                return namespaces;
            }
        }
        return refreshNamespaces();
    }

    public List<KvNamespace> refreshNamespaces() {
        String account = accountId();
        List<KvNamespace> loaded = client().kv().namespaces().listAll(account, KvNamespaceListParams.byTitle())
                .stream().toList();
        synchronized (lock) {
            namespaces = loaded;
            namespacesAccount = account;
        }
        return loaded;
    }

    /** A namespace by id or exact title (the command line accepts either). */
    public Optional<KvNamespace> findNamespace(String idOrTitle) {
        List<KvNamespace> all = namespaces();
        return all.stream().filter(n -> n.id().equals(idOrTitle)).findFirst()
                .or(() -> all.stream().filter(n -> n.title().equals(idOrTitle)).findFirst());
    }

    public KvNamespace createNamespace(String title) {
        Write write = Write.of(accountIdOrNull(), PRODUCT, "create namespace", String.valueOf(title));
        writes.requireUnlocked(write);
        KvLimits.requireTitle(title);
        try {
            return writes.run(write, () -> client().kv().namespaces().create(accountId(), title),
                    created -> "id " + created.id());
        } finally {
            dropNamespaces();
        }
    }

    public void renameNamespace(KvNamespace namespace, String newTitle) {
        Objects.requireNonNull(namespace, "namespace");
        Write write = Write.of(accountIdOrNull(), PRODUCT, "rename namespace", namespace.title() + " (" + namespace.id()
                + ")").withBefore(namespace.title());
        writes.requireUnlocked(write);
        KvLimits.requireTitle(newTitle);
        try {
            writes.run(write, () -> {
                client().kv().namespaces().rename(accountId(), namespace.id(), newTitle);
                return newTitle;
            }, after -> after);
        } finally {
            dropNamespaces();
        }
    }

    /** Deletes the namespace and every key in it; {@code typedTitle} must equal its title exactly. */
    public void deleteNamespace(KvNamespace namespace, String typedTitle) {
        Objects.requireNonNull(namespace, "namespace");
        Write write = Write.of(accountIdOrNull(), PRODUCT, "delete namespace", namespace.title() + " ("
                + namespace.id() + ")").withBefore(namespace.title());
        writes.requireUnlocked(write);
        DeleteConfirmation.require("KV namespace", namespace.title(), typedTitle);
        try {
            writes.run(write, () -> client().kv().namespaces().delete(accountId(), namespace.id()));
        } finally {
            dropNamespaces();
            dropValues(namespace.id());
        }
    }

    // ---- keys ----

    /** One page of keys under {@code prefix} (null: all) at {@code cursor} (null: the first page). */
    public KvKeyPage listKeys(String namespaceId, String prefix, String cursor, int limit) {
        requireNamespaceId(namespaceId);
        Page<KvKey> page = client().kv().namespaces().keys(accountId(), namespaceId)
                .list(new KvKeyListParams(prefix, limit, cursor));
        return new KvKeyPage(cursor, page.items(), page.info() == null ? null : page.info().cursor());
    }

    /** A browser over the namespace's keys under {@code prefix}; it fetches nothing until asked. */
    public KvKeyBrowser browse(String namespaceId, String prefix) {
        requireNamespaceId(namespaceId);
        return new KvKeyBrowser(namespaceId, prefix, cursor -> listKeys(namespaceId, prefix, cursor, PAGE_SIZE));
    }

    // ---- values ----

    /** The value and metadata of a key (from the cache when recently read and not written since). */
    public KvValue read(String namespaceId, String key) {
        requireNamespaceId(namespaceId);
        KvLimits.requireKey(key);
        String cacheKey = cacheKey(namespaceId, key);
        synchronized (lock) {
            KvValue cached = values.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        CloudflareClient client = client();
        String account = accountId();
        byte[] bytes = client.kv().namespaces().values(account, namespaceId).get(key);
        JsonNode metadata = client.kv().namespaces().metadata(account, namespaceId).get(key);
        KvValue value = new KvValue(namespaceId, key, bytes, metadata);
        if (bytes.length <= VALUE_CACHE_MAX_BYTES) {
            synchronized (lock) {
                values.put(cacheKey, value);
            }
        }
        return value;
    }

    /**
     * Writes a value with optional metadata (JSON text; blank: none) and expiration. Everything is checked
     * before any request; the audit entry records the value before (read first) and after.
     */
    public void put(KvNamespace namespace, String key, byte[] value, String metadataJson, KvExpiry expiry) {
        Objects.requireNonNull(namespace, "namespace");
        Write write = Write.of(accountIdOrNull(), PRODUCT, "put value", target(namespace, key));
        writes.requireUnlocked(write);
        KvLimits.requireKey(key);
        KvLimits.requireValue(value);
        JsonNode metadata = KvLimits.requireMetadata(metadataJson);
        KvExpiry when = expiry == null ? KvExpiry.never() : expiry;
        when.validate(clock.instant());
        KvWriteOptions options = when.toOptions().withMetadata(metadata);
        String before = AuditValues.describe(currentBytes(namespace.id(), key));
        try {
            writes.run(write.withBefore(before), () -> {
                client().kv().namespaces().values(accountId(), namespace.id()).put(key, value, options);
                return value;
            }, AuditValues::describe);
        } finally {
            dropValue(namespace.id(), key);
        }
    }

    /** Deletes a key (the UI asks for an ordinary confirmation first); the audit entry records the value it had. */
    public void delete(KvNamespace namespace, String key) {
        Objects.requireNonNull(namespace, "namespace");
        Write write = Write.of(accountIdOrNull(), PRODUCT, "delete key", target(namespace, key));
        writes.requireUnlocked(write);
        KvLimits.requireKey(key);
        String before = AuditValues.describe(currentBytes(namespace.id(), key));
        try {
            writes.run(write.withBefore(before),
                    () -> client().kv().namespaces().values(accountId(), namespace.id()).delete(key));
        } finally {
            dropValue(namespace.id(), key);
        }
    }

    // ---- bulk ----

    /**
     * Writes every item of a wrangler bulk JSON file. The whole file is checked first (shape, keys, sizes, TTLs);
     * then it is sent in batches, each one audited ("N keys, first … last"). Progress and cancel go through
     * {@code task} (may be null); a cancel stops before the next batch.
     *
     * @return the number of keys written
     */
    public int importBulk(KvNamespace namespace, Path file, TaskContext task) throws IOException {
        Objects.requireNonNull(namespace, "namespace");
        Write probe = Write.of(accountIdOrNull(), PRODUCT, "bulk import", namespace.title() + " from "
                + file.getFileName());
        writes.requireUnlocked(probe);
        List<KvBulkEntry> entries = KvBulkFile.read(file);
        Instant now = clock.instant();
        for (int i = 0; i < entries.size(); i++) {
            validate(entries.get(i), i + 1, now);
        }
        int written = 0;
        try {
            for (List<KvBulkEntry> batch : batches(entries)) {
                if (task != null) {
                    task.throwIfCancelled();
                }
                String range = batch.size() + " keys, " + KvKeyNames.forDisplay(batch.get(0).key())
                        + (batch.size() > 1 ? " … " + KvKeyNames.forDisplay(batch.get(batch.size() - 1).key()) : "");
                Write write = Write.of(accountIdOrNull(), PRODUCT, "bulk import", namespace.title() + ": " + range);
                writes.run(write, () -> client().kv().namespaces().bulk(accountId(), namespace.id()).write(batch),
                        result -> batch.size() + " keys written from " + file.getFileName());
                written += batch.size();
                if (task != null) {
                    task.progress((double) written / entries.size());
                    task.message(written + " of " + entries.size() + " keys written");
                }
            }
        } finally {
            dropValues(namespace.id());
        }
        return written;
    }

    /**
     * Writes the namespace's keys under {@code prefix} to a wrangler bulk JSON file, with values, metadata and
     * expirations. Values are read 100 at a time (bulk get); a value that is not UTF-8 text is read again as bytes
     * and exported base64. The file appears only when complete.
     *
     * @return the number of keys exported
     */
    public int exportBulk(KvNamespace namespace, String prefix, Path file, TaskContext task) throws IOException {
        Objects.requireNonNull(namespace, "namespace");
        CloudflareClient client = client();
        String account = accountId();
        KvNamespacesClient kv = client.kv().namespaces();
        Iterator<KvKey> keys = kv.keys(account, namespace.id()).listAll(new KvKeyListParams(prefix, PAGE_SIZE, null))
                .iterator();
        int exported = 0;
        try (KvBulkFile.Writer out = KvBulkFile.write(file)) {
            List<KvKey> chunk = new ArrayList<>(KvBulkClient.MAX_GET_KEYS);
            while (keys.hasNext()) {
                chunk.add(keys.next());
                if (chunk.size() == KvBulkClient.MAX_GET_KEYS || !keys.hasNext()) {
                    if (task != null) {
                        task.throwIfCancelled();
                    }
                    exported += exportChunk(kv, account, namespace.id(), chunk, out);
                    chunk.clear();
                    if (task != null) {
                        task.message(exported + " keys exported");
                    }
                }
            }
            out.commit();
        }
        return exported;
    }

    private int exportChunk(KvNamespacesClient kv, String account, String namespaceId, List<KvKey> chunk,
                            KvBulkFile.Writer out) throws IOException {
        Map<String, KvBulkValue> got = kv.bulk(account, namespaceId).get(chunk.stream().map(KvKey::name).toList(), true);
        int n = 0;
        for (KvKey key : chunk) {
            KvBulkValue value = got.get(key.name());
            if (value == null) {
                continue; // deleted or expired since it was listed
            }
            String text = value.text();
            KvBulkEntry entry;
            if (text != null && text.indexOf('\uFFFD') < 0) {
                entry = KvBulkEntry.text(key.name(), text);
            } else {
                // Bulk get answers in text: U+FFFD may stand for bytes that were not UTF-8, so read the bytes.
                byte[] bytes = kv.values(account, namespaceId).get(key.name());
                entry = isUtf8(bytes) ? KvBulkEntry.text(key.name(), new String(bytes, StandardCharsets.UTF_8))
                        : KvBulkEntry.binary(key.name(), bytes);
            }
            Long expiration = value.expiration() != null ? value.expiration() : key.expiration();
            out.add(entry.withExpiration(expiration).withMetadata(value.metadata() != null ? value.metadata() : key.metadata()));
            n++;
        }
        return n;
    }

    private static List<List<KvBulkEntry>> batches(List<KvBulkEntry> entries) {
        List<List<KvBulkEntry>> out = new ArrayList<>();
        List<KvBulkEntry> batch = new ArrayList<>();
        long bytes = 0;
        for (KvBulkEntry e : entries) {
            long size = e.value().length() + e.key().length() + 64L;
            if (!batch.isEmpty() && (batch.size() == IMPORT_BATCH_ITEMS || bytes + size > IMPORT_BATCH_BYTES)) {
                out.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(e);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    private static void validate(KvBulkEntry entry, int item, Instant now) {
        try {
            KvLimits.requireKey(entry.key());
            byte[] bytes;
            try {
                bytes = entry.valueBytes();
            } catch (IllegalArgumentException e) {
                throw new InvalidResourceInputException("the value is marked base64 but is not base64.");
            }
            KvLimits.requireValue(bytes);
            KvLimits.requireMetadata(entry.metadata());
            if (entry.expirationTtl() != null) {
                KvLimits.requireTtl(entry.expirationTtl());
            } else if (entry.expiration() != null) {
                KvLimits.requireExpiration(entry.expiration(), now);
            }
        } catch (InvalidResourceInputException e) {
            throw new InvalidResourceInputException("Item " + item + " (key \"" + KvKeyNames.forDisplay(entry.key())
                    + "\"): " + e.getMessage() + " Nothing was imported.");
        }
    }

    // ---- helpers ----

    /** The key's current bytes for the audit trail, read fresh (not from the cache); null when it does not exist. */
    private byte[] currentBytes(String namespaceId, String key) {
        try {
            return client().kv().namespaces().values(accountId(), namespaceId).get(key);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static String target(KvNamespace namespace, String key) {
        return namespace.title() + "/" + KvKeyNames.forDisplay(key);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String cacheKey(String namespaceId, String key) {
        return namespaceId + '\u0000' + key;
    }

    private void dropNamespaces() {
        synchronized (lock) {
            namespaces = null;
        }
    }

    private void dropValue(String namespaceId, String key) {
        synchronized (lock) {
            values.remove(cacheKey(namespaceId, key));
        }
    }

    private void dropValues(String namespaceId) {
        String prefix = namespaceId + '\u0000';
        synchronized (lock) {
            values.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    private static void requireNamespaceId(String namespaceId) {
        if (namespaceId == null || namespaceId.isBlank()) {
            throw new InvalidResourceInputException("Choose a KV namespace first.");
        }
    }

    private CloudflareClient client() {
        return connection.client().orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare"));
    }

    private String accountId() {
        return connection.currentAccount().map(Account::id)
                .orElseThrow(() -> new IllegalStateException("No account is selected"));
    }

    private String accountIdOrNull() {
        return connection.currentAccount().map(Account::id).orElse(null);
    }
}
