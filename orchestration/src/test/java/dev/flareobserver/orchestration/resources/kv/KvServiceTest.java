package dev.flareobserver.orchestration.resources.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.orchestration.resources.AuditEntry;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.transport.CloudflareApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvServiceTest {

    @TempDir
    Path dir;
    private KvFakeApi api;
    private WriteAccess access;
    private AuditTrail audit;
    private KvService kv;
    private KvNamespace cache;

    @BeforeEach
    void start() throws Exception {
        api = new KvFakeApi();
        KvFakeApi.Namespace ns = api.add("cache");
        cache = new KvNamespace(ns.id, ns.title, true);
        access = WriteAccess.unlocked();
        audit = AuditTrail.inMemory();
        kv = new KvService(api.connect(), new ResourceWrites(access, audit, Clock.systemUTC()), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyLimitIsRefusedLocallyWithAClearMessageAndNothingIsSent() {
        assertThatThrownBy(() -> kv.put(cache, "😀".repeat(129), utf8("v"), null, KvExpiry.never()))
                .isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("The key is 516 bytes in UTF-8; KV keys may be at most 512 bytes.");
        assertThatThrownBy(() -> kv.put(cache, "big", new byte[KvLimits.MAX_VALUE_BYTES + 1], null, KvExpiry.never()))
                .isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("The value is 25.0 MiB; KV values may be at most 25 MiB (26,214,400 bytes).");
        assertThatThrownBy(() -> kv.put(cache, "m", utf8("v"), "{\"m\":\"" + "x".repeat(1017) + "\"}", KvExpiry.never()))
                .isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("The metadata is 1025 bytes as JSON; KV metadata may be at most 1024 bytes.");
        assertThatThrownBy(() -> kv.put(cache, "m", utf8("v"), "{oops", KvExpiry.never()))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageStartingWith("The metadata is not valid JSON");
        assertThatThrownBy(() -> kv.put(cache, "t", utf8("v"), null, KvExpiry.ttl(59)))
                .isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("An expiration TTL of 59 seconds is too short; KV keys must live at least 60 seconds.");
        assertThatThrownBy(() -> kv.put(cache, "t", utf8("v"), null, KvExpiry.at(Instant.now().plusSeconds(30))))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("at least 60 seconds in the future");
        assertThatThrownBy(() -> kv.put(cache, "..", utf8("v"), null, null))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("cannot be used as a key name");
        assertThatThrownBy(() -> kv.read(cache.id(), "k".repeat(513))).isInstanceOf(InvalidResourceInputException.class);
        assertThatThrownBy(() -> kv.createNamespace(" ")).isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("A namespace title must not be blank.");
        assertThatThrownBy(() -> kv.renameNamespace(cache, "t".repeat(513)))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("at most 512");

        assertThat(api.requests).as("nothing reached the API").isEmpty();
        assertThat(audit.entries()).as("refused input is not a write attempt").isEmpty();
    }

    @Test
    void readOnlyModeBlocksEveryWritePathBeforeAnyRequest() throws Exception {
        Path file = dir.resolve("bulk.json");
        Files.writeString(file, "[{\"key\":\"a\",\"value\":\"1\"}]");
        access.lock();
        List<ThrowingCallable> writePaths = List.of(
                () -> kv.createNamespace("new-ns"),
                () -> kv.renameNamespace(cache, "renamed"),
                () -> kv.deleteNamespace(cache, "cache"),
                () -> kv.put(cache, "k", utf8("v"), null, KvExpiry.never()),
                () -> kv.delete(cache, "k"),
                () -> kv.importBulk(cache, file, null));

        for (ThrowingCallable write : writePaths) {
            assertThatThrownBy(write).isInstanceOf(ReadOnlyException.class).hasMessageContaining("Read-only mode");
        }
        assertThat(api.requests).isEmpty();
        assertThat(audit.entries()).isEmpty();
        assertThat(api.byTitle("cache").keys).isEmpty();
    }

    @Test
    void deletingANamespaceNeedsItsExactTitle() {
        assertThatThrownBy(() -> kv.deleteNamespace(cache, "Cache")).isInstanceOf(ConfirmationMismatchException.class)
                .hasMessageContaining("Type the KV namespace name, cache, exactly");
        assertThat(api.requests).isEmpty();

        kv.deleteNamespace(cache, "cache");

        assertThat(api.namespaces).isEmpty();
        assertThat(audit.entries()).extracting(AuditEntry::summary).containsExactly(
                "KV delete namespace cache (" + cache.id() + ") — ok");
    }

    @Test
    void writesAreAuditedWithTheValueBeforeAndAfter() {
        kv.put(cache, "greeting", utf8("hello"), null, KvExpiry.never());
        kv.put(cache, "greeting", utf8("hello again"), "{\"lang\":\"en\"}", KvExpiry.ttl(120));
        kv.put(cache, "blob", new byte[] {0, (byte) 0xff}, null, null);
        kv.delete(cache, "greeting");

        List<AuditEntry> entries = audit.entries();
        assertThat(entries).extracting(AuditEntry::action).containsExactly("put value", "put value", "put value", "delete key");
        assertThat(entries.get(0).before()).isNull();
        assertThat(entries.get(0).after()).isEqualTo("hello");
        assertThat(entries.get(1).before()).isEqualTo("hello");
        assertThat(entries.get(1).after()).isEqualTo("hello again");
        assertThat(entries.get(2).after()).startsWith("<2 bytes, sha256 ");
        assertThat(entries.get(3).before()).isEqualTo("hello again");
        assertThat(entries.get(3).target()).isEqualTo("cache/greeting");
        assertThat(api.byTitle("cache").keys).containsOnlyKeys("blob");
    }

    @Test
    void aFailedWriteIsAuditedAsFailedAndChangesNothing() {
        api.refusedKey = "bad";

        assertThatThrownBy(() -> kv.put(cache, "bad", utf8("v"), null, null))
                .isInstanceOf(CloudflareApiException.class).hasMessageContaining("the fake refuses this key");

        assertThat(audit.entries()).hasSize(1);
        assertThat(audit.entries().get(0).succeeded()).isFalse();
        assertThat(audit.entries().get(0).error()).contains("the fake refuses this key");
        assertThat(api.byTitle("cache").keys).isEmpty();
    }

    @Test
    void namespacesAndValuesAreCachedUntilAWrite() {
        kv.put(cache, "k", utf8("one"), "{\"v\":1}", null);
        assertThat(kv.namespaces()).extracting(KvNamespace::title).containsExactly("cache");
        kv.namespaces();
        assertThat(api.count("GET ")).as("one list request for two calls").isEqualTo(1 + 1);

        KvValue first = kv.read(cache.id(), "k");
        kv.read(cache.id(), "k");
        assertThat(first.metadata().path("v").asInt()).isEqualTo(1);
        assertThat(api.count("GET /" + cache.id() + "/values/k")).isEqualTo(1 + 1);

        kv.put(cache, "k", utf8("two"), null, null);
        assertThat(new String(kv.read(cache.id(), "k").bytes(), StandardCharsets.UTF_8)).isEqualTo("two");
        kv.createNamespace("sessions");
        assertThat(kv.namespaces()).extracting(KvNamespace::title).containsExactly("cache", "sessions");
    }

    @Test
    void renameAndCreateGoThroughTheApiAndTheTrail() {
        KvNamespace created = kv.createNamespace("sessions");
        kv.renameNamespace(created, "sessions-v2");

        assertThat(api.byTitle("sessions-v2").id).isEqualTo(created.id());
        assertThat(audit.entries()).extracting(AuditEntry::action).containsExactly("create namespace", "rename namespace");
        assertThat(audit.entries().get(1).before()).isEqualTo("sessions");
        assertThat(audit.entries().get(1).after()).isEqualTo("sessions-v2");
        assertThatThrownBy(() -> kv.createNamespace("cache")).isInstanceOf(CloudflareApiException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void bulkExportWritesWranglersFormatAndImportReadsItBack() throws Exception {
        kv.put(cache, "text", utf8("héllo"), "{\"a\":1}", null);
        kv.put(cache, "binary", new byte[] {(byte) 0xff, 0, 1}, null, null);
        Path file = dir.resolve("export.json");

        int exported = kv.exportBulk(cache, null, file, null);

        assertThat(exported).isEqualTo(2);
        String json = Files.readString(file);
        assertThat(json).contains("\"key\" : \"binary\"").contains("\"value\" : \"/wAB\"").contains("\"base64\" : true")
                .contains("\"value\" : \"héllo\"").contains("\"metadata\" : {");

        KvNamespace copy = kv.createNamespace("copy");
        assertThat(kv.importBulk(copy, file, null)).isEqualTo(2);
        assertThat(api.byTitle("copy").keys.get("binary").value()).containsExactly(0xff, 0, 1);
        assertThat(api.byTitle("copy").keys.get("text").metadata().path("a").asInt()).isEqualTo(1);
        assertThat(audit.entries().get(audit.entries().size() - 1).target()).isEqualTo("copy: 2 keys, binary … text");
    }

    @Test
    void aBadImportFileIsRefusedBeforeAnyRequest() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"key\":\"ok\",\"value\":\"1\"},{\"key\":\"short\",\"value\":\"2\",\"expiration_ttl\":5}]");
        Path notArray = dir.resolve("object.json");
        Files.writeString(notArray, "{\"key\":\"a\"}");

        assertThatThrownBy(() -> kv.importBulk(cache, file, null)).isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("Item 2 (key \"short\"): An expiration TTL of 5 seconds is too short; KV keys must live at"
                        + " least 60 seconds. Nothing was imported.");
        assertThatThrownBy(() -> kv.importBulk(cache, notArray, null)).isInstanceOf(InvalidResourceInputException.class)
                .hasMessageContaining("must hold a JSON array");
        assertThat(api.requests).isEmpty();
    }
}
