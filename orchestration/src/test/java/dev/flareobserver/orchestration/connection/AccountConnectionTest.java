package dev.flareobserver.orchestration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.transport.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountConnectionTest {

    private static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";
    private static final String ACME = "0123456789abcdef0123456789abcdef";
    private static final String SANDBOX = "fedcba9876543210fedcba9876543210";

    private MockWebServer server;
    private Function<RecordedRequest, MockResponse> handler;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handler.apply(request);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private String baseUrl() {
        return server.url("/client/v4").toString();
    }

    private AccountConnection connection(Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.putIfAbsent("CLOUDFLARE_API_TOKEN", TOKEN);
        env.putIfAbsent("CLOUDFLARE_API_BASE_URL", baseUrl());
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(env).orElseThrow();
        return new AccountConnection(settings, ConnectionOptions.defaults()
                .withRetryPolicy(RetryPolicy.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setHeader("cf-ray", "8a1b2c3d4e5f-AMS").setBody(body);
    }

    private static String ok(String result) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}";
    }

    private static String error(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
    }

    private static String account(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"standard\","
                + "\"created_on\":\"2024-03-01T10:00:00Z\",\"settings\":{\"enforce_twofactor\":false}}";
    }

    /** Two accounts over two pages of one, as /accounts pages them. */
    private static MockResponse accountsPage(RecordedRequest r) {
        HttpUrl url = r.getRequestUrl();
        String page = url.queryParameter("page") == null ? "1" : url.queryParameter("page");
        String item = page.equals("1") ? account(ACME, "Acme Corp") : page.equals("2") ? account(SANDBOX, "Sandbox") : "";
        String items = item.isEmpty() ? "[]" : "[" + item + "]";
        return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + items
                + ",\"result_info\":{\"page\":" + page + ",\"per_page\":1,\"count\":" + (item.isEmpty() ? 0 : 1)
                + ",\"total_count\":2,\"total_pages\":2}}");
    }

    private static MockResponse happy(RecordedRequest r) {
        String path = r.getRequestUrl().encodedPath();
        if (path.equals("/client/v4/user/tokens/verify")) {
            return json(200, ok("{\"id\":\"tok123\",\"status\":\"active\"}"));
        }
        if (path.equals("/client/v4/accounts")) {
            return accountsPage(r);
        }
        return json(404, error(7003, "No route for the URI"));
    }

    @Test
    void connectsVerifiesTheTokenListsEveryPageAndChoosesTheFirstAccount() {
        handler = AccountConnectionTest::happy;
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        try (AccountConnection c = connection(Map.of())) {
            c.addListener(s -> states.add(s.state()));
            ConnectionSnapshot s = c.connect();

            assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(s.problem()).isNull();
            assertThat(s.accounts()).extracting(AccountSummary::name).containsExactly("Acme Corp", "Sandbox");
            assertThat(s.current().id()).isEqualTo(ACME);
            assertThat(s.token().kind()).isEqualTo(TokenInfo.Kind.USER_TOKEN);
            assertThat(s.token().isActive()).isTrue();
            assertThat(s.endpoint()).startsWith("http://").endsWith("/client/v4");
            assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
            assertThat(c.currentAccount()).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("Acme Corp"));
        }
    }

    @Test
    void preferredAccountFromTheEnvironmentIsChosenAndCanBeSwitched() {
        handler = AccountConnectionTest::happy;
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_ACCOUNT_ID", SANDBOX))) {
            assertThat(c.connect().current().name()).isEqualTo("Sandbox");
            List<ConnectionSnapshot> seen = new ArrayList<>();
            c.addListener(seen::add);
            c.selectAccount(ACME);
            assertThat(c.snapshot().current().name()).isEqualTo("Acme Corp");
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void unknownPreferredAccountIsAWarningNotAFailure() {
        handler = AccountConnectionTest::happy;
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_ACCOUNT_ID", "ffffffffffffffffffffffffffffffff"))) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(s.current().name()).isEqualTo("Acme Corp");
            assertThat(s.problem().title()).contains("CLOUDFLARE_ACCOUNT_ID");
        }
    }

    @Test
    void accountOwnedTokenIsVerifiedUnderItsAccountAsWranglerDoes() {
        List<String> paths = new CopyOnWriteArrayList<>();
        handler = r -> {
            String path = r.getRequestUrl().encodedPath();
            paths.add(path);
            if (path.equals("/client/v4/user/tokens/verify")) {
                return json(401, error(1000, "Invalid API Token"));
            }
            if (path.equals("/client/v4/accounts/" + SANDBOX + "/tokens/verify")) {
                return json(200, ok("{\"id\":\"acct-tok\",\"status\":\"active\"}"));
            }
            return happy(r);
        };
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_ACCOUNT_ID", SANDBOX))) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(s.token().kind()).isEqualTo(TokenInfo.Kind.ACCOUNT_TOKEN);
            assertThat(paths).contains("/client/v4/accounts/" + SANDBOX + "/tokens/verify");
        }
    }

    @Test
    void wrongTokenIsExplainedWithDetailsButNeverTheToken() {
        handler = r -> json(401, error(9106, "Authentication failed"));
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            ConnectionProblem p = s.problem();
            assertThat(p.title()).isEqualTo("Cloudflare did not accept the API token");
            assertThat(p.message()).contains("CLOUDFLARE_API_TOKEN");
            assertThat(p.details()).contains("HTTP status: 401").contains("9106").contains("8a1b2c3d4e5f-AMS");
            assertThat(p.title() + p.message() + p.details()).doesNotContain(TOKEN).doesNotContain("at dev.");
        }
    }

    @Test
    void expiredTokenSaysSo() {
        handler = r -> json(200, ok("{\"id\":\"tok123\",\"status\":\"expired\",\"expires_on\":\"2024-01-01T00:00:00Z\"}"));
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The API token has expired");
        }
    }

    @Test
    void missingPermissionIsNotCalledAWrongToken() {
        handler = r -> r.getRequestUrl().encodedPath().endsWith("/tokens/verify")
                ? json(200, ok("{\"id\":\"tok123\",\"status\":\"active\"}"))
                : json(403, error(10000, "Authentication error"));
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The API token lacks a permission");
        }
    }

    @Test
    void htmlInsteadOfTheApiIsExplained() {
        handler = r -> new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/html")
                .setBody("<!doctype html><html><body>Welcome to nginx</body></html>");
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The server answered with a web page, not the Cloudflare API");
            assertThat(s.problem().details()).contains("text/html");
        }
    }

    @Test
    void truncatedJsonIsExplained() {
        handler = r -> json(200, "{\"success\":true,\"errors\":[],\"result\":{\"id\":\"to");
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The server's answer could not be read");
        }
    }

    @Test
    void successFalseWithStatus200IsAFailure() {
        handler = r -> json(200, error(1234, "Something is off"));
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().message()).contains("Something is off").contains("1234");
        }
    }

    @Test
    void unreachableApiIsExplained() throws IOException {
        handler = AccountConnectionTest::happy;
        String url = baseUrl();
        server.shutdown();
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_API_BASE_URL", url))) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("Cannot reach the Cloudflare API");
            assertThat(s.problem().message()).contains("connection refused");
        }
    }

    @Test
    void malformedBaseUrlIsExplainedWithoutAnyRequest() {
        handler = AccountConnectionTest::happy;
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_API_BASE_URL", "htp:/api cloudflare"))) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The API base URL cannot be used");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    void plainHttpToARemoteHostIsRefused() {
        handler = AccountConnectionTest::happy;
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_API_BASE_URL", "http://api.example.com/client/v4"))) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The API base URL cannot be used");
        }
    }

    @Test
    void unusableTokenFailsBeforeAnyRequest() {
        handler = AccountConnectionTest::happy;
        try (AccountConnection c = connection(Map.of("CLOUDFLARE_API_TOKEN", "has a space"))) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("The API token cannot be used");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    void rateBudgetShrinksWithEveryRequestAndListenersHearIt() {
        handler = AccountConnectionTest::happy;
        List<BudgetSnapshot> budgets = new CopyOnWriteArrayList<>();
        try (AccountConnection c = connection(Map.of())) {
            assertThat(c.rateBudget().restRemaining()).isEqualTo(1200);
            c.addRateBudgetListener(budgets::add);
            c.connect();
            assertThat(c.rateBudget().restRemaining()).isLessThanOrEqualTo(1200 - 3);
            assertThat(budgets).isNotEmpty();
        }
    }

    @Test
    void retryAfterAFailureConnects() {
        boolean[] up = {false};
        handler = r -> up[0] ? happy(r) : json(503, error(1001, "Service unavailable"));
        try (AccountConnection c = connection(Map.of())) {
            assertThat(c.connect().state()).isEqualTo(ConnectionState.FAILED);
            assertThat(c.snapshot().problem().title()).isEqualTo("The Cloudflare API had a problem");
            up[0] = true;
            assertThat(c.connect().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(c.snapshot().problem()).isNull();
        }
    }

    @Test
    void aWrongTokenThatLooksAccountOwnedIsStillCalledWrong() {
        // Cloudflare answers an unknown token on /user/tokens/verify with code 1000, like an account token.
        handler = r -> r.getRequestUrl().encodedPath().equals("/client/v4/user/tokens/verify")
                ? json(401, error(1000, "Invalid API Token"))
                : json(403, error(10000, "Authentication error"));
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isEqualTo("Cloudflare did not accept the API token");
            assertThat(s.problem().message()).contains("CLOUDFLARE_ACCOUNT_ID");
        }
    }

    @Test
    void anErrorPageFromSomethingElseIsNotBlamedOnCloudflare() {
        handler = r -> new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/html")
                .setBody("<html><body>Not Found</body></html>");
        try (AccountConnection c = connection(Map.of())) {
            ConnectionSnapshot s = c.connect();
            assertThat(s.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(s.problem().title()).isIn("The server does not answer like the Cloudflare API",
                    "The server answered with a web page, not the Cloudflare API");
            assertThat(s.problem().message()).contains("CLOUDFLARE_API_BASE_URL");
        }
    }
}
