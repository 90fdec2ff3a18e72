package dev.flareobserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionState;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees when connecting: the orchestration connection against the emulator. */
class AccountConnectionAgainstEmulatorTest {

    private static final String ACCOUNT_TOKEN = "cfat_" + "a".repeat(40);
    private static final String EXPIRED_TOKEN = "cfut_" + "e".repeat(40);

    private Emulator emulator;
    private EmulatorAccount staging;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        staging = emulator.accounts().get(1);
        emulator.close();
        emulator = Emulator.start(EmulatorOptions.builder()
                .accountToken(staging.id(), ACCOUNT_TOKEN).expiredToken(EXPIRED_TOKEN).build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void demoConnectsAndOpensTheFirstAccount() {
        try (AccountConnection connection = new AccountConnection(
                ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()))) {
            ConnectionSnapshot snapshot = connection.connect();

            assertThat(snapshot.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(snapshot.accounts()).extracting(AccountSummary::name)
                    .containsExactlyElementsOf(emulator.accounts().stream().map(EmulatorAccount::name).toList());
            assertThat(snapshot.currentAccount()).map(AccountSummary::id).contains(emulator.accounts().get(0).id());
            assertThat(connection.rateBudget().restRemaining()).as("budget reported by the server").isLessThan(1200);
        }
    }

    @Test
    void theEnvironmentChoosesTheAccountAndTheBaseUrlAsForWrangler() {
        ConnectionSnapshot snapshot = connect(env(emulator.userToken(), staging.id()));

        assertThat(snapshot.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(snapshot.currentAccount()).map(AccountSummary::name).contains(staging.name());
        assertThat(snapshot.endpoint()).isEqualTo(emulator.baseUrl());
    }

    @Test
    void anAccountOwnedTokenIsVerifiedOnTheAccount() {
        ConnectionSnapshot snapshot = connect(env(ACCOUNT_TOKEN, staging.id()));

        assertThat(snapshot.state()).as(String.valueOf(snapshot.problem())).isEqualTo(ConnectionState.CONNECTED);
        assertThat(snapshot.currentAccount()).map(AccountSummary::id).contains(staging.id());
        assertThat(emulator.stats().snapshot().count("GET /accounts/{account_id}/tokens/verify")).isEqualTo(1);
    }

    @Test
    void aWrongTokenFailsWithAMessageAPersonUnderstandsAndNoSecret() {
        String wrong = "cfut_" + "w".repeat(40);
        ConnectionSnapshot snapshot = connect(env(wrong, null));

        assertThat(snapshot.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(snapshot.problem().title()).containsIgnoringCase("token");
        assertThat(snapshot.problem().message() + snapshot.problem().details()).doesNotContain("w".repeat(40));
    }

    @Test
    void anExpiredTokenIsNamedAsExpired() {
        ConnectionSnapshot snapshot = connect(env(EXPIRED_TOKEN, null));

        assertThat(snapshot.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(snapshot.problem().title() + " " + snapshot.problem().message()).containsIgnoringCase("expired");
    }

    @Test
    void aServerAnsweringHtmlIsReportedAsNotTheCloudflareApi() {
        emulator.faults().add(FaultRule.html("**", 200));
        ConnectionSnapshot snapshot = connect(env(emulator.userToken(), null));

        assertThat(snapshot.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(snapshot.problem().title()).contains("web page").contains("not the Cloudflare API");
    }

    @Test
    void anUnreachableApiIsReportedAsSuch() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = env(emulator.userToken(), null);
        env.put("CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:" + closedPort + "/client/v4");
        ConnectionSnapshot snapshot = connect(env);

        assertThat(snapshot.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(snapshot.problem().title()).isEqualTo("Cannot reach the Cloudflare API");
    }

    @Test
    void badSettingsFailBeforeAnyRequest() {
        Map<String, String> plainHttp = env(emulator.userToken(), null);
        plainHttp.put("CLOUDFLARE_API_BASE_URL", "http://api.example.com/client/v4");
        Map<String, String> malformed = env(emulator.userToken(), null);
        malformed.put("CLOUDFLARE_API_BASE_URL", "ht!tp://:::/nope");

        for (Map<String, String> env : java.util.List.of(plainHttp, malformed, env("", null), env("abc def", null))) {
            ConnectionSnapshot snapshot = connect(env);
            assertThat(snapshot.state()).as(env.toString()).isEqualTo(ConnectionState.FAILED);
            assertThat(snapshot.problem().message()).as(env.toString()).isNotBlank();
        }
        assertThat(emulator.stats().snapshot().total()).as("nothing was sent").isZero();
    }

    private static ConnectionSnapshot connect(Map<String, String> env) {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(env).orElseThrow();
        try (AccountConnection connection = new AccountConnection(settings)) {
            return connection.connect();
        }
    }

    private Map<String, String> env(String token, String accountId) {
        Map<String, String> env = new HashMap<>();
        env.put("CLOUDFLARE_API_TOKEN", token);
        env.put("CLOUDFLARE_API_BASE_URL", emulator.baseUrl());
        if (accountId != null) {
            env.put("CLOUDFLARE_ACCOUNT_ID", accountId);
        }
        return env;
    }
}
