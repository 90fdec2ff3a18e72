package dev.flareobserver.orchestration.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceWritesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private static final ResourceWrites.Write PUT = ResourceWrites.Write.of("acc", "KV", "put value", "cache/user:1");

    @Test
    void aLockedSessionRunsNothingAndRecordsNothing() {
        AuditTrail audit = AuditTrail.inMemory();
        ResourceWrites writes = new ResourceWrites(WriteAccess.locked(), audit, CLOCK);
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> writes.run(PUT, ran::incrementAndGet))
                .isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("KV put value cache/user:1")
                .hasMessageContaining("Unlock writes");
        assertThat(ran).hasValue(0);
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void aSuccessIsRecordedWithBeforeAndAfter() {
        AuditTrail audit = AuditTrail.inMemory();
        ResourceWrites writes = new ResourceWrites(WriteAccess.unlocked(), audit, CLOCK);

        String result = writes.run(PUT.withBefore("old"), () -> "new", after -> after);

        assertThat(result).isEqualTo("new");
        assertThat(audit.entries()).containsExactly(new AuditEntry(CLOCK.instant(), "acc", "KV", "put value",
                "cache/user:1", true, null, "old", "new"));
    }

    @Test
    void aFailureIsRecordedWithItsMessageAndRethrownUnchanged() {
        AuditTrail audit = AuditTrail.inMemory();
        ResourceWrites writes = new ResourceWrites(WriteAccess.unlocked(), audit, CLOCK);
        IllegalStateException boom = new IllegalStateException("value too large");

        assertThatThrownBy(() -> writes.run(PUT, () -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.succeeded()).isFalse();
            assertThat(e.error()).isEqualTo("value too large");
            assertThat(e.summary()).isEqualTo("KV put value cache/user:1 — failed: value too large");
        });
    }

    @Test
    void unlockingAndLockingTellListenersOnlyOnChange() {
        WriteAccess access = WriteAccess.forDemo(false);
        List<Boolean> heard = new ArrayList<>();
        access.addListener(heard::add);

        access.lock();
        access.unlock();
        access.unlock();
        access.lock();

        assertThat(heard).containsExactly(true, false);
        assertThat(WriteAccess.forDemo(true).isUnlocked()).isTrue();
    }

    @Test
    void deletesNeedTheExactName() {
        DeleteConfirmation.require("KV namespace", "cache", "cache");
        assertThatThrownBy(() -> DeleteConfirmation.require("KV namespace", "cache", "Cache"))
                .isInstanceOf(ConfirmationMismatchException.class)
                .hasMessage("Type the KV namespace name, cache, exactly to delete it; nothing was deleted.");
        assertThatThrownBy(() -> DeleteConfirmation.require("KV namespace", "cache", null))
                .isInstanceOf(ConfirmationMismatchException.class);
    }

    @Test
    void thePersistentTrailSurvivesARestartAndSkipsBrokenLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/audit.ndjson");
        AuditTrail first = AuditTrail.persistent(file);
        new ResourceWrites(WriteAccess.unlocked(), first, CLOCK).run(PUT.withBefore(null), () -> "v", v -> v);
        Files.writeString(file, "{not json\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        new ResourceWrites(WriteAccess.unlocked(), first, CLOCK)
                .run(ResourceWrites.Write.of("acc", "R2", "delete bucket", "photos"), () -> { });

        AuditTrail second = AuditTrail.persistent(file);

        assertThat(second.entries()).extracting(AuditEntry::summary).containsExactly(
                "KV put value cache/user:1 — ok", "R2 delete bucket photos — ok");
        Path export = dir.resolve("export.ndjson");
        second.exportNdjson(export);
        assertThat(Files.readAllLines(export)).hasSize(2).first().asString()
                .contains("\"product\":\"KV\"").contains("\"after\":\"v\"").doesNotContain("\"before\"");
    }

    @Test
    void valuesAreKeptAsTextOrFingerprinted() {
        assertThat(AuditValues.describe(null)).isNull();
        assertThat(AuditValues.describe("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":1}\n");
        assertThat(AuditValues.describe(new byte[] {(byte) 0xff, 0, 1}))
                .matches("<3 bytes, sha256 [0-9a-f]{64}>");
        assertThat(AuditValues.describe("x".repeat(AuditValues.MAX_TEXT + 1).getBytes(StandardCharsets.UTF_8)))
                .startsWith("<4097 bytes, sha256 ");
    }
}
