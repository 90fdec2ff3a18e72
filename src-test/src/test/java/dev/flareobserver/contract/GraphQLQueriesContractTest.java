package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.analytics.WorkersInvocationsFields;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import dev.flareobserver.orchestration.monitor.WorkerMonitor;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Every GraphQL query the monitors send, recorded on the wire: the emulator (which validates each
 * document against its schema with graphql-java) answers it without errors, and every field it
 * selects is one the reference lists.
 */
class GraphQLQueriesContractTest {

    /** The query's skeleton: these names come from the documented query shape, not from a dataset. */
    private static final Set<String> STRUCTURE = Set.of("viewer", "accounts", "settings", "dimensions", "sum",
            "quantiles", "max", "avg", WorkersInvocationsFields.DATASET);

    @Test
    void everyQueryTheMonitorsSendIsValidAndUsesDocumentedFields() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Emulator emulator = Emulator.start(EmulatorOptions.builder().build());
             RecordingProxy proxy = new RecordingProxy(HttpUrl.get(emulator.baseUrl()));
             AccountConnection connection = new AccountConnection(
                     ConnectionSettings.demo(proxy.baseUrl(), emulator.userToken()))) {
            assertThat(connection.connect().isConnected()).isTrue();
            try (AccountMonitor overview = new AccountMonitor(connection, MonitorOptions.defaults());
                 WorkerMonitor worker = new WorkerMonitor(connection, "checkout-api", MonitorOptions.defaults())) {
                for (TimeWindow window : TimeWindow.values()) {
                    overview.setWindow(window);
                    Monitors.refresh(overview, s -> s.isLoaded() && s.window() == window);
                    worker.setWindow(window);
                    Monitors.refresh(worker, s -> s.isLoaded() && s.window() == window);
                }
            }

            Set<String> allowed = new HashSet<>(STRUCTURE);
            allowed.addAll(WorkersInvocationsFields.allFieldNames());
            allowed.addAll(WorkersInvocationsFields.SETTINGS_FIELDS);
            List<String> problems = new ArrayList<>();
            int queries = 0;
            for (RecordingProxy.Exchange exchange : proxy.exchanges()) {
                if (!exchange.path().endsWith("/graphql")) {
                    continue;
                }
                queries++;
                String document = json.readTree(exchange.requestBody()).path("query").asText();
                JsonNode answer = json.readTree(exchange.responseBody());
                if (exchange.status() != 200 || !answer.path("errors").isNull() || answer.path("data").isNull()) {
                    problems.add("HTTP " + exchange.status() + " " + answer.path("errors") + " for\n" + document);
                }
                for (String field : selectedFields(Parser.parse(document))) {
                    if (!allowed.contains(field)) {
                        problems.add("field '" + field + "' is not in the reference, in\n" + document);
                    }
                }
            }
            assertThat(queries).as("GraphQL queries recorded (settings, overview and Worker page per window)")
                    .isGreaterThanOrEqualTo(1 + 2 * TimeWindow.values().length);
            assertThat(problems).isEmpty();
        }
    }

    private static Set<String> selectedFields(Document document) {
        Set<String> names = new HashSet<>();
        collect(document, names);
        return names;
    }

    private static void collect(Node<?> node, Set<String> names) {
        if (node instanceof Field field) {
            names.add(field.getName());
        }
        for (Node<?> child : node.getChildren()) {
            collect(child, names);
        }
    }
}
