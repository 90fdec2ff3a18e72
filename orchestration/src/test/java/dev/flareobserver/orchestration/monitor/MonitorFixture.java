package dev.flareobserver.orchestration.monitor;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.ApiResponses.ok;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionOptions;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.transport.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A MockWebServer answering as Cloudflare would, with a connected AccountConnection in front of it. */
final class MonitorFixture implements AutoCloseable {

    static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

    final MockWebServer server = new MockWebServer();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> graphqlBodies = new CopyOnWriteArrayList<>();
    volatile Function<String, MockResponse> graphql = body -> json(200, "{\"data\":null,\"errors\":null}");
    volatile Function<RecordedRequest, MockResponse> rest = r -> json(404, error(7003, "No route for the URI"));
    AccountConnection connection;

    MonitorFixture() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                requests.add(request.getMethod() + " " + path.substring("/client/v4".length()));
                if (path.equals("/client/v4/user/tokens/verify")) {
                    return json(200, ok("{\"id\":\"tok123\",\"status\":\"active\"}"));
                }
                if (path.equals("/client/v4/accounts")) {
                    return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"" + ACCOUNT
                            + "\",\"name\":\"Acme Corp\",\"type\":\"standard\"}],\"result_info\":{\"page\":1,"
                            + "\"per_page\":20,\"count\":1,\"total_count\":1,\"total_pages\":1}}");
                }
                if (path.equals("/client/v4/graphql")) {
                    String body = request.getBody().readUtf8();
                    if (body.contains("WorkersInvocationsSettings")) {
                        return json(200, "{\"data\":{\"viewer\":{\"accounts\":[{\"settings\":{\"workersInvocationsAdaptive\":"
                                + "{\"enabled\":true,\"availableFields\":[],\"maxPageSize\":10000,\"maxNumberOfFields\":30,"
                                + "\"notOlderThan\":2678400,\"maxDuration\":604800}}}]}},\"errors\":null}");
                    }
                    graphqlBodies.add(body);
                    return graphql.apply(body);
                }
                return rest.apply(request);
            }
        });
        server.start();
    }

    AccountConnection connect() {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", TOKEN,
                "CLOUDFLARE_API_BASE_URL", server.url("/client/v4").toString())).orElseThrow();
        connection = new AccountConnection(settings, ConnectionOptions.defaults().withRetryPolicy(RetryPolicy.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        if (connection.connect().state() != ConnectionState.CONNECTED) {
            throw new IllegalStateException("fixture did not connect: " + connection.snapshot().problem());
        }
        requests.clear();
        return connection;
    }

    long count(String methodAndPath) {
        return requests.stream().filter(r -> r.equals(methodAndPath)).count();
    }

    long overviewQueries() {
        return graphqlBodies.stream().filter(b -> b.contains("AccountOverview")).count();
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        server.shutdown();
    }
}
