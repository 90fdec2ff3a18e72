package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.page.PageId;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The real app, headless on Monocle, in demo mode against an in-memory emulator: what a new user sees. */
class ShellUiTest extends AppUiTest {


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

    @Test
    void aRealAccountStartsReadOnlyAndUnlockingAsksFirst() throws Exception {
        try (var emulator = dev.flareobserver.emulator.Emulator.start(
                dev.flareobserver.emulator.EmulatorOptions.builder().build())) {
            launch(Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(), "CLOUDFLARE_API_BASE_URL", emulator.baseUrl()));
            waitUntil(() -> text("#status-connection").contains("Connected"), "the account connects");
            assertThat(text("#status-write-lock")).isEqualTo("Read-only");

            clickOn("#status-write-lock");
            waitUntil(() -> isShown("#unlock-dialog"), "unlocking asks first");
            assertThat(text("#unlock-dialog")).contains("Unlock writes on");
            clickOn("#unlock-cancel");
            waitUntil(() -> !isShown("#unlock-dialog"), "the question closes");
            assertThat(text("#status-write-lock")).as("cancel keeps the session read-only").isEqualTo("Read-only");

            clickOn("#status-write-lock");
            waitUntil(() -> isShown("#unlock-dialog"), "unlocking asks again");
            clickOn("#unlock-confirm");
            waitUntil(() -> text("#status-write-lock").equals("Writes unlocked"), "writes are unlocked");

            clickOn("#status-write-lock");
            waitUntil(() -> text("#status-write-lock").equals("Read-only"), "one click locks again, without asking");

            clickOn("#status-audit");
            waitUntil(() -> isShown("#audit-dialog"), "the audit trail opens");
            assertThat(allText()).contains("Writes made from Flare Observer");
        }
    }
}
