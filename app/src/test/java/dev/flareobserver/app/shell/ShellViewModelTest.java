package dev.flareobserver.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.session.AppSession;
import dev.flareobserver.app.settings.AppSettings;
import dev.flareobserver.app.settings.SettingsModel;
import dev.flareobserver.app.settings.SettingsStore;
import dev.flareobserver.app.settings.Theme;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's view model without a toolkit: a same-thread runner and a same-thread "UI executor". */
class ShellViewModelTest {

    @TempDir
    Path settingsDir;

    private AppSession session;

    private ShellViewModel shell(Map<String, String> env, DemoEmulatorFactory demo) {
        TaskRunner runner = TaskRunner.sameThread();
        session = new AppSession(env, runner, demo);
        SettingsModel settings = new SettingsModel(new SettingsStore(settingsDir), AppSettings.defaults(), Runnable::run);
        return new ShellViewModel(session, runner, settings, Runnable::run);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void demoModeConnectsToTheInProcessEmulatorAndShowsItsAccounts() {
        ShellViewModel vm = shell(Map.of(), DemoEmulatorFactory.inMemory());
        assertThat(vm.demoProperty().get()).isTrue();
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Not connected");

        session.connect();

        assertThat(vm.connectionStateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Connected");
        assertThat(vm.endpointTextProperty().get()).startsWith("127.0.0.1:");
        assertThat(vm.accounts()).hasSize(2);
        assertThat(vm.currentAccountProperty().get()).isEqualTo(vm.accounts().get(0));
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.budgetTextProperty().get()).matches("REST 11\\d\\d/1200 · GraphQL 300/300");
        assertThat(vm.taskCountProperty().get()).isZero();
    }

    @Test
    void switchingTheAccountChangesTheCurrentOne() {
        ShellViewModel vm = shell(Map.of(), DemoEmulatorFactory.inMemory());
        session.connect();
        AccountSummary second = vm.accounts().get(1);

        vm.selectAccount(second);

        assertThat(vm.currentAccountProperty().get()).isEqualTo(second);
    }

    @Test
    void aDemoEmulatorThatCannotStartIsAProblemWithRetryNotACrash() {
        int[] attempts = {0};
        ShellViewModel vm = shell(Map.of(), () -> {
            attempts[0]++;
            throw new IllegalStateException("port in use");
        });

        session.connect();

        assertThat(vm.connectionStateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(vm.problemIsFailureProperty().get()).isTrue();
        assertThat(vm.problemProperty().get().title()).isEqualTo("The local demo emulator did not start");
        assertThat(vm.problemProperty().get().message()).contains("port in use");
        vm.retry();
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void anUnusableTokenIsShownAsAProblemWithoutTouchingTheNetwork() {
        ShellViewModel vm = shell(Map.of("CLOUDFLARE_API_TOKEN", "two words"), () -> {
            throw new AssertionError("no demo emulator with a token set");
        });
        assertThat(vm.demoProperty().get()).isFalse();

        session.connect();

        assertThat(vm.connectionStateProperty().get()).isEqualTo(ConnectionState.FAILED);
        assertThat(vm.problemProperty().get().title()).isEqualTo("The API token cannot be used");
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Connection failed");
        assertThat(vm.endpointTextProperty().get()).isEqualTo("api.cloudflare.com");
    }

    @Test
    void shortcutsMapDigitsToPagesInSidebarOrder() {
        ShellViewModel vm = shell(Map.of(), DemoEmulatorFactory.inMemory());
        assertThat(vm.currentPageProperty().get()).isEqualTo(PageId.OVERVIEW);
        vm.navigateByShortcut(3);
        assertThat(vm.currentPageProperty().get()).isEqualTo(PageId.LOGS);
        vm.navigateByShortcut(9);
        assertThat(vm.currentPageProperty().get()).isEqualTo(PageId.SETTINGS);
        vm.navigateByShortcut(0);
        assertThat(vm.currentPageProperty().get()).isEqualTo(PageId.SETTINGS);
    }

    @Test
    void themeToggleIsRememberedInTheSettingsFile() {
        ShellViewModel vm = shell(Map.of(), DemoEmulatorFactory.inMemory());
        vm.toggleTheme();
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(new SettingsStore(settingsDir).load().theme()).isEqualTo(Theme.DARK);
    }
}
