package dev.flareobserver.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationTest {

  @Test
  void defaultBaseUrlIsCloudflare() {
    try (HttpTransport transport = HttpTransport.builder().build()) {
      assertThat(transport.baseUrl()).hasToString("https://api.cloudflare.com/client/v4");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a url", "api.cloudflare.com/client/v4", "ftp://example.com/x", "https://", "http://[::1"})
  void malformedBaseUrlIsRefusedWithASentence(String url) {
    assertThatThrownBy(() -> HttpTransport.builder().baseUrl(url))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("Base URL '" + url + "' is not a valid URL");
  }

  @Test
  void plainHttpToARemoteHostIsRefused() {
    assertThatThrownBy(() -> HttpTransport.builder().baseUrl("http://api.cloudflare.com/client/v4"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("use https");
    assertThatThrownBy(() -> HttpTransport.builder().baseUrl("http://128.0.0.1:8080/client/v4"))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8787/client/v4", "http://127.0.0.1:1/client/v4",
      "http://127.10.20.30/client/v4/", "http://[::1]:9000/client/v4"})
  void plainHttpToLoopbackIsAllowed(String url) {
    try (HttpTransport transport = HttpTransport.builder().baseUrl(url).build()) {
      assertThat(transport.baseUrl().toString()).doesNotEndWith("/");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", "abc def", "abcdef\n"})
  void unusableTokensAreRefusedWithoutEchoingThem(String token) {
    assertThatThrownBy(() -> Credentials.token(token))
        .isInstanceOf(InvalidCredentialsException.class)
        .hasMessageStartingWith("The API token")
        .satisfies(e -> {
          if (!token.isBlank()) {
            assertThat(e.getMessage()).doesNotContain(token.strip());
          }
        });
  }

  @Test
  void nullTokenIsRefused() {
    assertThatThrownBy(() -> Credentials.token(null)).isInstanceOf(InvalidCredentialsException.class);
  }

  @Test
  void legacyKeySendsEmailAndKeyHeaders() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(TestSupport.success("{}"));
      server.start();
      try (HttpTransport transport = HttpTransport.builder().baseUrl(server.url("/client/v4").toString())
          .credentials(Credentials.legacyApiKey("ops@example.com", "0123456789abcdef")).userAgent("custom/1").build()) {
        transport.execute(ApiRequest.get("/user"), Object.class);
      }
      RecordedRequest request = server.takeRequest();
      assertThat(request.getHeader("X-Auth-Email")).isEqualTo("ops@example.com");
      assertThat(request.getHeader("X-Auth-Key")).isEqualTo("0123456789abcdef");
      assertThat(request.getHeader("Authorization")).isNull();
      assertThat(request.getHeader("User-Agent")).isEqualTo("custom/1");
    }
  }

  @Test
  void missingPathParameterFailsBeforeAnyRequest() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      try (HttpTransport transport = TestSupport.transportFor(server).build()) {
        assertThatThrownBy(() -> ApiRequest.get("/accounts/{account_id}").pathParam("account_id", " "))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
        assertThatThrownBy(() -> transport.execute(ApiRequest.get("/accounts/{account_id}"), Object.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
      }
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void idempotencyDefaultsFollowTheMethod() {
    assertThat(ApiRequest.get("/a").isIdempotent()).isTrue();
    assertThat(ApiRequest.put("/a").isIdempotent()).isTrue();
    assertThat(ApiRequest.delete("/a").isIdempotent()).isTrue();
    assertThat(ApiRequest.post("/a").isIdempotent()).isFalse();
    assertThat(ApiRequest.patch("/a").isIdempotent()).isFalse();
  }
}
