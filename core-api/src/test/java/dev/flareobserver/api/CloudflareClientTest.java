package dev.flareobserver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.accounts.AccountListParams;
import dev.flareobserver.api.memberships.Membership;
import dev.flareobserver.api.memberships.MembershipListParams;
import dev.flareobserver.api.memberships.MembershipStatus;
import dev.flareobserver.api.memberships.PermissionGrant;
import dev.flareobserver.api.user.User;
import dev.flareobserver.transport.AuthenticationException;
import dev.flareobserver.transport.NotFoundException;
import dev.flareobserver.transport.Pager;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CloudflareClientTest {

  @RegisterExtension
  final MockApi api = new MockApi();

  private String nextPath() throws InterruptedException {
    RecordedRequest request = api.server().takeRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + MockApi.TOKEN);
    return request.getMethod() + " " + request.getPath();
  }

  @Test
  void userGetReadsTheProfile() throws Exception {
    api.answerFixture(200, "user.json");

    User user = api.client().user().get();

    assertThat(user.id()).isEqualTo("7c5dae5552338874e5053f2534d2767a");
    assertThat(user.email()).isEqualTo("user@example.com");
    assertThat(user.firstName()).isEqualTo("John");
    assertThat(user.lastName()).isEqualTo("Appleseed");
    assertThat(user.twoFactorAuthenticationEnabled()).isFalse();
    assertThat(user.createdOn()).isEqualTo(Instant.parse("2014-01-01T05:20:00Z"));
    assertThat(nextPath()).isEqualTo("GET /client/v4/user");
  }

  @Test
  void userTokenVerify() throws Exception {
    api.answerFixture(200, "user-token-verify.json");

    TokenVerification verification = api.client().user().tokens().verify();

    assertThat(verification).isEqualTo(new TokenVerification("ed17574386854bf78a67040be0a770b0", TokenStatus.ACTIVE,
        Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2018-07-01T05:20:00Z")));
    assertThat(verification.isActive()).isTrue();
    assertThat(nextPath()).isEqualTo("GET /client/v4/user/tokens/verify");
  }

  @Test
  void accountTokenOnUserVerifyIsRecognisableByCode1000() {
    api.answerFixture(401, "user-token-verify-account-token.json");

    Throwable thrown = catchThrowable(() -> api.client().user().tokens().verify());

    assertThat(thrown).isInstanceOf(AuthenticationException.class);
    assertThat(((AuthenticationException) thrown).hasErrorCode(1000)).isTrue();
    assertThat(thrown.getMessage()).contains("code 1000: Invalid API Token").doesNotContain(MockApi.TOKEN);
  }

  @Test
  void accountTokenVerify() throws Exception {
    api.answerFixture(200, "account-token-verify.json");

    TokenVerification verification = api.client().accounts().tokens().verify("023e105f4ecef8ad9ca31a8372d0c353");

    assertThat(verification.status()).isEqualTo(TokenStatus.EXPIRED);
    assertThat(verification.expiresOn()).isNull();
    assertThat(nextPath()).isEqualTo("GET /client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/tokens/verify");
  }

  @Test
  void unknownTokenStatusBecomesUnknown() {
    api.server().enqueue(new MockResponse().setBody(
        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"t\",\"status\":\"suspended\"}}"));

    assertThat(api.client().user().tokens().verify().status()).isEqualTo(TokenStatus.UNKNOWN);
  }

  @Test
  void accountsListReturnsOnePageWithInfoAndSendsTheQuery() throws Exception {
    api.answerFixture(200, "accounts-page-1.json");

    Page<Account> page = api.client().accounts().list(AccountListParams.defaults().withPage(1).withPerPage(5)
        .withName("Demo").withDirection(SortDirection.DESC));

    assertThat(page.items()).extracting(Account::name).containsExactly("Demo Account", "Staging");
    Account demo = page.items().get(0);
    assertThat(demo.type()).isEqualTo("standard");
    assertThat(demo.createdOn()).isEqualTo(Instant.parse("2014-03-01T12:21:02Z"));
    assertThat(demo.settings().abuseContactEmail()).isEqualTo("abuse@example.com");
    assertThat(demo.settings().enforceTwofactor()).isFalse();
    assertThat(page.info().totalCount()).isEqualTo(3);
    assertThat(nextPath()).isEqualTo("GET /client/v4/accounts?page=1&per_page=5&name=Demo&direction=desc");
  }

  @Test
  void accountsListAllIsLazyAndStopsAtTotalCount() throws Exception {
    api.answerFixture(200, "accounts-page-1.json");
    api.answerFixture(200, "accounts-page-2.json");

    Pager<Account> all = api.client().accounts().listAll(AccountListParams.defaults().withPerPage(5));
    assertThat(api.server().getRequestCount()).isZero();

    List<String> ids = all.stream().map(Account::id).toList();

    assertThat(ids).containsExactly("023e105f4ecef8ad9ca31a8372d0c353", "1b4e5f0c8a8d4a6e9f2c3d4e5f6a7b8c",
        "9a7806061c88ada191ed06f989cc3dac");
    assertThat(api.server().getRequestCount()).isEqualTo(2);
    assertThat(nextPath()).isEqualTo("GET /client/v4/accounts?page=1&per_page=5");
    assertThat(nextPath()).isEqualTo("GET /client/v4/accounts?page=2&per_page=5");
  }

  @Test
  void accountGet() throws Exception {
    api.answerFixture(200, "account.json");

    Account account = api.client().accounts().get("023e105f4ecef8ad9ca31a8372d0c353");

    assertThat(account.name()).isEqualTo("Demo Account");
    assertThat(account.settings().defaultNameservers()).isEqualTo("cloudflare.standard");
    assertThat(nextPath()).isEqualTo("GET /client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353");
  }

  @Test
  void missingAccountIsNotFound() {
    api.answerFixture(404, "account-not-found.json");

    assertThatThrownBy(() -> api.client().accounts().get("ffffffffffffffffffffffffffffffff"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("code 7003");
  }

  @Test
  void requiredPathParametersAreCheckedBeforeAnyRequest() {
    assertThatThrownBy(() -> api.client().accounts().get(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
    assertThatThrownBy(() -> api.client().accounts().get("  "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
    assertThatThrownBy(() -> api.client().accounts().tokens().verify(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
    assertThat(api.server().getRequestCount()).isZero();
  }

  @Test
  void perPageOutsideTheDocumentedRangeIsRefused() {
    assertThatThrownBy(() -> AccountListParams.defaults().withPerPage(51))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perPage");
    assertThatThrownBy(() -> MembershipListParams.defaults().withPerPage(4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void membershipsListReadsAccountsRolesAndPermissions() throws Exception {
    api.answerFixture(200, "memberships.json");

    Page<Membership> page = api.client().memberships().list(MembershipListParams.defaults()
        .withStatus(MembershipStatus.ACCEPTED).withAccountName("Demo"));

    Membership first = page.items().get(0);
    assertThat(first.status()).isEqualTo(MembershipStatus.ACCEPTED);
    assertThat(first.account().id()).isEqualTo("023e105f4ecef8ad9ca31a8372d0c353");
    assertThat(first.account().name()).isEqualTo("Demo Account");
    assertThat(first.roles()).containsExactly("Account Administrator");
    assertThat(first.permissions()).containsEntry("dns", new PermissionGrant(true, true))
        .containsEntry("analytics", new PermissionGrant(true, false));
    Membership second = page.items().get(1);
    assertThat(second.status()).isEqualTo(MembershipStatus.UNKNOWN);
    assertThat(second.permissions()).isEmpty();
    assertThat(nextPath()).isEqualTo("GET /client/v4/memberships?account.name=Demo&status=accepted");
  }

  @Test
  void membershipsListAllStopsAtTotalPages() {
    api.answerFixture(200, "memberships.json");

    assertThat(api.client().memberships().listAll(MembershipListParams.defaults().withPerPage(5)))
        .extracting(Membership::id).hasSize(2);
    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void clientExposesBaseUrlAndTheSharedRateBudget() {
    api.answerFixture(200, "user.json");

    api.client().user().get();

    assertThat(api.client().baseUrl().toString()).isEqualTo(api.server().url("/client/v4").toString());
    assertThat(api.client().rateBudget().snapshot().restRemaining()).isEqualTo(1199);
  }
}
