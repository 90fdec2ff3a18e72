package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.queues.Queue;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.BadRequestException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.NotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queues: the client against the emulator, both held against the official document. */
class QueuesContractTest {

    private static Emulator emulator;
    private static RecordingProxy proxy;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        proxy = new RecordingProxy(HttpUrl.get(emulator.baseUrl()));
        contract = new OpenApiContract(Path.of(System.getProperty("flare.openapi")), Path.of("target", "contract"));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        emulator.close();
    }

    @Test
    void queuesAreCreatedListedRenamedAndDeletedAsTheDocumentSays() {
        String account = emulator.accounts().get(0).id();
        try (CloudflareClient client = CloudflareClient.builder().baseUrl(proxy.baseUrl())
                .credentials(new Credentials.ApiToken(emulator.userToken())).build()) {
            assertThat(client.queues().list(account)).extracting(Queue::queueName)
                    .contains("order-events", "email-outbox");

            Queue created = client.queues().create(account, "signup-events");
            assertThat(created.queueId()).matches("[0-9a-f]{32}");
            assertThat(client.queues().get(account, created.queueId()).queueName()).isEqualTo("signup-events");
            assertThatThrownBy(() -> client.queues().create(account, "signup-events"))
                    .isInstanceOf(CloudflareApiException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> client.queues().create(account, "Not_Valid"))
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("lowercase letters");

            Queue renamed = client.queues().rename(account, created.queueId(), "signup-events-v2");
            assertThat(renamed.queueName()).isEqualTo("signup-events-v2");
            assertThat(client.queues().list(account)).extracting(Queue::queueName)
                    .contains("signup-events-v2").doesNotContain("signup-events");

            client.queues().delete(account, created.queueId());
            assertThatThrownBy(() -> client.queues().get(account, created.queueId()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> client.queues().delete(account, " "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue_id");
        }

        List<String> violations = new ArrayList<>();
        int validated = 0;
        for (RecordingProxy.Exchange exchange : proxy.exchanges()) {
            if (!contract.describes(exchange.method(), exchange.path())) {
                continue;
            }
            validated++;
            ValidationReport report = contract.validate(exchange);
            if (report.hasErrors()) {
                violations.add(OpenApiContract.describe(exchange, report));
            }
        }
        assertThat(validated).as("exchanges the document describes").isGreaterThanOrEqualTo(9);
        assertThat(violations).as("contract violations").isEmpty();
    }
}
