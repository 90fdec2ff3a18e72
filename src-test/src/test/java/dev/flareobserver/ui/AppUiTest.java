package dev.flareobserver.ui;

import dev.flareobserver.app.AppContext;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real app headless (Monocle) with a fresh settings directory, and reads the screen as a person would. */
abstract class AppUiTest extends FxRobot {

    @TempDir
    Path settingsDir;

    private FlareObserverApp app;

    FlareObserverApp launch(Map<String, String> environment) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        AppContext context = new AppContext(environment, settingsDir, TaskRunner.create(), DemoEmulatorFactory.inMemory());
        app = (FlareObserverApp) FxToolkit.setupApplication(() -> new FlareObserverApp(context));
        return app;
    }

    @AfterEach
    void close() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    boolean isShown(String query) {
        return lookup(query).tryQuery().map(node -> node.isVisible() && node.getScene() != null
                && ancestorsVisible(node)).orElse(false);
    }

    private static boolean ancestorsVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    String text(String query) {
        return lookup(query).tryQuery().map(AppUiTest::textOf).orElse("");
    }

    /** Every label, button and text field in the window, shown or folded away. */
    String allText() {
        return texts(false);
    }

    /** The text a person reading the screen sees now. */
    String visibleText() {
        return texts(true);
    }

    private String texts(boolean visibleOnly) {
        StringBuilder all = new StringBuilder();
        lookup(node -> node instanceof Labeled || node instanceof javafx.scene.text.Text
                || node instanceof javafx.scene.control.TextInputControl)
                .queryAll().stream().filter(node -> !visibleOnly || ancestorsVisible(node))
                .forEach(node -> all.append(textOf(node)).append('\n'));
        return all.toString();
    }

    private static String textOf(Node node) {
        if (node instanceof Labeled labeled) {
            return String.valueOf(labeled.getText());
        }
        if (node instanceof javafx.scene.text.Text text) {
            return String.valueOf(text.getText());
        }
        if (node instanceof javafx.scene.control.TextInputControl input) {
            return String.valueOf(input.getText());
        }
        StringBuilder nested = new StringBuilder();
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> nested.append(textOf(child)).append(' '));
        }
        return nested.toString();
    }

    /** Generous on purpose: a slow moment on a shared 2-core machine must not fail a correct run. */
    static void waitUntil(BooleanSupplier condition, String what) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what);
        }
    }
}
