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
}
