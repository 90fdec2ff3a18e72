package dev.flareobserver.app.page.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.provision.ConfigFormat;
import dev.flareobserver.orchestration.provision.PlanAction;
import dev.flareobserver.orchestration.provision.PlanItem;
import dev.flareobserver.orchestration.provision.ProvisionJournals;
import dev.flareobserver.orchestration.provision.ProvisionService;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's model without a toolkit: same-thread tasks, a direct executor, the emulator behind it. */
class ProvisioningViewModelTest {

    private static Emulator emulator;
    private static AccountConnection connection;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        connection.connect();
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @Test
    void openPlanApplyHistoryExportAndTheLock() throws Exception {
        Path config = dir.resolve("wrangler.toml");
        Files.writeString(config, "name = \"vm\"\n[queues]\nproducers = [ { binding = \"JOBS\", queue = \"vm-jobs\" } ]\n");
        WriteAccess access = WriteAccess.locked();
        SimpleBooleanProperty unlocked = new SimpleBooleanProperty(false);
        ResourceWrites writes = new ResourceWrites(access, AuditTrail.inMemory(), Clock.systemUTC());
        ProvisionService service = new ProvisionService(connection, writes,
                new ProvisionJournals(dir.resolve("journals"), Clock.systemUTC()));
        RecentConfigs recent = new RecentConfigs(dir.resolve("recent.txt"));
        ProvisioningViewModel model = new ProvisioningViewModel(() -> Optional.of(service), unlocked,
                TaskRunner.sameThread(), Runnable::run, recent);

        model.open(config);
        assertThat(model.planProperty().get().items()).extracting(PlanItem::action).containsExactly(PlanAction.CREATE);
        assertThat(model.statusProperty().get()).isEqualTo("Plan: 1 to create, 0 to keep, 0 drifted");
        assertThat(recent.load()).containsExactly(config.toAbsolutePath());
        assertThat(model.canApplyProperty().get()).as("read-only").isFalse();

        access.unlock();
        unlocked.set(true);
        assertThat(model.canApplyProperty().get()).isTrue();
        model.apply();
        assertThat(model.log()).contains("Creating queue vm-jobs…", "Ended: applied");
        assertThat(model.statusProperty().get()).isEqualTo("No changes: the account and the config agree.");
        assertThat(model.canApplyProperty().get()).isFalse();
        assertThat(model.history()).hasSize(1);

        access.lock();
        unlocked.set(false);
        assertThat(model.canChangeHistoryProperty().get()).isFalse();
        model.rollback(model.history().get(0));
        assertThat(model.problemProperty().get()).startsWith("Read-only mode");
        assertThat(model.planProperty().get().hasChanges()).as("nothing was rolled back").isFalse();

        model.exportFormatProperty().set(ConfigFormat.JSONC);
        model.export();
        assertThat(model.exportTextProperty().get()).contains("\"queue\" : \"vm-jobs\"");
    }

    @Test
    void aBrokenConfigShowsItsProblemAndNoPlan() throws Exception {
        Path config = dir.resolve("wrangler.jsonc");
        Files.writeString(config, "{ \"name\": \"vm\", \"r2_buckets\": [ { \"binding\": \"B\", \"bucket_name\": \"No\" } ] }");
        ProvisionService service = new ProvisionService(connection, ResourceWrites.unlockedInMemory(),
                new ProvisionJournals(dir.resolve("journals"), Clock.systemUTC()));
        ProvisioningViewModel model = new ProvisioningViewModel(() -> Optional.of(service),
                new SimpleBooleanProperty(true), TaskRunner.sameThread(), Runnable::run,
                new RecentConfigs(dir.resolve("recent.txt")));
        model.open(config);
        assertThat(model.planProperty().get()).isNull();
        assertThat(model.problemProperty().get()).contains("wrangler.jsonc:1:").contains("R2 bucket name \"No\" is invalid");
    }
}
