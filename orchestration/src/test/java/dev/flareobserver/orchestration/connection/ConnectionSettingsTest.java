package dev.flareobserver.orchestration.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    private static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";

    @Test
    void noCredentialMeansDemoMode() {
        assertThat(ConnectionSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_ACCOUNT_ID", "abc"))).isEmpty();
    }

    @Test
    void tokenFromTheEnvironmentTalksToCloudflareAndIsShownRedacted() {
        ConnectionSettings s = ConnectionSettings.fromEnvironment(Map.of(
                "CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", " 0123abcd ")).orElseThrow();

        assertThat(s.mode()).isEqualTo(ConnectionSettings.Mode.TOKEN);
        assertThat(s.baseUrl()).isEqualTo("https://api.cloudflare.com/client/v4");
        assertThat(s.preferredAccountId()).isEqualTo("0123abcd");
        assertThat(s.configurationProblem()).isNull();
        assertThat(s.redactedToken()).isEqualTo("cfut_…9f2c");
        assertThat(s.credentialDescription()).isEqualTo("CLOUDFLARE_API_TOKEN (cfut_…9f2c)");
        assertThat(s.toString()).doesNotContain(TOKEN).doesNotContain("0123456789abcdef");
    }

    @Test
    void baseUrlOverrideAsForWrangler() {
        ConnectionSettings s = ConnectionSettings.fromEnvironment(Map.of(
                "CLOUDFLARE_API_TOKEN", TOKEN,
                "CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:8787/client/v4")).orElseThrow();
        assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:8787/client/v4");
    }

    @Test
    void unprefixedTokensShowOnlyTheirLastCharacters() {
        assertThat(ConnectionSettings.redactSecret("abcdefghijklmnopqrstuvwxyz0123456789ABCD")).isEqualTo("…ABCD");
        assertThat(ConnectionSettings.redactSecret("short")).isEqualTo("…");
    }

    @Test
    void emptyTokenIsAProblemNotDemoMode() {
        ConnectionSettings s = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", "")).orElseThrow();
        assertThat(s.mode()).isEqualTo(ConnectionSettings.Mode.TOKEN);
        assertThat(s.credentials()).isNull();
        assertThat(s.configurationProblem().title()).isEqualTo("The API token cannot be used");
        assertThat(s.configurationProblem().message()).contains("empty");
    }

    @Test
    void tokenWithWhitespaceIsRefusedWithoutEchoingIt() {
        String pasted = TOKEN + "\n";
        ConnectionSettings s = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", pasted)).orElseThrow();
        ConnectionProblem p = s.configurationProblem();
        assertThat(p).isNotNull();
        assertThat(p.message()).contains("whitespace");
        assertThat(p.title() + p.message() + p.details()).doesNotContain(TOKEN);
    }

    @Test
    void legacyKeyNeedsTheEmail() {
        ConnectionSettings missing = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_KEY", "k".repeat(37)))
                .orElseThrow();
        assertThat(missing.mode()).isEqualTo(ConnectionSettings.Mode.API_KEY);
        assertThat(missing.configurationProblem().message()).contains("CLOUDFLARE_EMAIL");

        ConnectionSettings ok = ConnectionSettings.fromEnvironment(Map.of(
                "CLOUDFLARE_API_KEY", "k".repeat(37), "CLOUDFLARE_EMAIL", "ops@example.com")).orElseThrow();
        assertThat(ok.configurationProblem()).isNull();
        assertThat(ok.tokenSource()).isEqualTo("CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL");
    }

    @Test
    void demoSettingsNameTheEmulator() {
        ConnectionSettings s = ConnectionSettings.demo("http://127.0.0.1:9999/client/v4", TOKEN);
        assertThat(s.isDemo()).isTrue();
        assertThat(s.credentialDescription()).isEqualTo("demo emulator (cfut_…9f2c)");
    }
}
