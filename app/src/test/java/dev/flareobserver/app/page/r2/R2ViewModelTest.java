package dev.flareobserver.app.page.r2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.app.demo.DemoEmulator;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import dev.flareobserver.orchestration.resources.r2.R2Upload;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The R2 page's view model without a toolkit: a same-thread task runner over a real service and demo emulator. */
class R2ViewModelTest {

    static DemoEmulator emulator;
    static AccountConnection connection;
    static final WriteAccess ACCESS = WriteAccess.unlocked();
    static R2Service service;

    @TempDir
    Path dir;
    private R2ViewModel vm;

    @BeforeAll
    static void start() {
        emulator = DemoEmulatorFactory.inMemory().start();
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.token()));
        connection.connect();
        service = new R2Service(connection, new ResourceWrites(ACCESS, AuditTrail.inMemory(), Clock.systemUTC()));
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void shown() {
        ACCESS.unlock();
        service.refresh();
        vm = new R2ViewModel(() -> Optional.of(service), TaskRunner.sameThread(), Runnable::run);
        vm.onShow();
    }

    private void openBucket(String name) {
        vm.selectBucket(vm.buckets().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow());
    }

    private R2Entry entry(String key) {
        return vm.entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void showingThePageListsBucketsAndOpensTheFirstAtItsTop() {
        assertThat(vm.buckets()).extracting(R2Bucket::name)
                .contains("data-archive", "scratch-space", "user-uploads", "website-assets");
        assertThat(vm.bucketProperty().get()).isEqualTo(vm.buckets().get(0));
        assertThat(vm.prefixProperty().get()).isEmpty();
        assertThat(vm.crumbs()).extracting(R2ViewModel.Crumb::label).containsExactly(vm.buckets().get(0).name());
    }

    @Test
    void foldersOpenCloseAndShowAsBreadcrumbsWithFoldersListedFirst() {
        openBucket("user-uploads");
        assertThat(vm.entries()).extracting(R2Entry::key).containsExactly("avatars/", "documents/", "profiles/");
        assertThat(vm.entries()).allMatch(R2Entry::isFolder);

        vm.open(entry("documents/"));
        vm.open(entry("documents/2026/"));
        assertThat(vm.entries().get(0).key()).isEqualTo("documents/2026/contracts/");
        assertThat(vm.entries()).hasSize(16);
        assertThat(vm.crumbs()).extracting(R2ViewModel.Crumb::label)
                .containsExactly("user-uploads", "documents", "2026");
        assertThat(vm.crumbs().get(1).prefix()).isEqualTo("documents/");

        vm.open(entry("documents/2026/invoice-0002.json"));
        assertThat(vm.detailsProperty().get().contentType()).isEqualTo("application/json");
        assertThat(vm.detailsProperty().get().customMetadata()).containsKey("customer");

        vm.up();
        assertThat(vm.prefixProperty().get()).isEqualTo("documents/");
        vm.openFolder(vm.crumbs().get(0).prefix());
        assertThat(vm.prefixProperty().get()).isEmpty();
        assertThat(vm.detailsProperty().get()).isNull();
    }

    @Test
    void anUploadLandsInTheOpenFolderWithATransferRowAndADownloadReadsItBack() throws Exception {
        openBucket("scratch-space");
        Path file = Files.writeString(dir.resolve("notes.txt"), "remember the milk");

        R2TransferModel up = vm.upload(file);

        assertThat(up.runningProperty().get()).isFalse();
        assertThat(up.messageProperty().get()).isEqualTo("Uploaded notes.txt.");
        assertThat(up.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.entries()).extracting(R2Entry::key).contains("notes.txt");
        assertThat(entry("notes.txt").type()).isEqualTo("text/plain; charset=utf-8");

        Path target = dir.resolve("copy.txt");
        R2TransferModel down = vm.download(entry("notes.txt"), target);
        assertThat(down.messageProperty().get()).startsWith("Saved to");
        assertThat(Files.readString(target)).isEqualTo("remember the milk");
        assertThat(vm.transfers()).containsExactly(down, up);
    }

    @Test
    void bucketsAreCreatedAndDeletedWithTheTypedName() {
        assertThat(vm.bucketNameProblem("Bad_Name")).get().asString().contains("3 to 63 characters");
        assertThat(vm.bucketNameProblem("good-name")).isEmpty();

        vm.createBucket("vm-test-bucket", R2Location.WEUR, R2StorageClass.INFREQUENT_ACCESS);
        assertThat(vm.bucketProperty().get().name()).isEqualTo("vm-test-bucket");
        assertThat(vm.bucketProperty().get().location()).isEqualTo(R2Location.WEUR);
        assertThat(vm.statusProperty().get()).isEqualTo("Created bucket vm-test-bucket.");

        vm.deleteBucket("vm-test");
        assertThat(vm.problemProperty().get().message()).contains("Type the R2 bucket name, vm-test-bucket");
        assertThat(vm.buckets()).extracting(R2Bucket::name).contains("vm-test-bucket");

        vm.deleteBucket("vm-test-bucket");
        assertThat(vm.buckets()).extracting(R2Bucket::name).doesNotContain("vm-test-bucket");
        assertThat(vm.problemProperty().get()).isNull();
    }

    @Test
    void cloudflaresRefusalIsShownInWordsWithTheCode() {
        openBucket("user-uploads");
        vm.deleteBucket("user-uploads");
        assertThat(vm.problemProperty().get().message())
                .isEqualTo("Deleting bucket user-uploads failed: The bucket you tried to delete is not empty. (code 10008)");
        assertThat(vm.problemProperty().get().details()).contains("HTTP 409");
    }

    @Test
    void whileReadOnlyEveryWriteIsRefusedWithTheHintAndNothingChanges() throws Exception {
        openBucket("scratch-space");
        ACCESS.lock();
        Path file = Files.writeString(dir.resolve("locked.txt"), "x");

        R2TransferModel up = vm.upload(file);
        assertThat(up.messageProperty().get()).startsWith("Read-only mode");
        vm.createBucket("never-made", null, null);
        assertThat(vm.problemProperty().get().message()).startsWith("Read-only mode");

        ACCESS.unlock();
        vm.refresh();
        assertThat(vm.entries()).extracting(R2Entry::key).doesNotContain("locked.txt");
        assertThat(vm.buckets()).extracting(R2Bucket::name).doesNotContain("never-made");
    }

    @Test
    void aLargeFolderLoadsAPageAtATime() throws Exception {
        vm.createBucket("many-objects", null, null);
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        for (int i = 0; i < R2Service.FOLDER_PAGE_SIZE + 5; i++) {
            service.upload(R2Upload.of("many-objects", String.format("f/%04d.txt", i), file));
        }
        openBucket("many-objects");
        vm.open(entry("f/"));
        assertThat(vm.entries()).hasSize(R2Service.FOLDER_PAGE_SIZE);
        assertThat(vm.hasMoreProperty().get()).isTrue();
        vm.loadMore();
        assertThat(vm.entries()).hasSize(R2Service.FOLDER_PAGE_SIZE + 5).doesNotHaveDuplicates();
        assertThat(vm.hasMoreProperty().get()).isFalse();
    }
}
