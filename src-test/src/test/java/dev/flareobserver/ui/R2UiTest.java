package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.app.AppContext;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.r2.R2Entry;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The R2 page in the real app against a demo emulator whose files this test can look into: open a bucket, upload a file through
 * the Upload button (the file dialog answered by the test), see it listed with its metadata, check the emulator
 * holds the same bytes, download it, delete it with the typed name; then, read-only, every write button is
 * disabled with the hint. One app start for all of it: starting the app is most of a UI test's time.
 */
class R2UiTest extends AppUiTest {

    @TempDir
    Path stateDir;
    @TempDir
    Path files;
    private FlareObserverApp app;

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    /** The app in demo mode, on an emulator whose state (and R2 files) live where this test can look. */
    private FlareObserverApp launchWithVisibleState() throws Exception {
        FxToolkit.registerPrimaryStage();
        AppContext context = new AppContext(Map.of(), settingsDir, TaskRunner.create(),
                DemoEmulatorFactory.configured(0, stateDir, null, null));
        app = (FlareObserverApp) FxToolkit.setupApplication(() -> new FlareObserverApp(context));
        return app;
    }

    /** The files holding R2 object bodies in the emulator's data directory. */
    private List<Path> storedBodies() throws Exception {
        try (Stream<Path> bodies = Files.list(stateDir.resolve("data").resolve("r2").resolve("objects"))) {
            return bodies.toList();
        }
    }

    @Test
    void uploadListDownloadAndDeleteAnObjectThenFindEveryWriteDisabledWhileReadOnly() throws Exception {
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Path upload = Files.write(files.resolve("ui-upload.bin"), bytes);
        FlareObserverApp app = launchWithVisibleState();
        app.setFileDialogs(new FileDialogs() {
            @Override
            public Optional<Path> open(String title, Window owner) {
                return Optional.of(upload);
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, Window owner) {
                return Optional.of(files.resolve("saved-" + suggestedName));
            }
        });
        waitUntil(() -> text("#status-connection").contains("Connected"), "the demo emulator connects");

        clickOn("#" + PageId.R2.navId());
        waitUntil(() -> isShown("#page-r2"), "the R2 page is shown");
        waitUntil(() -> bucketCell("scratch-space").isPresent(), "the demo buckets are listed");
        clickOn(bucketCell("scratch-space").orElseThrow());
        waitUntil(() -> text("#r2-crumbs").contains("scratch-space"), "the bucket opens at its top");

        clickOn("#r2-upload");
        waitUntil(() -> entries().contains("ui-upload.bin"), "the uploaded file is listed");
        waitUntil(() -> text("#r2-transfers").contains("Uploaded ui-upload.bin."), "the transfer row says it is done");
        assertThat(text("#r2-status")).isEqualTo("Uploaded ui-upload.bin.");

        // The emulator holds exactly these bytes, in a file of its own.
        assertThat(storedBodies()).anySatisfy(f -> assertThat(Files.mismatch(f, upload)).isEqualTo(-1L));

        clickOn(cell("ui-upload.bin"));
        waitUntil(() -> isShown("#r2-detail-size"), "the metadata panel shows the object");
        assertThat(text("#r2-detail-size")).isEqualTo("293.0 KB (300000 bytes)");
        assertThat(text("#r2-detail-content-type")).isEqualTo("application/octet-stream");

        clickOn("#r2-download");
        waitUntil(() -> text("#r2-transfers").contains("Saved to"), "the download finishes");
        assertThat(Files.readAllBytes(files.resolve("saved-ui-upload.bin"))).isEqualTo(bytes);

        clickOn("#r2-delete-object");
        waitUntil(() -> isShown("#typed-confirm-dialog"), "the delete asks for the typed name");
        assertThat(lookup("#confirm-delete").queryAs(Button.class).isDisabled()).isTrue();
        clickOn("#confirm-name").write("ui-upload.bin");
        clickOn("#confirm-delete");
        waitUntil(() -> !entries().contains("ui-upload.bin"), "the deleted object leaves the list");
        assertThat(storedBodies()).noneSatisfy(f -> assertThat(Files.mismatch(f, upload)).isEqualTo(-1L));

        // --- read-only: every write button is disabled, with the hint as its tooltip ------------------------
        clickOn(bucketCell("website-assets").orElseThrow());
        waitUntil(() -> entries().contains("index.html"), "the bucket's files are listed");
        clickOn(cell("index.html"));
        List<String> writes = List.of("#r2-new-bucket", "#r2-delete-bucket", "#r2-upload", "#r2-delete-object");
        waitUntil(() -> writes.stream().noneMatch(this::disabled), "demo mode starts with writes unlocked");
        interact(() -> app.writeLock().lock());
        waitUntil(() -> writes.stream().allMatch(this::disabled), "every write button is disabled");
        for (String id : writes) {
            Button b = lookup(id).queryAs(Button.class);
            assertThat(fx(() -> b.getTooltip() == null ? null : b.getTooltip().getText())).as(id)
                    .isEqualTo(WriteLockModel.LOCKED_HINT);
        }
        assertThat(disabled("#r2-download")).as("reading stays possible").isFalse();
        interact(() -> app.writeLock().unlock());
        waitUntil(() -> writes.stream().noneMatch(this::disabled), "unlocking enables them again");
    }

    private boolean disabled(String id) {
        return fx(() -> lookup(id).queryAs(Button.class).isDisabled());
    }

    private Optional<Node> bucketCell(String name) {
        return lookup("#r2-buckets .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() instanceof R2Bucket b && b.name().equals(name))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<String> entries() {
        return fx(() -> ((TableView<R2Entry>) lookup("#r2-entries").queryAs(TableView.class)).getItems().stream()
                .map(R2Entry::name).toList());
    }

    private Node cell(String text) {
        return lookup("#r2-entries .table-cell").queryAll().stream()
                .filter(n -> n instanceof Labeled l && text.equals(l.getText())).findFirst().orElseThrow();
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading the FX state failed", e);
        }
    }
}
