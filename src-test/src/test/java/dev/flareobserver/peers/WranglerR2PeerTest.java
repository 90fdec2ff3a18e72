package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real wrangler (4.x, from npm) against the emulator: {@code r2 bucket list|create}, {@code r2 object
 * put|get --remote}. Wrangler 4 uses the v4 REST paths {@code .../r2/buckets} (reading {@code result.buckets})
 * and {@code .../r2/buckets/{bucket}/objects/{key}} with the key's slashes unencoded, a raw body for put and a
 * raw answer for get. What it changed is then checked the way the app sees it, through the R2 service.
 */
class WranglerR2PeerTest {

    private static Emulator emulator;
    private static String accountId;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        accountId = emulator.accounts().get(0).id();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Wrangler.Run wrangler(Path dir, String... args) throws Exception {
        return Wrangler.run(emulator, dir, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", accountId), args);
    }

    /** The app's view of the account: its R2 service on a fresh connection. */
    private static <T> T app(java.util.function.Function<R2Service, T> read) throws Exception {
        try (AccountConnection connection = Monitors.connect(emulator)) {
            connection.selectAccount(accountId);
            return read.apply(new R2Service(connection, ResourceWrites.unlockedInMemory()));
        }
    }

    private static void download(String bucket, String key, Path target) throws Exception {
        app(r2 -> TaskRunner.sameThread().submit("download", t -> r2.download(bucket, key, target, t)).result().join());
    }

    @Test
    void bucketListShowsTheDemoBuckets(@TempDir Path dir) throws Exception {
        Wrangler.Run run = wrangler(dir, "r2", "bucket", "list");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("website-assets", "user-uploads", "data-archive", "scratch-space");
        assertThat(run.output()).doesNotContain(emulator.userToken());
    }

    @Test
    void bucketCreateMakesABucketTheAppLists(@TempDir Path dir) throws Exception {
        Wrangler.Run run = wrangler(dir, "r2", "bucket", "create", "from-wrangler", "--location", "weur");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Created bucket 'from-wrangler'");
        R2Bucket bucket = app(r2 -> r2.buckets().stream().filter(b -> b.name().equals("from-wrangler")).findFirst())
                .orElseThrow();
        assertThat(bucket.location()).isEqualTo(R2Location.WEUR);
    }

    @Test
    void objectPutStoresTheFileUnderAKeyWithSlashesAndTheAppReadsItBack(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[256 * 1024];
        new Random(42).nextBytes(bytes);
        Files.write(dir.resolve("report.bin"), bytes);

        Wrangler.Run run = wrangler(dir, "r2", "object", "put", "scratch-space/reports/2026/report.bin",
                "--file", "report.bin", "--content-type", "application/x-report", "--remote");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Upload complete");
        R2Object stored = app(r2 -> r2.metadata("scratch-space", "reports/2026/report.bin")).orElseThrow();
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.contentType()).isEqualTo("application/x-report");
        List<String> folders = app(r2 -> r2.folder("scratch-space", "reports/", null).folders());
        assertThat(folders).containsExactly("reports/2026/");
        Path copy = dir.resolve("copy.bin");
        download("scratch-space", "reports/2026/report.bin", copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
    }

    @Test
    void objectGetWritesTheObjectsBytesAndAMissingKeyFailsAsWithCloudflare(@TempDir Path dir) throws Exception {
        Wrangler.Run run = wrangler(dir, "r2", "object", "get", "website-assets/images/logo.png", "--file", "logo.png",
                "--remote");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Download complete");
        Path expected = dir.resolve("expected.png");
        download("website-assets", "images/logo.png", expected);
        assertThat(Files.mismatch(dir.resolve("logo.png"), expected)).isEqualTo(-1L);

        Wrangler.Run missing = wrangler(dir, "r2", "object", "get", "website-assets/no/such.png", "--file", "x.png",
                "--remote");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("The specified key does not exist.");
    }
}
