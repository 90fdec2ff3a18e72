package dev.flareobserver.api;

import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer standing in for the Cloudflare API and a {@link CloudflareClient} pointed at it, fresh for
 * every test method: {@code @RegisterExtension final MockApi api = new MockApi();}.
 */
public final class MockApi implements BeforeEachCallback, AfterEachCallback {
  public static final String TOKEN = "cfut_CoreApiTestToken0123456789abcdefghijklm";
  public static final String BASE_PATH = "/client/v4";

  private final RetryPolicy retries;
  private MockWebServer server;
  private CloudflareClient client;

  /** No retries: each answer is seen once. */
  public MockApi() {
    this(RetryPolicy.none());
  }

  public MockApi(RetryPolicy retries) {
    this.retries = retries;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = new MockWebServer();
    server.start();
    client = CloudflareClient.builder()
        .baseUrl(server.url(BASE_PATH).toString())
        .credentials(Credentials.token(TOKEN))
        .retryPolicy(retries)
        .build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    client.close();
    server.shutdown();
  }

  public CloudflareClient client() {
    return client;
  }

  public MockWebServer server() {
    return server;
  }

  /** Answers the next request with {@code body} as JSON. */
  public void answer(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody(body));
  }

  /** Answers the next request with a successful v4 envelope around {@code resultJson}. */
  public void ok(String resultJson) {
    answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
  }

  /** Answers the next request with the JSON file {@code /fixtures/<name>} from the test resources. */
  public void answerFixture(int status, String name) {
    try (InputStream in = MockApi.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RecordedRequest take() throws InterruptedException {
    return server.takeRequest();
  }

  /** The next request as "METHOD /path?query", the path without {@link #BASE_PATH}. */
  public String nextRequestLine() throws InterruptedException {
    RecordedRequest r = server.takeRequest();
    return r.getMethod() + " " + r.getPath().substring(BASE_PATH.length());
  }
}
