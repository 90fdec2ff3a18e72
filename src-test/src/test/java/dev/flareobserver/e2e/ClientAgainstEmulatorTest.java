package dev.flareobserver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.TokenStatus;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.accounts.AccountListParams;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.transport.AuthenticationException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.CloudflareConnectionException;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.RateLimitedException;
import dev.flareobserver.transport.ResponseParseException;
import dev.flareobserver.transport.RetryPolicy;
import dev.flareobserver.transport.ServerErrorException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client (transport + core-api) against the in-process emulator, over loopback HTTP. */
class ClientAgainstEmulatorTest {

    private static final String ACCOUNTS = "GET /accounts";

    private Emulator emulator;
    private CloudflareClient client;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.builder().extraAccounts(12).build());
        client = clientFor(emulator, emulator.userToken(), fastRetries());
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void verifiesTheDemoTokenAsActive() {
        assertThat(client.user().tokens().verify().status()).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void pagesThroughEveryAccountLazily() {
        var pager = client.accounts().listAll(AccountListParams.defaults().withPerPage(5));
        assertThat(emulator.stats().snapshot().count(ACCOUNTS)).as("nothing fetched before iterating").isZero();

        List<Account> first = pager.stream().limit(3).toList();
        assertThat(first).hasSize(3);
        assertThat(emulator.stats().snapshot().count(ACCOUNTS)).as("one page for three accounts").isEqualTo(1);

        List<Account> all = client.accounts().listAll(AccountListParams.defaults().withPerPage(5)).stream().toList();
        assertThat(all).hasSize(14);
        assertThat(all).extracting(Account::id).doesNotHaveDuplicates();
        assertThat(all).extracting(Account::name).containsAll(emulator.accounts().stream().map(a -> a.name()).toList());
    }

    @Test
    void retriesAfterInjected503sAndSucceeds() {
        emulator.faults().add(FaultRule.status("/accounts", 503).times(2));

        assertThat(client.accounts().list().items()).isNotEmpty();
        assertThat(emulator.stats().snapshot().count(ACCOUNTS)).as("two failures, then success").isEqualTo(3);
    }

    @Test
    void retriesAfterAnInjected429HonouringRetryAfter() {
        emulator.faults().add(FaultRule.rateLimit("/accounts", 1).times(1));

        long started = System.nanoTime();
        assertThat(client.accounts().list().items()).isNotEmpty();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(emulator.stats().snapshot().count(ACCOUNTS)).isEqualTo(2);
    }

    @Test
    void givesUpWithATypedErrorWhenFailuresOutlastTheRetries() {
        emulator.faults().add(FaultRule.status("/accounts", 503));

        assertThatThrownBy(() -> client.accounts().list())
                .isInstanceOf(ServerErrorException.class)
                .satisfies(e -> assertThat(((CloudflareApiException) e).httpStatus()).isEqualTo(503));
        assertThat(emulator.stats().snapshot().count(ACCOUNTS)).as("bounded attempts").isEqualTo(4);
    }

    @Test
    void rateLimitExhaustionSurfacesAsATypedErrorWithoutWaitingMinutes() {
        try (Emulator limited = Emulator.start(EmulatorOptions.builder().restRateLimit(6, Duration.ofMinutes(5)).build());
             CloudflareClient limitedClient = clientFor(limited, limited.userToken(), RetryPolicy.defaults())) {
            for (int i = 0; i < 6; i++) {
                limitedClient.user().tokens().verify();
            }
            assertThat(limitedClient.rateBudget().snapshot().restRemaining())
                    .as("budget corrected from the Ratelimit header").isZero();

            long started = System.nanoTime();
            assertThatThrownBy(() -> limitedClient.accounts().list())
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                            .hasValueSatisfying(after -> assertThat(after).isGreaterThan(Duration.ofSeconds(60))));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("a Retry-After beyond the retry deadline is not slept through").isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnknownTokenIsRejectedAsAnAuthenticationError() {
        try (CloudflareClient stranger = clientFor(emulator, "cfut_" + "q".repeat(40), fastRetries())) {
            assertThatThrownBy(() -> stranger.accounts().list())
                    .isInstanceOf(CloudflareApiException.class)
                    .satisfies(e -> assertThat(((CloudflareApiException) e).httpStatus()).isBetween(400, 403))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("q".repeat(40)));
        }
    }

    @Test
    void anExpiredTokenVerifiesAsExpiredAndIsRefusedElsewhere() {
        String expired = "cfut_" + "e".repeat(40);
        try (Emulator withExpired = Emulator.start(EmulatorOptions.builder().expiredToken(expired).build());
             CloudflareClient expiredClient = clientFor(withExpired, expired, fastRetries())) {
            assertThatThrownBy(() -> expiredClient.accounts().list()).isInstanceOf(CloudflareApiException.class);
        }
    }

    @Test
    void garbageAnswersBecomeTypedParseErrors() {
        emulator.faults().add(FaultRule.malformedJson("/accounts").times(1));
        assertThatThrownBy(() -> client.accounts().list())
                .isInstanceOf(ResponseParseException.class).hasMessageContaining("truncated");

        emulator.faults().add(FaultRule.html("/accounts", 200).times(1));
        assertThatThrownBy(() -> client.accounts().list())
                .isInstanceOf(ResponseParseException.class).hasMessageContaining("HTML");

        emulator.faults().add(FaultRule.apiError("/accounts", 10000, "Authentication error").times(1));
        assertThatThrownBy(() -> client.accounts().list())
                .isInstanceOfSatisfying(CloudflareApiException.class, e -> assertThat(e.hasErrorCode(10000)).isTrue());
    }

    @Test
    void connectionResetsAreRetriedThenReportedAsConnectionErrors() {
        emulator.faults().add(FaultRule.reset("/accounts").times(1));
        assertThat(client.accounts().list().items()).as("one reset is retried").isNotEmpty();

        emulator.faults().add(FaultRule.reset("/accounts"));
        assertThatThrownBy(() -> client.accounts().list()).isInstanceOf(CloudflareConnectionException.class);
    }

    private static RetryPolicy fastRetries() {
        return new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30), 0.25);
    }

    static CloudflareClient clientFor(Emulator emulator, String token, RetryPolicy retries) {
        return CloudflareClient.builder()
                .baseUrl(emulator.baseUrl())
                .credentials(new Credentials.ApiToken(token))
                .retryPolicy(retries)
                .build();
    }
}
