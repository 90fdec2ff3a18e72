package dev.flareobserver.app.page.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KV page's view models without a toolkit: same-thread tasks against an in-memory emulator's demo data. */
class KvViewModelTest {

    private static Emulator emulator;
    private static AccountConnection connection;
    private static WriteAccess access;
    private static KvService service;
    private KvViewModel vm;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        connection.connect();
        access = WriteAccess.unlocked();
        service = new KvService(connection, new ResourceWrites(access, AuditTrail.inMemory(), Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void page() {
        access.unlock();
        vm = new KvViewModel(() -> Optional.of(service), TaskRunner.sameThread(), Runnable::run,
                new SimpleObjectProperty<SessionSnapshot>());
        vm.onShow();
    }

    private KvNamespace select(String title) {
        KvNamespace ns = vm.namespaces().namespaces().stream().filter(n -> n.title().equals(title)).findFirst()
                .orElseThrow();
        vm.namespaces().selectedProperty().set(ns);
        return ns;
    }

    private KvKeyRow row(String key) {
        KvKeyRows rows = vm.browser().rowsProperty().get();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key().equals(key)) {
                return rows.get(i);
            }
        }
        throw new AssertionError(key + " is not loaded");
    }

    @Test
    void choosingANamespaceLoadsOnePageAndScrollingNearTheEndLoadsTheNext() {
        assertThat(vm.namespaces().namespaces()).extracting(KvNamespace::title)
                .contains("app-sessions", "site-config", "user-profiles");
        select("user-profiles");

        KvKeyRows rows = vm.browser().rowsProperty().get();
        assertThat(rows).hasSize(1000);
        assertThat(vm.browser().summaryProperty().get()).isEqualTo("1,000 keys loaded · scroll for more");

        vm.browser().rowShown(500);
        assertThat(rows).hasSize(1000);
        vm.browser().rowShown(850);
        assertThat(rows).hasSize(2000);

        vm.browser().prefixProperty().set("user:0001");
        vm.browser().search();
        assertThat(vm.browser().rowsProperty().get()).extracting(KvKeyRow::key).allMatch(k -> k.startsWith("user:0001"))
                .hasSize(10);
        assertThat(vm.browser().summaryProperty().get()).isEqualTo("10 keys under \"user:0001\"");
    }

    @Test
    void aValueOpensInTheViewThatFitsAndSavesAfterEditing() {
        KvNamespace ns = select("user-profiles");
        vm.browser().selectedProperty().set(row("user:00042"));

        KvValueViewModel value = vm.value();
        assertThat(value.modeProperty().get()).isEqualTo(KvViewMode.JSON);
        assertThat(value.renderedProperty().get()).contains("\"id\" : 42");
        assertThat(value.modesProperty().get()).contains(KvViewMode.TEXT, KvViewMode.JSON, KvViewMode.HEX);

        value.modeProperty().set(KvViewMode.TEXT);
        value.editTextProperty().set("{\"id\":42,\"name\":\"edited in a test\"}");
        value.metadataProperty().set("{\"edited\":true}");
        value.save();

        assertThat(value.problemProperty().get()).isNull();
        assertThat(value.statusProperty().get()).isEqualTo("Saved user:00042");
        assertThat(new String(service.read(ns.id(), "user:00042").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":42,\"name\":\"edited in a test\"}");
        assertThat(service.read(ns.id(), "user:00042").metadata().path("edited").asBoolean()).isTrue();
    }

    @Test
    void imagesAndBinaryValuesAreShownSafely() {
        select("site-config");
        vm.browser().selectedProperty().set(row("images/logo.png"));
        assertThat(vm.value().modeProperty().get()).isEqualTo(KvViewMode.IMAGE);
        vm.value().modeProperty().set(KvViewMode.HEX);
        assertThat(vm.value().renderedProperty().get()).startsWith("00000000  89 50 4e 47 0d 0a 1a 0a");

        vm.browser().selectedProperty().set(row("binary/latin1-text"));
        assertThat(vm.value().modeProperty().get()).isEqualTo(KvViewMode.HEX);
        assertThat(vm.value().textEditableProperty().get()).isFalse();
        assertThat(vm.value().modesProperty().get()).doesNotContain(KvViewMode.TEXT, KvViewMode.JSON);

        vm.browser().selectedProperty().set(row("bidi/\u202Egnp.exe"));
        assertThat(vm.value().keyDisplayProperty().get()).isEqualTo("bidi/\\u202Egnp.exe");
    }

    @Test
    void badInputAndReadOnlyShowAClearMessageNearTheActionAndWriteNothing() {
        KvNamespace ns = select("site-config");
        vm.browser().selectedProperty().set(row("config/motd.txt"));
        KvValueViewModel value = vm.value();
        value.editTextProperty().set("changed");

        value.expiryProperty().set(KvExpiryChoice.TTL);
        value.expiryTextProperty().set("30");
        value.save();
        assertThat(value.problemProperty().get().message())
                .isEqualTo("An expiration TTL of 30 seconds is too short; KV keys must live at least 60 seconds.");

        value.expiryProperty().set(KvExpiryChoice.NEVER);
        access.lock();
        value.save();
        assertThat(value.problemProperty().get().message()).startsWith("Read-only mode");

        assertThat(new String(service.read(ns.id(), "config/motd.txt").bytes(), StandardCharsets.UTF_8))
                .startsWith("Deploy freeze");
    }

    @Test
    void namespacesAreCreatedRenamedAndDeletedOnlyWithTheTypedTitle() {
        vm.namespaces().create("vm-test");
        KvNamespace created = vm.namespaces().selectedProperty().get();
        assertThat(created.title()).isEqualTo("vm-test");
        assertThat(vm.browser().summaryProperty().get()).isEqualTo("No keys");

        vm.namespaces().rename(created, "vm-test-2");
        assertThat(vm.namespaces().selectedProperty().get().title()).isEqualTo("vm-test-2");

        KvNamespace renamed = vm.namespaces().selectedProperty().get();
        vm.namespaces().delete(renamed, "vm-test");
        assertThat(vm.namespaces().problemProperty().get().message()).contains("exactly to delete it");
        assertThat(vm.namespaces().namespaces()).extracting(KvNamespace::title).contains("vm-test-2");

        vm.namespaces().delete(renamed, "vm-test-2");
        assertThat(vm.namespaces().namespaces()).extracting(KvNamespace::title).doesNotContain("vm-test-2");
        assertThat(vm.namespaces().selectedProperty().get()).isNull();
    }

    @Test
    void aNewKeyIsSavedAndAppearsInTheList() {
        KvNamespace ns = select("site-config");
        vm.value().startNew(ns);
        vm.value().keyProperty().set("config/new entry");
        vm.value().editTextProperty().set("fresh");
        vm.value().save();

        assertThat(vm.value().problemProperty().get()).isNull();
        assertThat(row("config/new entry")).isNotNull();
        vm.browser().selectedProperty().set(row("config/new entry"));
        vm.value().delete();
        assertThat(vm.browser().rowsProperty().get()).extracting(KvKeyRow::key).doesNotContain("config/new entry");
    }
}
