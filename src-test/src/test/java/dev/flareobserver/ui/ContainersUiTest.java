package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.containers.ContainersPage;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.containers.JibImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Containers page in the real app against the demo emulator: the demo pool's applications row and tiles, a
 * tile changing state when its instance is stopped from the page, the live output of an instance, read-only
 * mode, and the deploy wizard deploying the emulator's flare-hello binary to a new application.
 */
class ContainersUiTest extends AppUiTest {

    @TempDir
    Path files;

    private FlareObserverApp openContainers() throws Exception {
        FlareObserverApp app = launch(Map.of());
        Path binary = JibImages.flareHello(files);
        app.setFileDialogs(new FileDialogs() {
            @Override
            public Optional<Path> open(String title, Window owner) {
                return Optional.of(binary);
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, Window owner) {
                return Optional.empty();
            }
        });
        waitUntil(() -> isShown("#" + PageId.CONTAINERS.navId()), "the sidebar is shown");
        clickOn("#" + PageId.CONTAINERS.navId());
        waitUntil(() -> isShown("#page-containers"), "the Containers page is shown");
        TableView<?> table = lookup("#containers-applications").queryTableView();
        waitFor(() -> table.getItems().size() >= 1 && visibleText().contains("hello-pool"),
                "hello-pool is in the applications table");
        // The page polls at the settings' interval; a refresh now and then keeps the test short.
        return app;
    }

    private Map<String, InstanceState> tiles(FlareObserverApp app, String application) {
        AtomicReference<Map<String, InstanceState>> out = new AtomicReference<>();
        interact(() -> out.set(((ContainersPage) app.page(PageId.CONTAINERS)).grid().states(application)));
        return out.get();
    }

    private Point2D tile(FlareObserverApp app, String id) {
        AtomicReference<Point2D> out = new AtomicReference<>();
        interact(() -> out.set(((ContainersPage) app.page(PageId.CONTAINERS)).grid().tileOnScreen(id)));
        return out.get();
    }

    private void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        try {
            waitUntil(() -> {
                if (!condition.getAsBoolean()) {
                    interact(() -> lookup("#containers-refresh").queryButton().fire());
                    return false;
                }
                return true;
            }, what);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the page said \"" + text("#containers-status") + "\" / \""
                    + text("#containers-message") + "\"", e);
        }
    }

    /** Scrolls the instance detail so that the node is in view, as a person would before clicking it. */
    private String reveal(String query) {
        interact(() -> {
            Node node = lookup(query).query();
            Node n = node.getParent();
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            if (n instanceof ScrollPane scroll) {
                Node content = scroll.getContent();
                double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
                double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                scroll.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / range)));
            }
        });
        return query;
    }

    private String runningMember(FlareObserverApp app) throws Exception {
        waitFor(() -> tiles(app, "hello-pool").containsValue(InstanceState.RUNNING), "a hello-pool tile is running");
        return tiles(app, "hello-pool").entrySet().stream().filter(e -> e.getValue() == InstanceState.RUNNING)
                .findFirst().orElseThrow().getKey();
    }

    @Test
    void stoppingAnInstanceChangesItsTileItsOutputIsLiveAndReadOnlyBlocksActions() throws Exception {
        FlareObserverApp app = openContainers();
        String id = runningMember(app);

        clickOn(tile(app, id));
        waitFor(() -> text("#instance-application").equals("hello-pool"), "the instance detail is shown");
        assertThat(text("#instance-state")).startsWith("running");
        assertThat(text("#instance-environment")).contains("GREETING=Hello from the Flare Observer demo pool");
        waitFor(() -> text("#instance-output-status").contains("pool-manager"),
                "the output tails the Worker owning hello-pool");

        clickOn(reveal("#instance-fetch"));
        waitFor(() -> text("#instance-fetch-result").startsWith("HTTP 200"), "the fetch's answer is shown");
        assertThat(text("#instance-fetch-result")).contains("Hello from the Flare Observer demo pool");
        ListView<?> output = lookup("#instance-output").queryListView();
        waitFor(() -> output.getItems().stream().anyMatch(l -> l.toString().contains("GET / -> 200")),
                "the instance's own log line of that request arrives live");

        clickOn(reveal("#instance-stop"));
        waitUntil(() -> isShown("#instance-stop-dialog"), "the stop is confirmed first");
        Node dialog = lookup("#instance-stop-dialog").query();
        clickOn(from(dialog).lookup((Node n) -> n instanceof Button b && "Stop".equals(b.getText()))
                .queryButton());
        waitFor(() -> tiles(app, "hello-pool").get(id) != InstanceState.RUNNING, "the stopped instance's tile changes");
        assertThat(tiles(app, "hello-pool").get(id)).isIn(null, InstanceState.STOPPING, InstanceState.STOPPED);
        waitFor(() -> text("#containers-message").startsWith("Stopping "), "the page says what it did");

        String other = runningMember(app);
        clickOn(tile(app, other));
        clickOn("#status-write-lock");
        waitUntil(() -> !app.writeLock().isUnlocked(), "writes are locked");
        for (String button : List.of("#instance-stop", "#instance-delete", "#instance-exec", "#instance-fetch",
                "#containers-deploy")) {
            assertThat(lookup(button).queryButton().isDisabled()).as(button + " while read-only").isTrue();
        }
        clickOn(reveal("#instance-fetch-path"));
        push(javafx.scene.input.KeyCode.ENTER);
        Thread.sleep(500);
        assertThat(tiles(app, "hello-pool").get(other)).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void theDeployWizardDeploysABinaryToANewApplicationStepByStep() throws Exception {
        FlareObserverApp app = openContainers();

        clickOn("#containers-deploy");
        waitUntil(() -> isShown("#deploy-wizard"), "the wizard opens");
        assertThat(lookup("#deploy-start").queryButton().isDisabled()).as("nothing to deploy yet").isTrue();
        clickOn("#deploy-choose");
        waitUntil(() -> text("#deploy-verdict").startsWith("Ready: a static linux/amd64 executable"),
                "the binary's verdict is shown before anything is sent");
        ComboBox<?> name = lookup("#deploy-app").query();
        interact(() -> name.getEditor().setText("hello-ui"));
        clickOn("#deploy-start");

        try {
            waitUntil(() -> text("#deploy-step-converge").equals("done"), "every step finishes");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e.getMessage() + "; wizard: " + text("#deploy-message"), e);
        }
        for (String step : List.of("check", "build", "push", "application", "rollout", "converge")) {
            assertThat(text("#deploy-step-" + step)).as(step).isIn("done", "skipped");
        }
        assertThat(text("#deploy-message")).startsWith("Done: hello-ui runs ");
        assertThat(text("#deploy-converging")).startsWith("Instances: 1 of 1 running");
        assertThat(lookup("#deploy-rollback").query().isVisible()).isFalse();

        waitFor(() -> tiles(app, "hello-ui").containsValue(InstanceState.RUNNING),
                "the new application's tile turns running on the page");
        TableView<?> table = lookup("#containers-applications").queryTableView();
        assertThat(table.getItems()).hasSizeGreaterThanOrEqualTo(2);
        Label status = lookup("#containers-status").query();
        assertThat(status.getText()).startsWith("2 applications");
    }
}
