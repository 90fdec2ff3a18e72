package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.ValidationReport;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.SortDirection;
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
            List<Account> all = client.accounts().listAll(AccountListParams.defaults().withPerPage(5)).stream().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(14);
            client.accounts().list(AccountListParams.defaults().withPerPage(50).withDirection(SortDirection.DESC));
            client.accounts().list(AccountListParams.defaults().withName(all.get(0).name()));
            client.accounts().get(all.get(0).id());
            assertThatThrownBy(() -> client.accounts().get("0123456789abcdef0123456789abcdef"))
                    .isInstanceOf(CloudflareApiException.class);
        }
        try (CloudflareClient stranger = clientWithToken("cfut_" + "x".repeat(40))) {
            assertThatThrownBy(() -> stranger.user().tokens().verify()).isInstanceOf(CloudflareApiException.class);
            assertThatThrownBy(() -> stranger.accounts().list(AccountListParams.defaults()))
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
                violations.add(OpenApiContract.describe(exchange, report));
            }
        }
        assertThat(covered).contains(
                "GET /client/v4/user/tokens/verify", "GET /client/v4/accounts", "GET /client/v4/accounts/{account_id}");
        assertThat(failuresValidated).as("error responses validated").isGreaterThanOrEqualTo(3);
        assertThat(violations).as("contract violations").isEmpty();
    }

    @Test
    void emulatorAnswersToOtherRequestsFollowTheDocumentToo() throws Exception {
        // Requests our client would not send, straight to the emulator: its answers must still conform.
        String production = emulator.accounts().get(0).id();
        List<String> paths = List.of("/user/tokens/verify", "/accounts?page=2&per_page=5&direction=desc",
                "/accounts?name=nothing-matches", "/accounts?per_page=500", "/accounts/" + production,
                "/accounts/0123456789abcdef0123456789abcdef");
        okhttp3.OkHttpClient raw = new okhttp3.OkHttpClient();
        for (String token : new String[] {emulator.userToken(), "cfut_" + "z".repeat(40), null}) {
            for (String path : paths) {
                okhttp3.Request.Builder request = new okhttp3.Request.Builder().url(proxy.baseUrl() + path);
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                raw.newCall(request.build()).execute().close();
            }
        }
        int total = proxy.exchanges().size();
        List<String> violations = new ArrayList<>();
        List<RecordingProxy.Exchange> direct = proxy.exchanges().subList(total - paths.size() * 3, total);
        for (RecordingProxy.Exchange exchange : direct) {
            ValidationReport report = contract.validateResponse(exchange);
            if (report.hasErrors()) {
                violations.add(OpenApiContract.describe(exchange, report));
            }
        }
        assertThat(direct).extracting(RecordingProxy.Exchange::status).contains(200, 403).anyMatch(s -> s >= 400 && s != 403);
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

        // And the failure shape used for 4XX answers: error codes are documented as >= 1000.
        RecordingProxy.Exchange badFailure = new RecordingProxy.Exchange("GET",
                HttpUrl.get(proxy.baseUrl() + "/accounts"), okhttp3.Headers.of(), new byte[0], 403,
                okhttp3.Headers.of("Content-Type", "application/json"),
                "{\"success\":false,\"errors\":[{\"code\":7,\"message\":\"no\"}],\"messages\":[],\"result\":null}".getBytes());
        assertThat(contract.validate(badFailure).hasErrors()).isTrue();
    }

    private static CloudflareClient clientWithToken(String token) {
        return CloudflareClient.builder()
                .baseUrl(proxy.baseUrl())
                .credentials(new Credentials.ApiToken(token))
                .build();
    }
}
