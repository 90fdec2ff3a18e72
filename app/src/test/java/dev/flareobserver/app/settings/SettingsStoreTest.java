package dev.flareobserver.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTrip() {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        AppSettings s = AppSettings.defaults().withTheme(Theme.DARK).withResourcesRefreshSeconds(120);
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
    }

    @Test
    void missingOrDamagedFileGivesDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load()).isEqualTo(AppSettings.defaults());
        Files.writeString(store.file(), "{ not json");
        assertThat(store.load()).isEqualTo(AppSettings.defaults());
    }

    @Test
    void unknownFieldsAndValuesAreTolerated() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"theme\":\"DARK\",\"futureOption\":true,\"analyticsRefreshSeconds\":0}");
        AppSettings s = store.load();
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.analyticsRefreshSeconds()).isEqualTo(30);
    }

    @Test
    void defaultDirectoryFollowsXdg() {
        assertThat(SettingsStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/tmp/cfg")))
                .isEqualTo(Path.of("/tmp/cfg/flare-observer"));
        assertThat(SettingsStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "relative")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "flare-observer"));
    }
}
