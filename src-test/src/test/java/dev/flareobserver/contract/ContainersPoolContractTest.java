package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.CreateApplication;
import dev.flareobserver.api.workers.DurableObjectNamespace;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.Credentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Containers page reads beside the containers API: the Durable Object namespaces (held against the
 * official document, which describes them) and the emulator's pool state (which the document does not describe:
 * only the client and the emulator are checked to agree on it, including "no pool" on a 404).
 */
class ContainersPoolContractTest {

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
    void namespacesNameTheWorkerOwningThePoolAndMatchTheDocument() {
        String account = emulator.accounts().get(0).id();
        try (CloudflareClient client = CloudflareClient.builder().baseUrl(proxy.baseUrl())
                .credentials(new Credentials.ApiToken(emulator.userToken())).build()) {
            ContainerApplication pool = client.containers().applications().listAll(account, ApplicationListParams.all())
                    .stream().filter(a -> a.name().equals("hello-pool")).findFirst().orElseThrow();
            List<DurableObjectNamespace> namespaces = client.workers().durableObjects().list(account);

            assertThat(namespaces).allSatisfy(n -> {
                assertThat(n.id()).isNotBlank();
                assertThat(n.script()).isNotBlank();
                assertThat(n.className()).isNotBlank();
            });
            assertThat(namespaces).filteredOn(n -> n.id().equals(pool.durableObjects().namespaceId()))
                    .singleElement().extracting(DurableObjectNamespace::script).isEqualTo("pool-manager");

            assertThat(client.containers().applications().pool().get(account, pool.id())).get()
                    .satisfies(p -> assertThat(p.targetInstances()).isEqualTo(3));
            ContainerApplication plain = client.containers().applications().create(account, CreateApplication.scheduled(
                    "no-pool-app", ContainerConfiguration.ofImage("registry.cloudflare.com/" + account + "/none:1"), 0));
            assertThat(client.containers().applications().pool().get(account, plain.id()))
                    .as("an application without a pool reads as empty, not as an error").isEmpty();
        }

        List<String> violations = new ArrayList<>();
        int validated = 0;
        for (RecordingProxy.Exchange exchange : proxy.exchanges()) {
            if (!exchange.path().contains("/durable_objects/") || !contract.describes(exchange.method(),
                    exchange.path())) {
                continue;
            }
            validated++;
            ValidationReport report = contract.validate(exchange);
            if (report.hasErrors()) {
                violations.add(OpenApiContract.describe(exchange, report));
            }
        }
        assertThat(validated).as("namespace exchanges the document describes").isEqualTo(1);
        assertThat(violations).as("contract violations").isEmpty();
    }
}
