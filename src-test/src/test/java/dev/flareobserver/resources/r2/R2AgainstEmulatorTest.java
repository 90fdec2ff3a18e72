package dev.flareobserver.resources.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2BucketCreate;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.api.r2.R2ObjectListParams;
import dev.flareobserver.api.r2.R2PutOptions;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.resources.AuditEntry;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.resources.r2.R2Download;
import dev.flareobserver.orchestration.resources.r2.R2FolderPage;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import dev.flareobserver.orchestration.resources.r2.R2Upload;
import dev.flareobserver.orchestration.task.Task;
import dev.flareobserver.orchestration.task.TaskRunner;
import dev.flareobserver.orchestration.task.TaskState;
import dev.flareobserver.transport.BadRequestException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.StreamBody;
import dev.flareobserver.transport.Transfer;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R2 end to end: the app's service (orchestration -> core-api -> transport) against the in-process emulator
 * over loopback, with the emulator's files inspected where the bytes must (or must not) be.
 */
class R2AgainstEmulatorTest {

    @TempDir
    static Path stateDir;
    @TempDir
    Path dir;
    static Emulator emulator;
    static AccountConnection connection;
    static final WriteAccess ACCESS = WriteAccess.unlocked();
    static final AuditTrail AUDIT = AuditTrail.inMemory();
    static R2Service r2;
    static CloudflareClient client;
    static String account;
    static TaskRunner tasks;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().stateDir(stateDir).build());
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        connection.connect();
        account = connection.currentAccount().orElseThrow().id();
        client = connection.client().orElseThrow();
        r2 = new R2Service(connection, new ResourceWrites(ACCESS, AUDIT, Clock.systemUTC()));
        tasks = TaskRunner.create();
    }

    @AfterAll
    static void stop() {
        tasks.close();
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void unlocked() {
        ACCESS.unlock();
        r2.refresh();
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + size);
        }
        return Files.write(dir.resolve(name), bytes);
    }

    private static long writes() {
        var s = emulator.stats().snapshot();
        return s.requests().entrySet().stream()
                .filter(e -> e.getKey().matches("(POST|PUT|DELETE) /accounts/\\{account_id}/r2/.*"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Path r2Dir(String name) {
        return stateDir.resolve("data").resolve("r2").resolve(name);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static <T> T await(Task<T> task) throws Exception {
        return task.result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void bucketsAreListedCreatedWithHintAndClassFetchedAndDeleted() {
        assertThat(r2.buckets()).extracting(R2Bucket::name)
                .contains("data-archive", "scratch-space", "user-uploads", "website-assets");

        R2Bucket created = r2.createBucket("e2e-photos", R2Location.EEUR, R2StorageClass.INFREQUENT_ACCESS);
        assertThat(created.location()).isEqualTo(R2Location.EEUR);
        assertThat(r2.buckets()).extracting(R2Bucket::name).contains("e2e-photos");
        assertThat(r2.bucket("e2e-photos").storageClass()).isEqualTo(R2StorageClass.INFREQUENT_ACCESS);

        r2.deleteBucket("e2e-photos", "e2e-photos");
        assertThat(r2.buckets()).extracting(R2Bucket::name).doesNotContain("e2e-photos");
        assertThat(AUDIT.entries()).extracting(AuditEntry::summary).contains(
                "R2 create bucket e2e-photos — ok", "R2 delete bucket e2e-photos — ok");
    }

    @Test
    void aFolderIsListedOneLevelAndOnePageAtATime() {
        long before = emulator.stats().snapshot().count("GET /accounts/{account_id}/r2/buckets/{bucket_name}/objects");
        R2FolderPage top = r2.folder("user-uploads", "", null);
        R2FolderPage docs = r2.folder("user-uploads", "documents/2026/", null);
        r2.folder("user-uploads", "", null);

        assertThat(top.folders()).containsExactly("avatars/", "documents/", "profiles/");
        assertThat(top.objects()).isEmpty();
        assertThat(docs.folders()).containsExactly("documents/2026/contracts/");
        assertThat(docs.objects()).hasSize(15);
        // Two folders, two requests: the second look at the top came from the cache.
        assertThat(emulator.stats().snapshot().count("GET /accounts/{account_id}/r2/buckets/{bucket_name}/objects"))
                .isEqualTo(before + 2);
    }

    @Test
    void anUploadIsStreamedIntoTheEmulatorsFilesAndComesBackByteForByte() throws Exception {
        Path source = file("photo.png", 2_000_000);
        Task<R2Object> up = tasks.submit("upload", t -> r2.upload(R2Upload.of("scratch-space", "e2e/photo.png", source)
                .withCustomMetadata(Map.of("owner", "ann")), t));
        R2Object stored = await(up);

        assertThat(stored.size()).isEqualTo(2_000_000);
        assertThat(files(r2Dir("objects"))).anySatisfy(f -> assertThat(Files.mismatch(f, source)).isEqualTo(-1L));
        R2Object meta = r2.metadata("scratch-space", "e2e/photo.png").orElseThrow();
        assertThat(meta.contentType()).isEqualTo("image/png");
        assertThat(meta.customMetadata()).containsEntry("owner", "ann");
        assertThat(meta.etag()).isEqualTo(stored.etag());
        assertThat(r2.folder("scratch-space", "e2e/", null).objects()).extracting(R2Object::key)
                .containsExactly("e2e/photo.png");

        Path target = dir.resolve("back.png");
        R2Download down = await(tasks.submit("download", t -> r2.download("scratch-space", "e2e/photo.png", target, t)));
        assertThat(down.bytes()).isEqualTo(2_000_000);
        assertThat(Files.mismatch(target, source)).isEqualTo(-1L);

        r2.deleteObject("scratch-space", "e2e/photo.png", "e2e/photo.png");
        assertThat(r2.metadata("scratch-space", "e2e/photo.png")).isEmpty();
    }

    @Test
    void keysWithSpacesPlusPercentQuestionMarksAndNonAsciiTravelIntact() throws Exception {
        String key = "odd/a+b c%20d?x=1#frag/é 😀.txt";
        Path source = file("odd.txt", 1000);
        await(tasks.submit("upload", t -> r2.upload(R2Upload.of("scratch-space", key, source), t)));
        assertThat(r2.metadata("scratch-space", key)).get().extracting(R2Object::key).isEqualTo(key);
        Path target = dir.resolve("odd-copy.txt");
        await(tasks.submit("download", t -> r2.download("scratch-space", key, target, t)));
        assertThat(Files.mismatch(target, source)).isEqualTo(-1L);
        r2.deleteObject("scratch-space", key, key);
    }

    @Test
    void eachLimitIsRefusedLocallyInWordsAndByTheEmulatorWithCloudflaresCode() throws Exception {
        long sent = writes();
        assertThatThrownBy(() -> r2.createBucket("Not_Valid", null, null))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("3 to 63 characters");
        Path small = file("s.txt", 10);
        assertThatThrownBy(() -> r2.upload(R2Upload.of("scratch-space", "k".repeat(1025), small)))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("at most 1024 bytes");
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024 + 1);
        }
        assertThatThrownBy(() -> r2.upload(R2Upload.of("scratch-space", "huge.bin", huge)))
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("at most 300 MiB");
        assertThat(writes()).as("nothing was sent").isEqualTo(sent);

        // The same requests sent anyway, with the plain client: the emulator answers as Cloudflare does.
        assertThat(codeOf(() -> client.r2().buckets().create(account, R2BucketCreate.named("Not_Valid")))).isEqualTo(10005);
        StreamBody smallBody = StreamBody.ofFile(small, "text/plain");
        assertThat(codeOf(() -> client.r2().buckets().objects().put(account, "scratch-space", "k".repeat(1025),
                smallBody, R2PutOptions.defaults(), Transfer.untracked()))).isEqualTo(10020);
        long overLimit = 300L * 1024 * 1024 + 1;
        assertThat(codeOf(() -> client.r2().buckets().objects().put(account, "scratch-space", "huge.bin",
                StreamBody.ofStream(new Zeros(overLimit), overLimit, "application/octet-stream"), R2PutOptions.defaults(),
                Transfer.untracked()))).isEqualTo(100100);
        assertThat(r2.metadata("scratch-space", "huge.bin")).isEmpty();
    }

    @Test
    void readOnlyModeBlocksEveryR2WritePath() throws Exception {
        Path f = file("ro.txt", 10);
        ACCESS.lock();
        long sent = writes();
        int audited = AUDIT.entries().size();
        Map<String, Runnable> paths = Map.of(
                "create bucket", () -> r2.createBucket("read-only-test", null, null),
                "delete bucket", () -> r2.deleteBucket("scratch-space", "scratch-space"),
                "upload object", () -> r2.upload(R2Upload.of("scratch-space", "ro.txt", f)),
                "delete object", () -> r2.deleteObject("website-assets", "index.html", "index.html"));
        paths.forEach((what, write) -> assertThatThrownBy(write::run).as(what).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining(what));

        assertThat(writes()).isEqualTo(sent);
        assertThat(AUDIT.entries()).hasSize(audited);
        ACCESS.unlock();
        assertThat(r2.metadata("website-assets", "index.html")).isPresent();
        assertThat(r2.buckets()).extracting(R2Bucket::name).contains("scratch-space").doesNotContain("read-only-test");
    }

    @Test
    void deletesNeedTheTypedNameAndTheEmulatorRefusesANonEmptyBucket() {
        long sent = writes();
        assertThatThrownBy(() -> r2.deleteBucket("scratch-space", "scratch"))
                .isInstanceOf(ConfirmationMismatchException.class);
        assertThatThrownBy(() -> r2.deleteObject("website-assets", "index.html", "INDEX.HTML"))
                .isInstanceOf(ConfirmationMismatchException.class);
        assertThat(writes()).isEqualTo(sent);

        assertThat(codeOf(() -> r2.deleteBucket("user-uploads", "user-uploads"))).isEqualTo(10008);
        assertThat(r2.buckets()).extracting(R2Bucket::name).contains("user-uploads");
    }

    @Test
    void aCancelledUploadLeavesNoObjectAndNoFileACancelledDownloadNoPartialFile() throws Exception {
        List<Path> stored = files(r2Dir("objects"));
        Path big = file("big.bin", 30_000_000);
        Task<R2Object> up = cancelledAtATenth("upload", t -> r2.upload(R2Upload.of("scratch-space", "cancelled.bin",
                big), t));
        assertThatThrownBy(() -> await(up)).isInstanceOf(CancellationException.class);
        assertThat(up.state()).isEqualTo(TaskState.CANCELLED);
        waitUntilEmpty(r2Dir("incoming"));
        assertThat(r2.metadata("scratch-space", "cancelled.bin")).isEmpty();
        assertThat(files(r2Dir("objects"))).containsExactlyInAnyOrderElementsOf(stored);

        Path target = dir.resolve("dataset.bin");
        Task<R2Download> down = cancelledAtATenth("download", t -> r2.download("data-archive",
                "datasets/telemetry-2026-q3.bin", target, t));
        assertThatThrownBy(() -> await(down)).isInstanceOf(CancellationException.class);
        assertThat(files(dir)).noneMatch(p -> p.getFileName().toString().startsWith("dataset.bin"));
    }

    /** Runs {@code work} as a real task that cancels itself (as the Cancel button does) at 10 % of its transfer. */
    private static <T> Task<T> cancelledAtATenth(String title,
            java.util.function.Function<dev.flareobserver.orchestration.task.TaskContext, T> work) {
        java.util.concurrent.CompletableFuture<Task<T>> self = new java.util.concurrent.CompletableFuture<>();
        Task<T> task = tasks.submit(title, t -> work.apply(new CancelAt(t, 0.1, () -> self.join().cancel())));
        self.complete(task);
        return task;
    }

    private static int codeOf(Runnable call) {
        try {
            call.run();
        } catch (CloudflareApiException e) {
            return e.errors().get(0).code();
        }
        throw new AssertionError("Expected Cloudflare to refuse the request");
    }

    private static void waitUntilEmpty(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!files(dir).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still in " + dir + ": " + files(dir));
            }
            Thread.sleep(20);
        }
    }

    /** Passes progress on, and runs {@code cancel} once {@code at} of the transfer is done. */
    private record CancelAt(dev.flareobserver.orchestration.task.TaskContext task, double at, Runnable cancel)
            implements dev.flareobserver.orchestration.task.TaskContext {
        @Override
        public void progress(double fraction) {
            task.progress(fraction);
            if (fraction >= at && !task.isCancelled()) {
                cancel.run();
            }
        }

        @Override
        public void message(String text) {
            task.message(text);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public void throwIfCancelled() {
            task.throwIfCancelled();
        }
    }

    /** {@code length} zero bytes, made as they are read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
