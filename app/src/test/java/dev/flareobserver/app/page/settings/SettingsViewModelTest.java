package dev.flareobserver.app.page.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.app.settings.AppSettings;
import dev.flareobserver.app.settings.SettingsModel;
import dev.flareobserver.app.settings.SettingsStore;
import dev.flareobserver.app.settings.Theme;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    private static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";

    @TempDir
    Path dir;

    private SessionSnapshot tokenSession() {
        ConnectionSettings s = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", TOKEN,
                "CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:8787/client/v4")).orElseThrow();
        return new SessionSnapshot(false, s, ConnectionSnapshot.disconnected(s), null);
    }

    @Test
    void changesAreSavedAndSurviveARestart() {
        SettingsStore store = new SettingsStore(dir);
        SettingsViewModel vm = new SettingsViewModel(new SettingsModel(store, store.load(), Runnable::run),
                new SimpleObjectProperty<>(tokenSession()));

        vm.themeProperty().set(Theme.DARK);
        vm.analyticsRefreshProperty().set(45);
        vm.containersRefreshProperty().set(1);

        AppSettings reloaded = new SettingsStore(dir).load();
        assertThat(reloaded.theme()).isEqualTo(Theme.DARK);
        assertThat(reloaded.analyticsRefreshSeconds()).isEqualTo(45);
        assertThat(reloaded.containersRefreshSeconds()).as("clamped to the minimum").isEqualTo(5);
        assertThat(vm.containersRefreshProperty().get()).isEqualTo(5);
    }

    @Test
    void showsTheTokenSourceRedactedAndTheBaseUrl() {
        SettingsStore store = new SettingsStore(dir);
        SettingsViewModel vm = new SettingsViewModel(new SettingsModel(store, store.load(), Runnable::run),
                new SimpleObjectProperty<>(tokenSession()));

        assertThat(vm.credentialProperty().get()).isEqualTo("CLOUDFLARE_API_TOKEN (cfut_…9f2c)");
        assertThat(vm.baseUrlProperty().get()).isEqualTo("http://127.0.0.1:8787/client/v4");
        assertThat(vm.modeProperty().get()).isEqualTo("API token");
        assertThat(vm.settingsFileProperty().get()).endsWith("settings.json");
    }
}
