package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.connection.AccountSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlareCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return FlareCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DemoEmulatorFactory.inMemory());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void accountsWithoutATokenUsesTheDemoEmulatorAndSaysSo() {
        int code = run(Map.of(), "accounts");

        assertThat(code).isZero();
        assertThat(err()).contains("demo emulator");
        String[] lines = out().split("\n");
        assertThat(lines[0]).contains("ID").contains("NAME").contains("TYPE");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("*");
    }

    @Test
    void accountsAsJson() throws Exception {
        assertThat(run(Map.of(), "accounts", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("id").asText()).hasSize(32);
        assertThat(json.get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void anUnusableTokenFailsWithExitCodeOneAndAClearMessage() {
        int code = run(Map.of("CLOUDFLARE_API_TOKEN", "two words"), "accounts");
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("The API token cannot be used").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMalformedBaseUrlFailsWithExitCodeOne() {
        int code = run(Map.of("CLOUDFLARE_API_TOKEN", "cfut_abcdefghijklmnopqrstuvwxyz0123456789abcd",
                "CLOUDFLARE_API_BASE_URL", "http://api.example.com/client/v4"), "accounts");
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("The API base URL cannot be used");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run(Map.of(), "accounts", "--no-such-option")).isEqualTo(2);
        assertThat(run(Map.of(), "no-such-command")).isEqualTo(2);
        assertThat(run(Map.of(), "emulator", "--port", "not-a-number")).isEqualTo(2);
    }

    @Test
    void helpExitsWithZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("accounts").contains("emulator");
    }

    @Test
    void tableIsAligned() {
        String table = AccountsTable.render(List.of(
                new AccountSummary("aaaa", "Acme Corp", "standard"),
                new AccountSummary("bbbbbbbb", "B", null)), new AccountSummary("aaaa", "Acme Corp", "standard"));
        assertThat(table).isEqualTo(
                "   ID        NAME       TYPE\n"
                        + "*  aaaa      Acme Corp  standard\n"
                        + "   bbbbbbbb  B\n");
    }
}
