package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.accounts.AccountListParams;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.Credentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds both sides against the official OpenAPI subset: every request our client sends and every
 * response the emulator gives, for the paths this document describes.
 */
class CloudflareContractTest {

    private static Emulator emulator;
    private static RecordingProxy proxy;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.builder().extraAccounts(12).build());
        proxy = new RecordingProxy(HttpUrl.get(emulator.baseUrl()));
        contract = new OpenApiContract(Path.of(System.getProperty("flare.openapi")), Path.of("target", "contract"));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        emulator.close();
    }

    @Test
    void clientRequestsAndEmulatorResponsesFollowTheOfficialDocument() {
        try (CloudflareClient client = clientWithToken(emulator.userToken())) {
            client.user().tokens().verify();
            List<Account> all = client.accounts().listAll(AccountListParams.builder().perPage(5).build()).stream().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(14);
            client.accounts().list(AccountListParams.builder().perPage(50).direction("desc").build());
            client.accounts().list(AccountListParams.builder().name(all.get(0).name()).build());
            client.accounts().get(all.get(0).id());
            assertThatThrownBy(() -> client.accounts().get("0123456789abcdef0123456789abcdef"))
                    .isInstanceOf(CloudflareApiException.class);
        }
        try (CloudflareClient stranger = clientWithToken("cfut_" + "x".repeat(40))) {
            assertThatThrownBy(() -> stranger.user().tokens().verify()).isInstanceOf(CloudflareApiException.class);
            assertThatThrownBy(() -> stranger.accounts().list(AccountListParams.builder().build()))
                    .isInstanceOf(CloudflareApiException.class);
        }

        Set<String> covered = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        int failuresValidated = 0;
        for (RecordingProxy.Exchange exchange : proxy.exchanges()) {
            if (!contract.describes(exchange.method(), exchange.path())) {
                continue;
            }
            covered.add(exchange.method() + " " + exchange.path().replaceAll("/[0-9a-f]{32}", "/{account_id}"));
            if (exchange.status() >= 400) {
                failuresValidated++;
            }
            ValidationReport report = contract.validate(exchange);
            if (report.hasErrors()) {
                violations.add(exchange.method() + " " + exchange.url() + " -> " + exchange.status() + "\n"
                        + report.getMessages().stream().map(m -> "    " + m.getKey() + ": " + m.getMessage())
                                .reduce("", (a, b) -> a + b + "\n"));
            }
        }
        assertThat(covered).contains(
                "GET /client/v4/user/tokens/verify", "GET /client/v4/accounts", "GET /client/v4/accounts/{account_id}");
        assertThat(failuresValidated).as("error responses validated").isGreaterThanOrEqualTo(3);
        assertThat(violations).as("contract violations").isEmpty();
    }

    @Test
    void theValidatorRejectsABodyThatBreaksTheDocument() {
        // Guards the test above against passing vacuously: a wrong shape must be reported.
        RecordingProxy.Exchange broken = new RecordingProxy.Exchange("GET",
                HttpUrl.get(proxy.baseUrl() + "/accounts"), okhttp3.Headers.of(), new byte[0], 200,
                okhttp3.Headers.of("Content-Type", "application/json"),
                "{\"success\":\"yes\",\"result\":{\"id\":1}}".getBytes());
        assertThat(contract.validate(broken).hasErrors()).isTrue();
    }

    private static CloudflareClient clientWithToken(String token) {
        return CloudflareClient.builder()
                .baseUrl(proxy.baseUrl())
                .credentials(new Credentials.ApiToken(token))
                .build();
    }
}
