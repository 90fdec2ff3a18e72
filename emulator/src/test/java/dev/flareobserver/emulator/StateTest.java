package dev.flareobserver.emulator;

import dev.flareobserver.emulator.state.Migration;
import dev.flareobserver.emulator.state.Migrations;
import dev.flareobserver.emulator.state.StateException;
import dev.flareobserver.emulator.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateTest {

    @TempDir
    Path dir;

    @Test
    void stateDirKeepsTokenKeyAndAccountsBetweenRuns() {
        String token;
        String key;
        try (Emulator first = Emulator.start(EmulatorOptions.builder().stateDir(dir).extraAccounts(3).build())) {
            token = first.userToken();
            key = first.apiKey();
            assertThat(first.stateFile()).isEqualTo(dir.resolve(StateStore.FILE_NAME));
        }
        assertThat(dir.resolve(StateStore.FILE_NAME)).exists();
        try (Emulator second = Emulator.start(EmulatorOptions.builder().stateDir(dir).build())) {
            assertThat(second.userToken()).isEqualTo(token);
            assertThat(second.apiKey()).isEqualTo(key);
            // the extra accounts of the first run are still there
            assertThat(second.accounts()).hasSize(5);
            assertThat(new TestClient(second).get("/accounts").json().get("result_info").get("total_count").asInt())
                    .isEqualTo(5);
        }
    }

    @Test
    void aGivenTokenWinsAndTheGeneratedOneStaysValid() {
        String generated;
        try (Emulator first = Emulator.start(EmulatorOptions.builder().stateDir(dir).build())) {
            generated = first.userToken();
        }
        try (Emulator second = Emulator.start(EmulatorOptions.builder().stateDir(dir).userToken("cfut_given").build())) {
            assertThat(second.userToken()).isEqualTo("cfut_given");
            TestClient c = new TestClient(second);
            assertThat(c.getWithToken("/accounts", "cfut_given").status()).isEqualTo(200);
            assertThat(c.getWithToken("/accounts", generated).status()).isEqualTo(200);
        }
        try (Emulator third = Emulator.start(EmulatorOptions.builder().stateDir(dir).build())) {
            assertThat(third.userToken()).isEqualTo(generated);
        }
    }

    @Test
    void inMemoryStateStartsFreshEachTime() {
        try (Emulator a = Emulator.start(EmulatorOptions.defaults());
             Emulator b = Emulator.start(EmulatorOptions.defaults())) {
            assertThat(a.stateFile()).isNull();
            assertThat(a.userToken()).isNotEqualTo(b.userToken());
            assertThat(a.accounts()).isEqualTo(b.accounts());
        }
    }

    @Test
    void migrationsAreAppliedOnceAndNewOnesUpgradeAnOldState() throws Exception {
        try (StateStore s = StateStore.open(dir, Migrations.ALL)) {
            assertThat(s.schemaVersion()).isEqualTo(Migrations.ALL.size());
        }
        List<Migration> upgraded = new ArrayList<>(Migrations.ALL);
        upgraded.add(new Migration(Migrations.ALL.size() + 1, "test table", List.of("CREATE TABLE later (x TEXT)")));
        try (StateStore s = StateStore.open(dir, upgraded)) {
            assertThat(s.schemaVersion()).isEqualTo(upgraded.size());
            int tables = s.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE name = 'later'")) {
                    return rs.getInt(1);
                }
            });
            assertThat(tables).isEqualTo(1);
        }
        // re-opening with the same list applies nothing again (CREATE TABLE would fail if it did)
        try (StateStore s = StateStore.open(dir, upgraded)) {
            assertThat(s.schemaVersion()).isEqualTo(upgraded.size());
        }
    }

    @Test
    void aGapInMigrationVersionsIsRefused() {
        List<Migration> gap = new ArrayList<>(Migrations.ALL);
        gap.add(new Migration(Migrations.ALL.size() + 2, "skips one", List.of("SELECT 1")));
        assertThatThrownBy(() -> StateStore.open(null, gap)).isInstanceOf(StateException.class)
                .hasMessageContaining("consecutive");
    }

    @Test
    void anUnusableStateDirIsAClearStartError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> Emulator.start(EmulatorOptions.builder().stateDir(file).build()))
                .isInstanceOf(EmulatorException.class)
                .hasMessageContaining("not-a-dir");
    }

    @Test
    void aTakenPortIsAClearStartError() {
        try (Emulator first = Emulator.start(EmulatorOptions.defaults())) {
            assertThatThrownBy(() -> Emulator.start(EmulatorOptions.builder().port(first.port()).build()))
                    .isInstanceOf(EmulatorException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
        }
    }

    @Test
    void defaultStateDirFollowsXdg() {
        assertThat(EmulatorOptions.defaultStateDir(Map.of("XDG_DATA_HOME", "/data"), "/home/u"))
                .isEqualTo(Path.of("/data/flare-observer/emulator"));
        assertThat(EmulatorOptions.defaultStateDir(Map.of(), "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/flare-observer/emulator"));
        assertThat(EmulatorOptions.defaultStateDir(Map.of("XDG_DATA_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/flare-observer/emulator"));
    }
}
