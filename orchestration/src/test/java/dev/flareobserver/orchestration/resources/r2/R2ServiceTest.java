package dev.flareobserver.orchestration.resources.r2;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.ApiResponses.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionOptions;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.orchestration.resources.AuditEntry;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.transport.NotFoundException;
import dev.flareobserver.transport.RetryPolicy;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's own rules (validation, read-only, typed deletes, caches, transfers) against a scripted API. */
class R2ServiceTest {
    private static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final String BUCKETS = "{\"buckets\":[{\"name\":\"assets\",\"creation_date\":\"2026-01-01T00:00:00Z\","
            + "\"location\":\"enam\",\"storage_class\":\"Standard\"}]}";

    @TempDir
    Path dir;
    private final MockWebServer server = new MockWebServer();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, MockResponse> rest = r -> json(404, error(7003, "No route for the URI"));
    private AccountConnection connection;
    private final WriteAccess access = WriteAccess.unlocked();
    private final AuditTrail audit = AuditTrail.inMemory();
    private R2Service r2;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (path.equals("/client/v4/user/tokens/verify")) {
                    return json(200, ok("{\"id\":\"tok\",\"status\":\"active\"}"));
                }
                if (path.equals("/client/v4/accounts")) {
                    return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"" + ACCOUNT
                            + "\",\"name\":\"Acme\"}],\"result_info\":{\"page\":1,\"per_page\":20,\"count\":1,"
                            + "\"total_count\":1}}");
                }
                requests.add(request.getMethod() + " " + request.getPath().substring("/client/v4".length()));
                return rest.apply(request);
            }
        });
        server.start();
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", TOKEN,
                "CLOUDFLARE_API_BASE_URL", server.url("/client/v4").toString())).orElseThrow();
        connection = new AccountConnection(settings, ConnectionOptions.defaults().withRetryPolicy(RetryPolicy.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(connection.connect().state()).isEqualTo(ConnectionState.CONNECTED);
        r2 = new R2Service(connection, new ResourceWrites(access, audit, Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws IOException {
        connection.close();
        server.shutdown();
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return Files.write(dir.resolve(name), bytes);
    }

    /** A task context that records progress and can be cancelled from inside a progress report. */
    static final class RecordingTask implements TaskContext {
        final List<Double> progress = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        volatile boolean cancelled;
        double cancelAt = 2;

        @Override
        public void progress(double fraction) {
            progress.add(fraction);
            if (fraction >= cancelAt) {
                cancelled = true;
            }
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void throwIfCancelled() {
            if (cancelled) {
                throw new CancellationException();
            }
        }
    }

    @Test
    void badNamesKeysSizesAndMetadataAreRefusedBeforeAnyRequestWithTheRule() throws IOException {
        for (String bad : List.of("ab", "Assets", "-assets", "assets-", "as_sets", "a".repeat(64))) {
            assertThatThrownBy(() -> r2.createBucket(bad, null, null)).as(bad)
                    .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("3 to 63 characters");
        }
        Path small = file("a.txt", 10);
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "k".repeat(1025), small), new RecordingTask()))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("1025 bytes")
                .hasMessageContaining("at most 1024");
        // 600 two-byte characters: 1200 bytes of UTF-8 although only 600 characters.
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "é".repeat(600), small), new RecordingTask()))
                .hasMessageContaining("1200 bytes");
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "bad\uD800key", small), new RecordingTask()))
                .hasMessageContaining("not valid Unicode");
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(R2Service.MAX_UPLOAD_BYTES + 1); // sparse: costs no disk
        }
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "huge.bin", huge), new RecordingTask()))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("at most 300 MiB");
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "a", small)
                .withCustomMetadata(Map.of("owner", "ünïcode")), new RecordingTask()))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "a", small)
                .withCustomMetadata(Map.of("big", "v".repeat(9000))), new RecordingTask()))
                .hasMessageContaining("at most 8192");
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "a", small).withContentType("not a type"),
                new RecordingTask())).hasMessageContaining("is not a content type");
        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "a", dir.resolve("missing.txt")),
                new RecordingTask())).hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> r2.folder("assets", "no-slash", null)).hasMessageContaining("ending in \"/\"");
        assertThat(requests).isEmpty();
    }

    @Test
    void readOnlyModeBlocksEveryWritePathBeforeAnyRequest() throws IOException {
        access.lock();
        Path f = file("a.txt", 10);
        List<Runnable> writes = List.of(
                () -> r2.createBucket("photos", R2Location.WEUR, R2StorageClass.STANDARD),
                () -> r2.deleteBucket("assets", "assets"),
                () -> r2.upload(R2Upload.of("assets", "a.txt", f), new RecordingTask()),
                () -> r2.deleteObject("assets", "a.txt", "a.txt"));
        for (Runnable write : writes) {
            assertThatThrownBy(write::run).isInstanceOf(ReadOnlyException.class).hasMessageContaining("Read-only");
        }
        // Locked even for input that is also invalid: the lock is what the user must hear about.
        assertThatThrownBy(() -> r2.createBucket("BAD", null, null)).isInstanceOf(ReadOnlyException.class);
        assertThat(requests).isEmpty();
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void deletesNeedTheTypedNameExactly() {
        assertThatThrownBy(() -> r2.deleteBucket("assets", "asset")).isInstanceOf(ConfirmationMismatchException.class)
                .hasMessageContaining("assets");
        assertThatThrownBy(() -> r2.deleteObject("assets", "images/a.png", "a.png"))
                .isInstanceOf(ConfirmationMismatchException.class);
        assertThatThrownBy(() -> r2.deleteObject("assets", "images/a.png", null))
                .isInstanceOf(ConfirmationMismatchException.class);
        assertThat(requests).isEmpty();

        rest = r -> json(200, ok("{}"));
        r2.deleteObject("assets", "images/a.png", "images/a.png");
        assertThat(requests).containsExactly("DELETE /accounts/" + ACCOUNT + "/r2/buckets/assets/objects/images%2Fa.png");
        assertThat(audit.entries()).extracting(AuditEntry::summary)
                .containsExactly("R2 delete object assets/images/a.png — ok");
    }

    @Test
    void listingsAreCachedUntilAWriteToThem() throws IOException {
        rest = r -> {
            if (r.getMethod().equals("GET") && r.getPath().contains("/objects")) {
                return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"key\":\"docs/\","
                        + "\"size\":0,\"etag\":\"e\"},{\"key\":\"docs/a.txt\",\"size\":3,\"etag\":\"e\"}],"
                        + "\"result_info\":{\"delimited\":[\"docs/old/\"],\"is_truncated\":\"false\",\"per_page\":200}}");
            }
            if (r.getMethod().equals("PUT")) {
                r.getBody().readByteArray();
                return json(200, ok("{\"key\":\"docs/b.txt\",\"size\":10,\"etag\":\"f\"}"));
            }
            return json(200, ok(BUCKETS));
        };
        r2.buckets();
        r2.buckets();
        R2FolderPage page = r2.folder("assets", "docs/", null);
        r2.folder("assets", "docs/", null);
        assertThat(page.folders()).containsExactly("docs/old/");
        // The folder marker "docs/" is the folder itself, not a file in it.
        assertThat(page.objects()).extracting(o -> o.key()).containsExactly("docs/a.txt");
        assertThat(page.hasMore()).isFalse();
        assertThat(requests).hasSize(2);

        r2.upload(R2Upload.of("assets", "docs/b.txt", file("b.txt", 10)), new RecordingTask());
        r2.folder("assets", "docs/", null);
        r2.buckets();
        assertThat(requests).hasSize(4);
        r2.createBucket("photos", null, null);
        r2.buckets();
        assertThat(requests).hasSize(6);
    }

    @Test
    void anUploadStreamsTheFileReportsProgressAndIsAudited() throws Exception {
        Path f = file("photo.png", 300_000);
        rest = r -> {
            byte[] body = r.getBody().readByteArray();
            return json(200, ok("{\"key\":\"images/photo.png\",\"size\":" + body.length + ",\"etag\":\"abc\","
                    + "\"http_metadata\":{\"contentType\":\"" + r.getHeader("Content-Type") + "\"}}"));
        };
        RecordingTask task = new RecordingTask();

        var stored = r2.upload(R2Upload.of("assets", "images/photo.png", f).withCustomMetadata(Map.of("owner", "ann")),
                task);

        assertThat(stored.size()).isEqualTo(300_000);
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(task.progress).isSorted().last().isEqualTo(1.0);
        assertThat(task.messages).last().isEqualTo("Uploading 293.0 KB of 293.0 KB");
        assertThat(audit.entries()).extracting(AuditEntry::summary)
                .containsExactly("R2 upload object assets/images/photo.png — ok");
        assertThat(audit.entries().get(0).after()).isEqualTo("293.0 KB, etag abc");
    }

    @Test
    void aCancelledUploadStopsAndIsRecordedAsFailed() throws IOException {
        Path f = file("big.bin", 3_000_000);
        rest = r -> json(200, ok("{\"key\":\"big.bin\",\"size\":1,\"etag\":\"x\"}"));
        RecordingTask task = new RecordingTask();
        task.cancelAt = 0.2;

        assertThatThrownBy(() -> r2.upload(R2Upload.of("assets", "big.bin", f), task))
                .isInstanceOf(CancellationException.class);
        assertThat(task.progress).last().matches(p -> p < 0.5);
        assertThat(audit.entries()).singleElement().satisfies(e -> assertThat(e.succeeded()).isFalse());
    }

    @Test
    void aDownloadLandsWholeOrNotAtAll() throws Exception {
        byte[] bytes = Files.readAllBytes(file("source.bin", 500_000));
        Path target = dir.resolve("out").resolve("copy.bin");
        Files.createDirectories(target.getParent());
        rest = r -> new MockResponse().setBody(new Buffer().write(bytes)).setHeader("ETag", "\"e1\"")
                .setHeader("Content-Type", "application/octet-stream");

        R2Download done = r2.download("assets", "data/source.bin", target, new RecordingTask());
        assertThat(done.bytes()).isEqualTo(500_000);
        assertThat(done.etag()).isEqualTo("e1");
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);

        Files.writeString(target, "older copy");
        RecordingTask cancelling = new RecordingTask();
        cancelling.cancelAt = 0.3;
        assertThatThrownBy(() -> r2.download("assets", "data/source.bin", target, cancelling))
                .isInstanceOf(CancellationException.class);
        assertThat(Files.readString(target)).isEqualTo("older copy");
        assertThat(dir.resolve("out").resolve("copy.bin.part")).doesNotExist();

        rest = r -> json(404, error(10007, "The specified key does not exist."));
        assertThatThrownBy(() -> r2.download("assets", "gone.bin", target, new RecordingTask()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("The specified key does not exist.");
        assertThat(Files.list(dir.resolve("out"))).containsExactly(target);
    }
}
