package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.kv.KvKeyRow;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The KV page in the real app, connected to an emulator as to a real account (so it starts read-only): browse a
 * namespace with infinite scroll, search a prefix, open a value, unlock writes, edit the value and save it, and
 * find the new value in the emulator.
 */
class KvUiTest extends AppUiTest {

    private Emulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void browseAKvPrefixAndEditAValue() throws Exception {
        emulator = Emulator.start(EmulatorOptions.defaults());
        launch(Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(), "CLOUDFLARE_API_BASE_URL", emulator.baseUrl()));
        waitUntil(() -> text("#status-connection").contains("Connected"), "the app connects to the emulator");

        clickOn("#" + PageId.KV.navId());
        waitUntil(() -> isShown("#page-kv"), "the KV page is shown");
        // A real account starts read-only: every write button is off and the page says why.
        assertThat(isShown("#kv-readonly-hint")).isTrue();
        assertThat(text("#kv-readonly-hint")).startsWith("Read-only");
        for (String id : List.of("#kv-ns-create", "#kv-new-key", "#kv-import")) {
            assertThat(fx(() -> lookup(id).queryAs(ButtonBase.class).isDisabled())).as(id).isTrue();
        }

        waitUntil(() -> namespaceRow("user-profiles").isPresent(), "the namespaces are listed");
        clickOn(namespaceRow("user-profiles").orElseThrow());
        waitUntil(() -> text("#kv-keys-summary").equals("1,000 keys loaded · scroll for more"), "the first page loads");

        // Scrolling near the end of the list fetches the next page.
        ListView<?> keys = lookup("#kv-keys").queryAs(ListView.class);
        interact(() -> keys.scrollTo(995));
        waitUntil(() -> text("#kv-keys-summary").equals("2,000 keys loaded · scroll for more"),
                "the next page loads when its end is in view");

        clickOn("#kv-prefix").write("user:0004").push(KeyCode.ENTER);
        waitUntil(() -> text("#kv-keys-summary").equals("10 keys under \"user:0004\""), "the prefix search answers");
        assertThat(fx(() -> keys.getItems().stream().map(r -> ((KvKeyRow) r).key()).toList()))
                .allMatch(k -> k.startsWith("user:0004")).hasSize(10);

        waitUntil(() -> keyCell("user:00042").isPresent(), "user:00042 is in view");
        clickOn(keyCell("user:00042").orElseThrow());
        waitUntil(() -> text("#kv-key-name").equals("user:00042"), "the value opens");
        assertThat(fx(() -> lookup("#kv-mode-json").queryAs(ToggleButton.class).isSelected()))
                .as("JSON is chosen for a JSON value").isTrue();
        assertThat(text("#kv-value-viewer")).contains("\"id\" : 42");
        assertThat(fx(() -> lookup("#kv-save").queryAs(ButtonBase.class).isDisabled())).isTrue();

        // Unlock writes for the session (a real account asks first).
        clickOn("#status-write-lock");
        waitUntil(() -> isShown("#unlock-dialog"), "unlocking asks first");
        clickOn(lookup("#unlock-dialog .button").queryAll().stream()
                .filter(b -> b instanceof ButtonBase bb && "OK".equals(bb.getText())).findFirst().orElseThrow());
        waitUntil(() -> !isShown("#kv-readonly-hint"), "writes are unlocked");

        String edited = "{\"id\":42,\"name\":\"Edited from the UI\"}";
        clickOn("#kv-mode-text");
        waitUntil(() -> isShown("#kv-value-editor"), "the text editor is shown");
        clickOn("#kv-value-editor").push(KeyCode.CONTROL, KeyCode.A).write(edited);
        waitUntil(() -> text("#kv-value-editor").equals(edited), "the edit is typed");
        clickOn("#kv-save");
        waitUntil(() -> text("#kv-value-status").equals("Saved user:00042"), "the value is saved");

        try (CloudflareClient client = CloudflareClient.builder().baseUrl(emulator.baseUrl())
                .credentials(new Credentials.ApiToken(emulator.userToken())).build()) {
            String account = emulator.accounts().get(0).id();
            KvNamespace profiles = client.kv().namespaces().listAll(account,
                            dev.flareobserver.api.kv.KvNamespaceListParams.byTitle()).stream()
                    .filter(n -> n.title().equals("user-profiles")).findFirst().orElseThrow();
            byte[] stored = client.kv().namespaces().values(account, profiles.id()).get("user:00042");
            assertThat(new String(stored, StandardCharsets.UTF_8)).as("the emulator holds the new value").isEqualTo(edited);
        }
    }

    private Optional<Node> namespaceRow(String title) {
        return lookup(n -> n instanceof TableRow<?> row && row.getItem() instanceof KvNamespace ns
                && ns.title().equals(title)).tryQuery();
    }

    private Optional<Node> keyCell(String key) {
        return lookup(n -> n instanceof ListCell<?> cell && cell.getItem() instanceof KvKeyRow row
                && row.key().equals(key) && cell.isVisible()).tryQuery();
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading the FX state failed", e);
        }
    }
}
