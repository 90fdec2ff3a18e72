package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTest {

    static final String ACCOUNT_TOKEN = "cfat_account0000000000000000000000000000000000";
    static final String EXPIRED = "cfut_expired0000000000000000000000000000000000";
    static final String DISABLED = "cfut_disabled000000000000000000000000000000000";

    static Emulator emu;
    static TestClient client;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.builder()
                .userToken("cfut_user00000000000000000000000000000000000000")
                .apiKey("cfk_globalkey000000000000000000000000000000000")
                .accountToken(DemoWorld.STAGING.id(), ACCOUNT_TOKEN)
                .expiredToken(EXPIRED)
                .disabledToken(DISABLED)
                .build());
        client = new TestClient(emu);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    private static void assertError(TestClient.Reply r, int status, int code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode j = r.json();
        assertThat(j.get("success").asBoolean()).isFalse();
        assertThat(j.get("result").isNull()).isTrue();
        assertThat(j.get("errors").get(0).get("code").asInt()).isEqualTo(code);
    }

    @Test
    void configuredUserTokenVerifiesAsActive() {
        assertThat(emu.userToken()).isEqualTo("cfut_user00000000000000000000000000000000000000");
        TestClient.Reply r = client.get("/user/tokens/verify");
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        assertThat(result.get("status").asText()).isEqualTo("active");
        assertThat(result.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(r.json().get("messages").get(0).get("message").asText()).isEqualTo("This API Token is valid and active");
    }

    @Test
    void accountTokenOnUserVerifyIsCode1000AsWranglerExpects() {
        assertError(client.getWithToken("/user/tokens/verify", ACCOUNT_TOKEN), 401, 1000);
    }

    @Test
    void accountTokenVerifiesOnItsAccount() {
        TestClient.Reply r = client.getWithToken("/accounts/" + DemoWorld.STAGING.id() + "/tokens/verify", ACCOUNT_TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result").get("status").asText()).isEqualTo("active");
        assertError(client.getWithToken("/accounts/" + DemoWorld.PRODUCTION.id() + "/tokens/verify", ACCOUNT_TOKEN), 401, 1000);
        assertError(client.get("/accounts/" + DemoWorld.STAGING.id() + "/tokens/verify"), 401, 1000);
    }

    @Test
    void accountTokenSeesOnlyItsAccountAndNoUser() {
        JsonNode accounts = client.getWithToken("/accounts", ACCOUNT_TOKEN).json().get("result");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("id").asText()).isEqualTo(DemoWorld.STAGING.id());
        assertError(client.getWithToken("/user", ACCOUNT_TOKEN), 403, 9109);
        assertError(client.getWithToken("/memberships", ACCOUNT_TOKEN), 403, 9106);
        assertError(client.getWithToken("/accounts/" + DemoWorld.PRODUCTION.id(), ACCOUNT_TOKEN), 403, 9109);
    }

    @Test
    void missingCredentialsAre400With9106() {
        assertError(client.getWithToken("/accounts", null), 400, 9106);
        assertError(client.getWithToken("/user/tokens/verify", null), 400, 9106);
    }

    @Test
    void unknownTokenIsAuthenticationErrorAndInvalidTokenOnVerify() {
        assertError(client.getWithToken("/accounts", "cfut_nope"), 403, 10000);
        assertError(client.getWithToken("/user/tokens/verify", "cfut_nope"), 401, 1000);
    }

    @Test
    void malformedAuthorizationHeaderIs400With6003() {
        TestClient.Reply r = client.send("GET", "/accounts", "Token abc", null);
        assertError(r, 400, 6003);
        assertThat(r.json().get("errors").get(0).get("error_chain").get(0).get("code").asInt()).isEqualTo(6111);
    }

    @Test
    void expiredTokenVerifiesAsExpiredAndIsRejectedElsewhere() {
        TestClient.Reply r = client.getWithToken("/user/tokens/verify", EXPIRED);
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        assertThat(result.get("status").asText()).isEqualTo("expired");
        assertThat(result.get("expires_on").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(r.json().get("messages")).isEmpty();
        assertError(client.getWithToken("/accounts", EXPIRED), 403, 10000);
    }

    @Test
    void disabledTokenVerifiesAsDisabledAndIsRejectedElsewhere() {
        assertThat(client.getWithToken("/user/tokens/verify", DISABLED).json().get("result").get("status").asText())
                .isEqualTo("disabled");
        assertError(client.getWithToken("/user", DISABLED), 403, 10000);
    }

    @Test
    void legacyEmailAndKeyWork() {
        TestClient.Reply r = client.send("GET", "/accounts", null, null,
                "X-Auth-Email", "demo@flareobserver.dev", "X-Auth-Key", emu.apiKey());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result")).hasSize(2);
        assertThat(client.send("GET", "/user", null, null,
                "X-Auth-Email", "DEMO@flareobserver.dev", "X-Auth-Key", emu.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void wrongLegacyKeyIs403With9103AndHalfACredentialIsMissing() {
        assertError(client.send("GET", "/accounts", null, null,
                "X-Auth-Email", "demo@flareobserver.dev", "X-Auth-Key", "wrong"), 403, 9103);
        assertError(client.send("GET", "/accounts", null, null, "X-Auth-Key", emu.apiKey()), 400, 9106);
    }

    @Test
    void accountTokenForAnUnknownAccountIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Emulator.start(EmulatorOptions.builder()
                        .accountToken("0123456789abcdef0123456789abcdef", "cfat_x").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0123456789abcdef0123456789abcdef");
    }

    @Test
    void tokensWithWhitespaceAreRefusedWithoutEchoingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorOptions.builder().userToken("secret value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }
}
