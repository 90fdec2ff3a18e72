package dev.flareobserver.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

final class TestSupport {
  static final String TOKEN = "cfut_TestTokenValue0123456789abcdefghijklmnop";

  private TestSupport() {
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  static MockResponse success(String resultJson) {
    return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
  }

  static MockResponse failure(int status, int code, String message) {
    return json(status, "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
        + "\"}],\"messages\":[],\"result\":null}").setHeader("cf-ray", "8a1b2c3d4e5f6a7b-AMS");
  }

  static HttpTransport.Builder transportFor(MockWebServer server) {
    return HttpTransport.builder()
        .baseUrl(server.url("/client/v4").toString())
        .credentials(Credentials.token(TOKEN))
        .sleeper(new RecordingSleeper())
        .retryPolicy(RetryPolicy.none());
  }

  /** Records requested waits instead of sleeping; optionally moves a clock forward by the same amount. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final MutableClock clock;

    RecordingSleeper() {
      this(null);
    }

    RecordingSleeper(MutableClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      if (clock != null) {
        clock.advance(duration);
      }
    }
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
