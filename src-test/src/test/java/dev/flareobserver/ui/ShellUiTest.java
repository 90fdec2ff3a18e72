package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.AppContext;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real app, headless on Monocle, in demo mode against an in-memory emulator: what a new user sees. */
class ShellUiTest extends FxRobot {

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

    @Test
    void demoModeConnectsAndEveryPageOpensBySidebarAndByShortcut() throws Exception {
        launch(Map.of());

        waitUntil(() -> text("#status-connection").contains("Connected"), "the demo emulator connects");
        assertThat(lookup("#demo-banner").query().isVisible()).isTrue();
        assertThat(text("#demo-banner")).contains("Demo mode");
        ComboBox<?> accounts = lookup("#account-switcher").queryComboBox();
        assertThat(accounts.getItems()).hasSize(2);
        assertThat(String.valueOf(accounts.getValue())).contains("Acme Production");

        for (PageId page : PageId.values()) {
            clickOn("#" + page.navId());
            waitUntil(() -> isShown("#" + page.pageId()), page.title() + " page shown after a sidebar click");
        }
        for (PageId page : PageId.values()) {
            press(KeyCode.CONTROL, KeyCode.getKeyCode(String.valueOf(page.shortcutDigit())))
                    .release(KeyCode.getKeyCode(String.valueOf(page.shortcutDigit())), KeyCode.CONTROL);
            waitUntil(() -> isShown("#" + page.pageId()), page.title() + " page shown after Ctrl+" + page.shortcutDigit());
        }
    }

    @Test
    void theCommandPaletteJumpsToAPage() throws Exception {
        launch(Map.of());
        waitUntil(() -> text("#status-connection").contains("Connected"), "the demo emulator connects");

        press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntil(() -> isShown("#command-palette"), "the palette opens");
        write("D1");
        press(KeyCode.ENTER).release(KeyCode.ENTER);

        waitUntil(() -> isShown("#page-d1"), "the D1 page is shown");
        waitUntil(() -> !isShown("#command-palette"), "the palette closes");
    }

    @Test
    void aWrongTokenShowsAClearMessageAndTheAppStaysUsable() throws Exception {
        String wrongToken = "cfut_" + "w".repeat(40);
        try (var emulator = dev.flareobserver.emulator.Emulator.start(
                dev.flareobserver.emulator.EmulatorOptions.builder().build())) {
            launch(Map.of("CLOUDFLARE_API_TOKEN", wrongToken, "CLOUDFLARE_API_BASE_URL", emulator.baseUrl()));

            waitUntil(() -> isShown("#connection-problem"), "the problem banner appears");
            assertThat(text("#connection-problem-title")).containsIgnoringCase("token");
            assertThat(lookup("#demo-banner").tryQuery().map(Node::isVisible).orElse(false)).isFalse();
            assertThat(visibleText()).as("no stack trace or class names on screen").doesNotContain("Exception");
            assertThat(allText()).as("the token is nowhere, not even in the details").doesNotContain("w".repeat(40));

            clickOn("#" + PageId.SETTINGS.navId());
            waitUntil(() -> isShown("#" + PageId.SETTINGS.pageId()), "settings still opens");
            assertThat(allText()).contains("CLOUDFLARE_API_TOKEN").doesNotContain("w".repeat(40));
        }
    }

    private boolean isShown(String query) {
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

    private String text(String query) {
        return lookup(query).tryQuery().map(ShellUiTest::textOf).orElse("");
    }

    /** Every label, button and text field in the window, shown or folded away. */
    private String allText() {
        return texts(false);
    }

    /** The text a person reading the screen sees now. */
    private String visibleText() {
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

    private static void waitUntil(BooleanSupplier condition, String what) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what);
        }
    }
}
