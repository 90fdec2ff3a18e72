package dev.flareobserver.app.page.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.ConnectionProblem;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.orchestration.connection.TokenInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {

    private static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";
    private final ConnectionSettings settings = ConnectionSettings.fromEnvironment(
            Map.of("CLOUDFLARE_API_TOKEN", TOKEN)).orElseThrow();

    @Test
    void showsTheConnectedAccountAndTokenFromTheSessionOnly() {
        AccountSummary acme = new AccountSummary("0123456789abcdef0123456789abcdef", "Acme Corp", "standard");
        SessionSnapshot connected = new SessionSnapshot(false, settings, new ConnectionSnapshot(
                ConnectionState.CONNECTED, ConnectionSettings.Mode.TOKEN, "https://api.cloudflare.com/client/v4",
                List.of(acme), acme, null,
                new TokenInfo("tok", "active", Instant.parse("2027-01-31T12:00:00Z"), TokenInfo.Kind.USER_TOKEN)), null);
        SimpleObjectProperty<SessionSnapshot> session = new SimpleObjectProperty<>(connected);

        OverviewViewModel vm = new OverviewViewModel(session);

        assertThat(vm.headingProperty().get()).isEqualTo("Acme Corp");
        assertThat(vm.accountIdProperty().get()).isEqualTo(acme.id());
        assertThat(vm.accountsVisibleProperty().get()).isEqualTo("1 account");
        assertThat(vm.tokenStatusProperty().get()).isEqualTo("Active · user token · expires 2027-01-31 12:00 UTC");
        assertThat(vm.credentialProperty().get()).isEqualTo("CLOUDFLARE_API_TOKEN (cfut_…9f2c)");
        assertThat(vm.modeProperty().get()).isEqualTo("API token");
        assertThat(vm.stateProperty().get()).isEqualTo("Connected");
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void beforeConnectingAndAfterAFailureItShowsNoInventedData() {
        SimpleObjectProperty<SessionSnapshot> session = new SimpleObjectProperty<>(new SessionSnapshot(true, null,
                new ConnectionSnapshot(ConnectionState.CONNECTING, ConnectionSettings.Mode.DEMO, "", List.of(), null,
                        null, null), "Starting the local demo emulator…"));
        OverviewViewModel vm = new OverviewViewModel(session);

        assertThat(vm.loadingProperty().get()).isTrue();
        assertThat(vm.accountNameProperty().get()).isEqualTo("—");
        assertThat(vm.stateProperty().get()).isEqualTo("Starting the local demo emulator…");

        session.set(new SessionSnapshot(false, settings, new ConnectionSnapshot(ConnectionState.FAILED,
                ConnectionSettings.Mode.TOKEN, settings.baseUrl(), List.of(), null,
                new ConnectionProblem("Cloudflare did not accept the API token", "…", ""), null), null));

        assertThat(vm.stateProperty().get()).isEqualTo("Failed: Cloudflare did not accept the API token");
        assertThat(vm.headingProperty().get()).isEqualTo("Not connected");
        assertThat(vm.tokenStatusProperty().get()).isEqualTo("—");
        assertThat(vm.endpointProperty().get()).isEqualTo("https://api.cloudflare.com/client/v4");
    }

    private static OverviewViewModel withMonitorFigures() {
        SimpleObjectProperty<SessionSnapshot> session = new SimpleObjectProperty<>(new SessionSnapshot(true, null,
                new ConnectionSnapshot(ConnectionState.CONNECTING, ConnectionSettings.Mode.DEMO, "", List.of(), null,
                        null, null), "Starting the local demo emulator…"));
        return new OverviewViewModel(session, java.util.Optional::empty, Runnable::run,
                java.time.Clock.fixed(dev.flareobserver.app.page.workers.Fixtures.NOW.plusSeconds(130),
                        java.time.ZoneOffset.UTC),
                dev.flareobserver.orchestration.monitor.HealthThresholds.defaults(), java.time.Duration.ofMinutes(15));
    }

    @Test
    void beforeTheFirstSnapshotTheTilesShowADashNotAZero() {
        OverviewViewModel vm = withMonitorFigures();
        for (TileModel tile : vm.tiles()) {
            assertThat(tile.valueProperty().get()).isEqualTo("—");
            assertThat(tile.unitProperty().get()).isEmpty();
            assertThat(tile.staleProperty().get()).isEmpty();
        }
        assertThat(vm.workers().emptyTextProperty().get()).isEqualTo("Loading Workers…");
    }

    @Test
    void aSnapshotFillsTheTilesTheLoadChartAndTheTable() {
        OverviewViewModel vm = withMonitorFigures();
        Instant at = dev.flareobserver.app.page.workers.Fixtures.NOW;
        vm.applySnapshot(dev.flareobserver.app.page.workers.Fixtures.snapshot(at, List.of(
                dev.flareobserver.app.page.workers.Fixtures.row("checkout-api", 9, 0, 40.0),
                dev.flareobserver.app.page.workers.Fixtures.row("payments-webhook", 3, 300, 4.0))));

        assertThat(vm.requestsTile().valueProperty().get()).isEqualTo("600");
        assertThat(vm.requestsTile().unitProperty().get()).isEqualTo("req/min");
        assertThat(vm.requestsTile().captionProperty().get()).contains("15 m");
        assertThat(vm.errorRateTile().valueProperty().get()).isEqualTo("1.0");
        assertThat(vm.errorRateTile().toneProperty().get()).isEqualTo("warn");
        assertThat(vm.cpuTile().valueProperty().get()).isEqualTo("13");
        assertThat(vm.cpuTile().unitProperty().get()).isEqualTo("ms");
        assertThat(vm.failingTile().valueProperty().get()).isEqualTo("1");
        assertThat(vm.failingTile().captionProperty().get()).isEqualTo("of 2 Workers");
        // payments-webhook has errors (warn): it comes before the busier but healthy checkout-api.
        assertThat(vm.workers().items()).extracting(r -> r.scriptName()).containsExactly("payments-webhook", "checkout-api");

        OverviewViewModel.LoadChart chart = vm.loadChartProperty().get();
        assertThat(chart.to()).isEqualTo(at);
        assertThat(chart.from()).isEqualTo(at.minusSeconds(3600));
        assertThat(chart.series()).extracting(c -> c.name()).containsExactly("Requests", "Errors");
        // 1-minute buckets of a 1 h window: the count is the per-minute rate.
        assertThat(chart.series().get(0).points().get(0).value()).isEqualTo(600.0);
        assertThat(vm.problemProperty().get()).isNull();
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodFiguresMarkedStaleAndNamesThePanelAndQuery() {
        OverviewViewModel vm = withMonitorFigures();
        Instant at = dev.flareobserver.app.page.workers.Fixtures.NOW;
        var good = dev.flareobserver.app.page.workers.Fixtures.snapshot(at, List.of(
                dev.flareobserver.app.page.workers.Fixtures.row("checkout-api", 9, 0, 40.0)));
        vm.applySnapshot(good);
        vm.applySnapshot(dev.flareobserver.app.page.workers.Fixtures.stale(good, at));

        assertThat(vm.requestsTile().valueProperty().get()).isEqualTo("600");
        for (TileModel tile : vm.tiles()) {
            assertThat(tile.staleProperty().get()).isEqualTo("stale · 2 m old");
        }
        assertThat(vm.freshnessProperty().get()).isEqualTo("stale · 2 m old");
        assertThat(vm.problemProperty().get().title()).isEqualTo("Overview could not be refreshed");
        assertThat(vm.problemProperty().get().message()).contains("rate limiter budget depleted")
                .contains("Query: AccountOverview").contains("last good data, 2 m old");
        assertThat(vm.workers().items()).hasSize(1);
    }
}
