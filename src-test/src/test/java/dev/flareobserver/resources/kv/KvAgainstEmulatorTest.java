package dev.flareobserver.resources.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.kv.KvBulkEntry;
import dev.flareobserver.api.kv.KvBulkValue;
import dev.flareobserver.api.kv.KvKey;
import dev.flareobserver.api.kv.KvKeyListParams;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.api.kv.KvNamespacesClient;
import dev.flareobserver.api.kv.KvWriteOptions;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.AuditEntry;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.resources.kv.KvExpiry;
import dev.flareobserver.orchestration.resources.kv.KvKeyBrowser;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers KV end to end: the real client and KvService against the emulator over loopback HTTP. Every operation,
 * every limit (Cloudflare's error from the emulator when sent, a clear local message from the service which
 * then sends nothing), read-only mode on every write path, typed deletes, and expiry.
 */
class KvAgainstEmulatorTest {

    private static final String VALUE_PUT = "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}";

    /** The emulator's clock, moved by the expiry test. */
    private static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private static final TestClock CLOCK = new TestClock();
    private static Emulator emulator;
    private static AccountConnection connection;
    private static String account;
    @TempDir
    Path dir;
    private WriteAccess access;
    private AuditTrail audit;
    private KvService kv;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().clock(CLOCK).build());
        connection = Monitors.connect(emulator);
        account = connection.currentAccount().orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void service() {
        access = WriteAccess.unlocked();
        audit = AuditTrail.inMemory();
        kv = new KvService(connection, new ResourceWrites(access, audit, CLOCK), CLOCK);
    }

    private static CloudflareClient client() {
        return connection.client().orElseThrow();
    }

    private static KvNamespacesClient namespaces() {
        return client().kv().namespaces();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private KvNamespace fresh(String title) {
        return kv.createNamespace(title);
    }

    @Test
    void everyOperationWorksEndToEnd() {
        KvNamespace ns = fresh("e2e-ops");
        kv.renameNamespace(ns, "e2e-ops-renamed");
        assertThat(namespaces().get(account, ns.id()).title()).isEqualTo("e2e-ops-renamed");
        assertThat(kv.namespaces()).extracting(KvNamespace::title).contains("e2e-ops-renamed").doesNotContain("e2e-ops");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, 1};
        Map<String, byte[]> values = Map.of(
                "config/app settings.json", utf8("{\"a\":1}"),
                "ü/日本語/🔥", utf8("unicode"),
                "symbols/100%+?#&=", utf8("url-special"),
                "binary/logo.png", png);
        values.forEach((key, value) -> kv.put(ns, key, value, null, null));
        kv.put(ns, "session:1", utf8("s"), "{\"user\":\"ada\"}", KvExpiry.ttl(3600));
        values.forEach((key, value) -> assertThat(kv.read(ns.id(), key).bytes()).as(key).isEqualTo(value));
        assertThat(kv.read(ns.id(), "session:1").metadata().path("user").asText()).isEqualTo("ada");
        assertThat(namespaces().metadata(account, ns.id()).get("binary/logo.png")).isNull();

        KvKeyBrowser browser = kv.browse(ns.id(), "");
        browser.loadNext();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < browser.size(); i++) {
            keys.add(browser.key(i));
        }
        assertThat(keys).containsExactly("binary/logo.png", "config/app settings.json", "session:1",
                "symbols/100%+?#&=", "ü/日本語/🔥");
        assertThat(browser.expiration(2)).isGreaterThan(CLOCK.instant().getEpochSecond());
        assertThat(browser.metadataJson(2)).isEqualTo("{\"user\":\"ada\"}");

        var bulk = namespaces().bulk(account, ns.id());
        assertThat(bulk.write(List.of(KvBulkEntry.text("bulk:a", "1"), KvBulkEntry.binary("bulk:b", new byte[] {0, 1})
                .withMetadata(new ObjectMapper().createObjectNode().put("m", 1)))).successfulKeyCount()).isEqualTo(2);
        Map<String, KvBulkValue> got = bulk.get(List.of("bulk:a", "bulk:b", "bulk:none"), true);
        assertThat(got.get("bulk:a").text()).isEqualTo("1");
        assertThat(got.get("bulk:b").metadata().path("m").asInt()).isEqualTo(1);
        assertThat(got.get("bulk:none")).isNull();
        bulk.delete(List.of("bulk:a"));
        bulk.deleteWithDeleteVerb(List.of("bulk:b"));
        assertThat(namespaces().keys(account, ns.id()).listAll(KvKeyListParams.withPrefix("bulk:")).stream()).isEmpty();

        kv.delete(ns, "session:1");
        assertThatThrownBy(() -> kv.read(ns.id(), "session:1")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("key not found");
        kv.deleteNamespace(new KvNamespace(ns.id(), "e2e-ops-renamed", true), "e2e-ops-renamed");
        assertThatThrownBy(() -> namespaces().get(account, ns.id())).isInstanceOf(NotFoundException.class);
        assertThat(audit.entries()).allMatch(AuditEntry::succeeded).extracting(AuditEntry::action)
                .contains("create namespace", "rename namespace", "put value", "delete key", "delete namespace");
    }

    @Test
    void eachLimitGivesCloudflaresErrorWhenSentAndAClearLocalMessageFromTheService() {
        KvNamespace ns = fresh("e2e-limits");
        var values = namespaces().values(account, ns.id());
        String longKey = "k".repeat(513);
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        String bigMetadata = "{\"m\":\"" + "x".repeat(1017) + "\"}";

        assertApiError(() -> values.put(longKey, utf8("v"), null), 414, "UTF-8 encoded length of 513 exceeds key length limit of 512.");
        assertApiError(() -> values.put("big", big, null), 413, "Value length of 26214401 exceeds limit of 26214400.");
        assertApiError(() -> values.put("meta", utf8("v"), KvWriteOptions.none().withMetadata(json(bigMetadata))), 413,
                "Metadata length of 1025 exceeds limit of 1024.");
        assertApiError(() -> values.put("ttl", utf8("v"), KvWriteOptions.none().withExpirationTtl(59L)), 400,
                "Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
        long sentBefore = emulator.stats().snapshot().count(VALUE_PUT);

        assertThatThrownBy(() -> kv.put(ns, longKey, utf8("v"), null, null)).isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("The key is 513 bytes in UTF-8; KV keys may be at most 512 bytes.");
        assertThatThrownBy(() -> kv.put(ns, "big", big, null, null)).isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("The value is 25.0 MiB; KV values may be at most 25 MiB (26,214,400 bytes).");
        assertThatThrownBy(() -> kv.put(ns, "meta", utf8("v"), bigMetadata, null))
                .isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("The metadata is 1025 bytes as JSON; KV metadata may be at most 1024 bytes.");
        assertThatThrownBy(() -> kv.put(ns, "ttl", utf8("v"), null, KvExpiry.ttl(59)))
                .isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("An expiration TTL of 59 seconds is too short; KV keys must live at least 60 seconds.");

        assertThat(emulator.stats().snapshot().count(VALUE_PUT)).as("the service sent nothing").isEqualTo(sentBefore);
        assertThat(namespaces().keys(account, ns.id()).list(KvKeyListParams.all()).items()).as("nothing changed").isEmpty();
    }

    @Test
    void readOnlyModeBlocksEveryKvWritePath() throws Exception {
        KvNamespace ns = fresh("e2e-readonly");
        kv.put(ns, "existing", utf8("before"), null, null);
        Path file = dir.resolve("import.json");
        Files.writeString(file, "[{\"key\":\"imported\",\"value\":\"x\"}]");
        long requestsBefore = emulator.stats().snapshot().total();
        int auditBefore = audit.entries().size();
        access.lock();

        // Every write the KV service offers (the page and the command line have no other way to write).
        List<ThrowingCallable> writePaths = List.of(
                () -> kv.createNamespace("e2e-readonly-new"),
                () -> kv.renameNamespace(ns, "e2e-readonly-renamed"),
                () -> kv.deleteNamespace(ns, ns.title()),
                () -> kv.put(ns, "existing", utf8("after"), null, null),
                () -> kv.put(ns, "new-key", utf8("v"), "{\"a\":1}", KvExpiry.ttl(120)),
                () -> kv.delete(ns, "existing"),
                () -> kv.importBulk(ns, file, null));
        for (ThrowingCallable write : writePaths) {
            assertThatThrownBy(write).isInstanceOf(ReadOnlyException.class).hasMessageContaining("was not sent");
        }

        assertThat(emulator.stats().snapshot().total()).as("no request reached the emulator").isEqualTo(requestsBefore);
        assertThat(audit.entries()).hasSize(auditBefore);
        access.unlock();
        assertThat(new String(kv.read(ns.id(), "existing").bytes(), StandardCharsets.UTF_8)).isEqualTo("before");
        assertThat(kv.findNamespace("e2e-readonly")).isPresent();
    }

    @Test
    void deletingANamespaceNeedsItsExactTitle() {
        KvNamespace ns = fresh("e2e-typed");
        for (String wrong : new String[] {"", "e2e-Typed", "e2e-typed ", ns.id()}) {
            assertThatThrownBy(() -> kv.deleteNamespace(ns, wrong)).isInstanceOf(ConfirmationMismatchException.class);
        }
        assertThat(namespaces().get(account, ns.id()).title()).isEqualTo("e2e-typed");
        kv.deleteNamespace(ns, "e2e-typed");
        assertThat(kv.findNamespace("e2e-typed")).isEmpty();
    }

    @Test
    void theBrowserPagesThroughThousandsOfDemoKeysInByteOrder() {
        KvNamespace profiles = kv.findNamespace("user-profiles").orElseThrow();
        KvKeyBrowser browser = kv.browse(profiles.id(), "user:");
        int pages = 0;
        while (!browser.isComplete()) {
            browser.loadNext();
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(browser.size()).isEqualTo(3_040);
        for (int i = 1; i < browser.size(); i++) {
            assertThat(browser.key(i - 1).compareTo(browser.key(i))).as("ordered at %d", i).isNegative();
        }
    }

    @Test
    void bulkExportAndImportRoundTripBinaryValuesMetadataAndExpirations() throws Exception {
        KvNamespace config = kv.findNamespace("site-config").orElseThrow();
        Path file = dir.resolve("site-config.json");
        int exported = kv.exportBulk(config, null, file, null);
        assertThat(exported).isGreaterThan(150);

        KvNamespace copy = fresh("e2e-import");
        assertThat(kv.importBulk(copy, file, null)).isEqualTo(exported);

        for (String key : List.of("binary/random-256", "binary/latin1-text", "images/logo.png", "i18n/greeting/日本語",
                "control/bell\u0007char", "config/flags/passkeys")) {
            assertThat(kv.read(copy.id(), key).bytes()).as(key).isEqualTo(kv.read(config.id(), key).bytes());
        }
        assertThat(kv.read(copy.id(), "config/flags/passkeys").metadata())
                .isEqualTo(kv.read(config.id(), "config/flags/passkeys").metadata());
        List<KvKey> maintenance = namespaces().keys(account, copy.id())
                .list(KvKeyListParams.withPrefix("config/maintenance")).items();
        assertThat(maintenance.get(0).expiration()).isNotNull();
    }

    @Test
    void expiredKeysVanish() {
        KvNamespace ns = fresh("e2e-expiry");
        kv.put(ns, "short-lived", utf8("v"), null, KvExpiry.ttl(60));
        kv.put(ns, "forever", utf8("v"), null, KvExpiry.never());

        CLOCK.now.updateAndGet(t -> t.plus(Duration.ofSeconds(61)));

        assertThatThrownBy(() -> namespaces().values(account, ns.id()).get("short-lived")).isInstanceOf(NotFoundException.class);
        assertThat(namespaces().keys(account, ns.id()).list(KvKeyListParams.all()).items()).extracting(KvKey::name)
                .containsExactly("forever");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertApiError(ThrowingCallable call, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CloudflareApiException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.errors()).isNotEmpty();
            assertThat(e.errors().get(0).message()).isEqualTo(message);
            assertThat(e.errors().get(0).code()).isGreaterThanOrEqualTo(1000);
        });
    }
}
