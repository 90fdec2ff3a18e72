package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void tokenNeverAppearsInLogsOrExceptionMessages() throws IOException {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Throwable thrown;
    try (MockWebServer server = new MockWebServer()) {
      // A server that echoes the credential back must not get it into the message either.
      server.enqueue(TestSupport.json(401, "{\"success\":false,\"errors\":[{\"code\":9106,\"message\":\"Bad token "
          + TOKEN + "\"}],\"messages\":[],\"result\":null}"));
      server.start();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (HttpTransport transport = TestSupport.transportFor(server).build()) {
        thrown = catchThrowable(() -> transport.execute(
            ApiRequest.get("/user/tokens/verify").query("token", TOKEN), Object.class));
      }
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(thrown).isInstanceOf(AuthenticationException.class);
    assertThat(thrown.getMessage()).doesNotContain(TOKEN).contains("token=***");
    assertThat(log).contains("Authorization: ***", "/user/tokens/verify?token=***").doesNotContain(TOKEN);
  }

  @Test
  void credentialsDoNotShowTheirSecrets() {
    assertThat(Credentials.token(TOKEN).toString()).doesNotContain(TOKEN);
    assertThat(Credentials.legacyApiKey("ops@example.com", "0123456789abcdef0123").toString())
        .contains("ops@example.com").doesNotContain("0123456789abcdef0123");
  }

  @Test
  void redactorMasksBearerHeadersAndSecretQueryValues() {
    assertThat(Redactor.redact("Authorization: Bearer abc.def-ghi")).isEqualTo("Authorization: ***");
    assertThat(Redactor.redact("sent bearer xyz123 to host")).isEqualTo("sent bearer *** to host");
    assertThat(Redactor.redact("X-Auth-Key: 1234abcd")).isEqualTo("X-Auth-Key: ***");
    assertThat(Redactor.redact("https://h/p?page=2&api_token=s3cr3t&x=1")).isEqualTo("https://h/p?page=2&api_token=***&x=1");
  }

  @Test
  void redactedUrlsDropUserInfoAndSecretParameters() {
    HttpUrl url = HttpUrl.get("https://user:pw@example.com/tail?jwt=eyJhbGciOi&page=3");

    assertThat(RedactedUrl.of(url)).isEqualTo("https://example.com/tail?jwt=***&page=3");
    assertThat(RedactedUrl.of(URI.create("wss://tail.example.com/x?token=abc&id=1")))
        .isEqualTo("wss://tail.example.com/x?token=***&id=1");
  }
}
