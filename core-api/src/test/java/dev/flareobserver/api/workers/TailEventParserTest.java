package dev.flareobserver.api.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailEventParserTest {
  private final TailEventParser parser = new TailEventParser();

  @Test
  void readsTheOfficialDocsExample() {
    TailEvent e = parser.parse("{\"outcome\":\"ok\",\"scriptName\":null,\"exceptions\":[],\"logs\":[],"
        + "\"eventTimestamp\":1590680082349,\"event\":{\"request\":{\"url\":\"https://www.bytesized.xyz/\","
        + "\"method\":\"GET\",\"headers\":{},\"cf\":{}}}}");

    assertThat(e.kind()).isEqualTo(TailEventKind.FETCH);
    assertThat(e.kind().label()).isEqualTo("fetch");
    assertThat(e.eventTimestamp()).isEqualTo(1590680082349L);
    assertThat(e.scriptName()).isNull();
    assertThat(e.outcome()).isEqualTo("ok");
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.url()).isEqualTo("https://www.bytesized.xyz/");
    assertThat(e.subject()).isEqualTo("https://www.bytesized.xyz/");
    assertThat(e.status()).isZero();
    assertThat(e.logCount()).isZero();
    assertThat(e.firstLog()).isNull();
    assertThat(e.maxLevel()).isNull();
    assertThat(e.exceptionCount()).isZero();
  }

  @Test
  void readsWorkerdTraceItemsWithTheirExtraFields() {
    TailEvent fetch = parser.parse("{\"wallTime\":0,\"cpuTime\":0,\"truncated\":false,\"executionModel\":\"stateless\","
        + "\"outcome\":\"ok\",\"scriptName\":null,\"diagnosticsChannelEvents\":[],\"exceptions\":[],\"logs\":[],"
        + "\"eventTimestamp\":0,\"event\":{\"request\":{\"url\":\"http://placeholder/not-found\",\"method\":\"GET\","
        + "\"headers\":{}},\"response\":{\"status\":404}}}");
    TailEvent queue = parser.parse("{\"wallTime\":0,\"cpuTime\":0,\"truncated\":false,\"executionModel\":\"stateless\","
        + "\"outcome\":\"ok\",\"scriptName\":null,\"diagnosticsChannelEvents\":[],\"exceptions\":[],\"logs\":[],"
        + "\"eventTimestamp\":0,\"event\":{\"batchSize\":5,\"queue\":\"test-queue\"}}");

    assertThat(fetch.kind()).isEqualTo(TailEventKind.FETCH);
    assertThat(fetch.status()).isEqualTo(404);
    assertThat(fetch.eventTimestamp()).isZero();
    assertThat(queue.kind()).isEqualTo(TailEventKind.QUEUE);
    assertThat(queue.queue()).isEqualTo("test-queue");
    assertThat(queue.batchSize()).isEqualTo(5);
    assertThat(queue.subject()).isEqualTo("test-queue");
  }

  @Test
  void readsWranglersGeneratedRequestWithALog() {
    TailEvent e = parser.parse("{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[{\"message\":[\"hello\"],"
        + "\"level\":\"log\",\"timestamp\":1645454470467}],\"eventTimestamp\":1645454470467,\"event\":{\"request\":"
        + "{\"url\":\"https://example.org/\",\"method\":\"GET\",\"headers\":{\"x-example-header\":\"some_value\"},"
        + "\"cf\":{\"tlsCipher\":\"AEAD-ENCRYPT-O-MATIC-SHA\",\"tlsVersion\":\"TLSv2.0\",\"asn\":42069,\"colo\":\"ATL\","
        + "\"httpProtocol\":\"HTTP/4\",\"asOrganization\":\"Cloudflare\"}}}}");

    assertThat(e.kind()).isEqualTo(TailEventKind.FETCH);
    assertThat(e.logCount()).isEqualTo(1);
    assertThat(e.firstLog()).isEqualTo("hello");
    assertThat(e.maxLevel()).isEqualTo("log");
    assertThat(e.scriptName()).isNull();
  }

  @Test
  void joinsLogPartsAndKeepsTheMostSevereLevelAndTheFirstException() {
    TailEvent e = parser.parse("{\"outcome\":\"exception\",\"scriptName\":\"checkout\",\"exceptions\":[{\"name\":"
        + "\"TypeError\",\"message\":\"x is undefined\",\"timestamp\":1},{\"name\":\"Error\",\"message\":\"second\","
        + "\"timestamp\":2}],\"logs\":[{\"level\":\"info\",\"message\":[\"user\",42,{\"id\":7,\"tags\":[\"a\"]},null,"
        + "true]},{\"message\":[\"careful\"],\"level\":\"warn\"},{\"message\":[\"x\"],\"level\":\"debug\"}],"
        + "\"eventTimestamp\":1700000000000,\"event\":{\"request\":{\"method\":\"POST\",\"url\":\"https://a.example/pay\"}}}");

    assertThat(e.firstLog()).isEqualTo("user 42 {\"id\":7,\"tags\":[\"a\"]} null true");
    assertThat(e.logCount()).isEqualTo(3);
    assertThat(e.maxLevel()).isEqualTo("warn");
    assertThat(e.exceptionCount()).isEqualTo(2);
    assertThat(e.firstException()).isEqualTo("TypeError: x is undefined");
    assertThat(e.outcome()).isEqualTo("exception");
    assertThat(e.scriptName()).isEqualTo("checkout");
  }

  @Test
  void discriminatesEveryKindAsWranglerDoes() {
    assertThat(kindOf("{\"cron\":\"*/5 * * * *\",\"scheduledTime\":1700000000000}")).isEqualTo(TailEventKind.SCHEDULED);
    assertThat(kindOf("{\"mailFrom\":\"a@example.com\",\"rcptTo\":\"b@example.com\",\"rawSize\":2048}"))
        .isEqualTo(TailEventKind.EMAIL);
    assertThat(kindOf("{\"queue\":\"jobs\",\"batchSize\":1}")).isEqualTo(TailEventKind.QUEUE);
    assertThat(kindOf("{\"rpcMethod\":\"charge\"}")).isEqualTo(TailEventKind.RPC);
    assertThat(kindOf("{\"scheduledTime\":\"2026-11-22T10:00:00.000Z\"}")).isEqualTo(TailEventKind.ALARM);
    assertThat(kindOf("{\"consumedEvents\":[{\"scriptName\":\"a\"},{\"scriptName\":\"b\"},{}]}"))
        .isEqualTo(TailEventKind.TAIL);
    assertThat(kindOf("{\"message\":\"hi\",\"type\":\"overload\"}")).isEqualTo(TailEventKind.INFO);
    assertThat(kindOf("{\"getWebSocketEvent\":{\"webSocketEventType\":\"message\"}}")).isEqualTo(TailEventKind.UNKNOWN);
    assertThat(kindOf("null")).isEqualTo(TailEventKind.UNKNOWN);
    // request wins over anything else present, as in printing.ts
    assertThat(kindOf("{\"cron\":\"x\",\"request\":{\"url\":\"https://a/\",\"method\":\"GET\"}}"))
        .isEqualTo(TailEventKind.FETCH);
  }

  @Test
  void keepsTheColumnsOfEachKind() {
    TailEvent cron = event("{\"cron\":\"*/5 * * * *\",\"scheduledTime\":1700000000000}", "");
    TailEvent email = event("{\"mailFrom\":\"a@example.com\",\"rcptTo\":\"b@example.com\",\"rawSize\":2048}", "");
    TailEvent rpc = event("{\"rpcMethod\":\"charge\"}", ",\"entrypoint\":\"Billing\"");
    TailEvent alarm = event("{\"scheduledTime\":\"2026-11-22T10:00:00.000Z\"}", "");
    TailEvent tail = event("{\"consumedEvents\":[{\"scriptName\":\"a\"},{\"scriptName\":\"b\"},{\"scriptName\":\"a\"}]}", "");

    assertThat(cron.subject()).isEqualTo("*/5 * * * *");
    assertThat(cron.scheduledTime()).isEqualTo("1700000000000");
    assertThat(email.subject()).isEqualTo("a@example.com");
    assertThat(email.rcptTo()).isEqualTo("b@example.com");
    assertThat(email.rawSize()).isEqualTo(2048);
    assertThat(rpc.subject()).isEqualTo("Billing.charge");
    assertThat(alarm.subject()).isEqualTo("2026-11-22T10:00:00.000Z");
    assertThat(tail.consumedScripts()).isEqualTo("a,b");
  }

  @Test
  void readsTheOverloadNoticesOfWranglersTests() {
    TailEvent start = parser.parse("{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[],\"eventTimestamp\":1700000000000,"
        + "\"event\":{\"message\":\"Tail is currently in sampling mode due to the high volume of messages. To prevent "
        + "messages from being dropped consider adding filters.\",\"type\":\"overload\"}}");
    TailEvent stop = parser.parse("{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[],\"eventTimestamp\":1700000000001,"
        + "\"event\":{\"message\":\"Tail has exited sampling mode and is no longer dropping messages.\","
        + "\"type\":\"overload-stop\"}}");

    assertThat(start.isInfo()).isTrue();
    assertThat(start.isOverload()).isTrue();
    assertThat(start.infoMessage()).startsWith("Tail is currently in sampling mode");
    assertThat(stop.isInfo()).isTrue();
    assertThat(stop.isOverload()).isFalse();
    assertThat(stop.infoType()).isEqualTo("overload-stop");
  }

  @Test
  void toleratesMissingAndOddFields() {
    TailEvent bare = parser.parse("{}");
    TailEvent odd = parser.parse("{\"outcome\":\"loadShed\",\"logs\":null,\"exceptions\":{},\"eventTimestamp\":\"soon\","
        + "\"event\":{\"request\":null},\"scriptVersion\":{\"id\":\"v\"},\"logs2\":[1,2]}");

    assertThat(bare.kind()).isEqualTo(TailEventKind.UNKNOWN);
    assertThat(bare.outcome()).isEqualTo("unknown");
    assertThat(bare.eventTimestamp()).isZero();
    assertThat(odd.outcome()).isEqualTo("loadShed");
    assertThat(odd.kind()).isEqualTo(TailEventKind.FETCH);
    assertThat(odd.url()).isNull();
    assertThat(odd.eventTimestamp()).isZero();
  }

  @Test
  void sharesFrequentStringsAcrossEvents() {
    String json = "{\"outcome\":\"ok\",\"logs\":[{\"level\":\"warn\",\"message\":[\"a\"]}],\"event\":{\"request\":"
        + "{\"method\":\"GET\",\"url\":\"https://a/\"}}}";
    TailEvent a = parser.parse(json);
    TailEvent b = parser.parse(json);

    assertThat(a.outcome()).isSameAs(b.outcome());
    assertThat(a.method()).isSameAs(b.method());
    assertThat(a.maxLevel()).isSameAs(b.maxLevel());
  }

  @Test
  void readsBinaryFramesAsUtf8() {
    byte[] frame = "{\"outcome\":\"ok\",\"logs\":[{\"level\":\"log\",\"message\":[\"grüße\"]}]}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(frame, 0, frame.length).firstLog()).isEqualTo("grüße");
  }

  @Test
  void aMalformedFrameIsAClearException() {
    assertThatThrownBy(() -> parser.parse("{\"outcome\":\"ok\",\"logs\":[{\"level\""))
        .isInstanceOf(TailEventParseException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("{\"outcome\":\"ok\"");
    assertThatThrownBy(() -> parser.parse("[1,2]"))
        .isInstanceOf(TailEventParseException.class)
        .hasMessageContaining("expected a JSON object, found an array");
    assertThatThrownBy(() -> parser.parse("")).isInstanceOf(TailEventParseException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> parser.parse("{} {}")).isInstanceOf(TailEventParseException.class)
        .hasMessageContaining("more than one");
    assertThatThrownBy(() -> parser.parse("<html>502 Bad Gateway</html>")).isInstanceOf(TailEventParseException.class);
  }

  private TailEventKind kindOf(String event) {
    return event(event, "").kind();
  }

  private TailEvent event(String event, String extra) {
    return parser.parse("{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[],\"eventTimestamp\":1700000000000" + extra
        + ",\"event\":" + event + "}");
  }
}
