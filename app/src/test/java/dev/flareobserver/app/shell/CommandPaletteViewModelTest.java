package dev.flareobserver.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.session.AppSession;
import dev.flareobserver.app.settings.AppSettings;
import dev.flareobserver.app.settings.SettingsModel;
import dev.flareobserver.app.settings.SettingsStore;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandPaletteViewModelTest {

    @TempDir
    Path dir;

    private AppSession session;
    private ShellViewModel shell;
    private CommandPaletteViewModel palette;

    @BeforeEach
    void setUp() {
        TaskRunner runner = TaskRunner.sameThread();
        session = new AppSession(Map.of(), runner, DemoEmulatorFactory.inMemory());
        shell = new ShellViewModel(session, runner,
                new SettingsModel(new SettingsStore(dir), AppSettings.defaults(), Runnable::run), Runnable::run);
        palette = new CommandPaletteViewModel(shell);
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void listsEveryPageAndFiltersAsYouType() {
        palette.show();
        assertThat(palette.openProperty().get()).isTrue();
        assertThat(palette.entries()).hasSize(PageId.values().length);

        palette.queryProperty().set("prov");

        assertThat(palette.entries()).extracting(PaletteEntry::label).containsExactly("Provisioning");
        assertThat(palette.selectedIndexProperty().get()).isZero();
    }

    @Test
    void enterJumpsToTheSelectedPageAndCloses() {
        palette.show();
        palette.queryProperty().set("d1");
        assertThat(palette.activateSelected()).isTrue();
        assertThat(shell.currentPageProperty().get()).isEqualTo(PageId.D1);
        assertThat(palette.openProperty().get()).isFalse();
    }

    @Test
    void accountsJoinThePaletteOnceConnectedAndSwitchTheAccount() {
        session.connect();
        palette.show();
        palette.queryProperty().set("account");
        assertThat(palette.entries()).hasSize(2).allMatch(e -> e.kind() == PaletteEntry.Kind.ACCOUNT);

        palette.moveSelection(1);
        palette.activateSelected();

        assertThat(shell.currentAccountProperty().get()).isEqualTo(shell.accounts().get(1));
    }

    @Test
    void selectionStaysInsideTheList() {
        palette.show();
        palette.moveSelection(-5);
        assertThat(palette.selectedIndexProperty().get()).isZero();
        palette.moveSelection(100);
        assertThat(palette.selectedIndexProperty().get()).isEqualTo(palette.entries().size() - 1);
        palette.queryProperty().set("no such thing");
        assertThat(palette.activateSelected()).isFalse();
        assertThat(palette.openProperty().get()).isTrue();
    }
}
