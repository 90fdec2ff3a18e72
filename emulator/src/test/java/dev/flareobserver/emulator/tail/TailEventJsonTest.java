package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.traffic.InvocationStatus;
import dev.flareobserver.emulator.traffic.SimulatedInvocation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailEventJsonTest {

    static final Instant AT = Instant.parse("2026-03-02T10:15:30.250Z");

    static SimulatedInvocation invocation(InvocationStatus status, String method, String... logs) {
        return new SimulatedInvocation(AT, "checkout-api", "0b6d9d6c-2f0c-4c3e-9c8e-1d0c1f2a3b4c", status, 12_400,
                48_200, 2, method, "https://checkout-api.flare-demo.workers.dev/cart", List.of(logs));
    }

    /** The JSON inside a frame (which must be one final, unmasked text frame). */
    static JsonNode json(TailEvent e) throws IOException {
        return Json.MAPPER.readTree(payload(e.frame()));
    }

    static byte[] payload(byte[] frame) {
        assertThat(frame[0] & 0xff).isEqualTo(0x81);
        int len = frame[1] & 0x7f;
        assertThat(frame[1] & 0x80).as("server frames are not masked").isZero();
        int offset = 2;
        if (len == 126) {
            len = ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
            offset = 4;
        } else if (len == 127) {
            long l = 0;
            for (int i = 0; i < 8; i++) {
                l = (l << 8) | (frame[2 + i] & 0xff);
            }
            len = (int) l;
            offset = 10;
        }
        assertThat(frame.length).isEqualTo(offset + len);
        return Arrays.copyOfRange(frame, offset, frame.length);
    }

    @Test
    void aFetchEventHasTheTraceItemShape() throws IOException {
        JsonNode e = json(TailEvent.fetch(invocation(InvocationStatus.SUCCESS, "GET", "handling GET /cart",
                "fetched 2 upstream resources")));
        assertThat(e.fieldNames()).toIterable().containsExactly("wallTime", "cpuTime", "truncated", "executionModel",
                "outcome", "scriptName", "scriptVersion", "diagnosticsChannelEvents", "exceptions", "logs",
                "eventTimestamp", "event");
        assertThat(e.get("wallTime").asLong()).isEqualTo(48);
        assertThat(e.get("cpuTime").asLong()).isEqualTo(12);
        assertThat(e.get("outcome").asText()).isEqualTo("ok");
        assertThat(e.get("scriptName").asText()).isEqualTo("checkout-api");
        assertThat(e.at("/scriptVersion/id").asText()).isEqualTo("0b6d9d6c-2f0c-4c3e-9c8e-1d0c1f2a3b4c");
        assertThat(e.get("eventTimestamp").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(e.get("logs")).hasSize(2);
        assertThat(e.at("/logs/0/message/0").asText()).isEqualTo("handling GET /cart");
        assertThat(e.at("/logs/0/level").asText()).isEqualTo("info");
        assertThat(e.at("/logs/1/level").asText()).isEqualTo("log");
        assertThat(e.at("/logs/1/timestamp").asLong()).isGreaterThan(e.at("/logs/0/timestamp").asLong())
                .isLessThanOrEqualTo(AT.toEpochMilli() + 48);
        JsonNode request = e.at("/event/request");
        assertThat(request.get("url").asText()).isEqualTo("https://checkout-api.flare-demo.workers.dev/cart");
        assertThat(request.get("method").asText()).isEqualTo("GET");
        assertThat(request.at("/headers/host").asText()).isEqualTo("checkout-api.flare-demo.workers.dev");
        assertThat(request.at("/headers/cf-connecting-ip").asText()).isEqualTo(request.at("/headers/x-real-ip").asText());
        assertThat(request.at("/headers/cf-ray").asText()).matches("[0-9a-f]{16}-[A-Z]{3}")
                .endsWith(request.at("/cf/colo").asText());
        assertThat(request.at("/cf/country").asText()).isEqualTo(request.at("/headers/cf-ipcountry").asText());
        assertThat(request.get("cf").fieldNames()).toIterable().contains("colo", "asn", "asOrganization", "country",
                "httpProtocol", "tlsVersion", "tlsCipher");
        assertThat(e.at("/event/response/status").asInt()).isIn(200, 304, 404);
    }

    @Test
    void theSameInvocationAlwaysRendersTheSame() {
        SimulatedInvocation inv = invocation(InvocationStatus.SUCCESS, "POST");
        assertThat(TailEvent.fetch(inv).frame()).isEqualTo(TailEvent.fetch(inv).frame());
    }

    @Test
    void exceptionsAndLimitsBecomeExceptionsAndErrorStatuses() throws IOException {
        JsonNode thrown = json(TailEvent.fetch(invocation(InvocationStatus.SCRIPT_THREW_EXCEPTION, "POST",
                "handling POST /cart", "Uncaught TypeError: Cannot read properties of undefined (reading 'id')")));
        assertThat(thrown.get("outcome").asText()).isEqualTo("exception");
        assertThat(thrown.get("logs")).hasSize(1);
        assertThat(thrown.at("/exceptions/0/name").asText()).isEqualTo("TypeError");
        assertThat(thrown.at("/exceptions/0/message").asText()).isEqualTo("Cannot read properties of undefined (reading 'id')");
        assertThat(thrown.at("/exceptions/0/stack").asText()).startsWith("TypeError: Cannot read").contains("\n    at ");
        assertThat(thrown.at("/event/response/status").asInt()).isEqualTo(500);

        JsonNode cpu = json(TailEvent.fetch(invocation(InvocationStatus.EXCEEDED_RESOURCES, "GET",
                "Error: Worker exceeded CPU time limit (55.2 ms)")));
        assertThat(cpu.get("outcome").asText()).isEqualTo("exceededCpu");
        assertThat(cpu.at("/exceptions/0/message").asText()).startsWith("Worker exceeded CPU time limit");
        assertThat(cpu.at("/event/response/status").asInt()).isEqualTo(503);

        JsonNode internal = json(TailEvent.fetch(invocation(InvocationStatus.INTERNAL_ERROR, "GET",
                "Error: internal error; reference = 1f2e")));
        assertThat(internal.get("outcome").asText()).isEqualTo("unknown");
        assertThat(internal.at("/logs/0/level").asText()).isEqualTo("error");

        JsonNode gone = json(TailEvent.fetch(invocation(InvocationStatus.CLIENT_DISCONNECTED, "GET",
                "client disconnected before the response was sent")));
        assertThat(gone.get("outcome").asText()).isEqualTo("canceled");
        assertThat(gone.at("/logs/0/level").asText()).isEqualTo("warn");
        assertThat(gone.get("event").has("response")).as("no response to a client that left").isFalse();
    }

    @Test
    void aCronRunIsAScheduledEvent() throws IOException {
        long minute = AT.toEpochMilli() / 60_000 * 60_000;
        JsonNode e = json(TailEvent.scheduled(invocation(InvocationStatus.SUCCESS, "GET", "handling GET /__scheduled"),
                minute));
        assertThat(e.get("event").fieldNames()).toIterable().containsExactly("cron", "scheduledTime");
        assertThat(e.at("/event/cron").asText()).isEqualTo("* * * * *");
        assertThat(e.at("/event/scheduledTime").asLong()).isEqualTo(minute);
        assertThat(e.get("logs")).hasSize(1);
        assertThat(e.at("/logs/0/message").toString()).isEqualTo("[\"checkout-api tick\",\"* * * * *\"]");
    }

    @Test
    void samplingNoticesAreOrdinaryMessagesWithATailInfoEvent() throws IOException {
        JsonNode on = Json.MAPPER.readTree(TailEventJson.notice("overload", 1_700_000_000_000L));
        assertThat(on.toString()).isEqualTo("{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[],"
                + "\"eventTimestamp\":1700000000000,\"event\":{\"message\":\"Tail is currently in sampling mode due to "
                + "the high volume of messages. To prevent messages from being dropped consider adding filters.\","
                + "\"type\":\"overload\"}}");
        JsonNode off = Json.MAPPER.readTree(TailEventJson.notice("overload-stop", 1L));
        assertThat(off.at("/event/message").asText())
                .isEqualTo("Tail has exited sampling mode and is no longer dropping messages.");
        assertThat(off.at("/event/type").asText()).isEqualTo("overload-stop");
    }

    @Test
    void framesUseTheShortestLengthEncoding() {
        for (int n : new int[] {0, 125, 126, 65_535, 65_536, 200_000}) {
            byte[] body = new byte[n];
            Arrays.fill(body, (byte) 'x');
            byte[] frame = WsFrames.text(body);
            assertThat(frame.length - n).as("header of a %d-byte payload", n).isEqualTo(n < 126 ? 2 : n <= 65_535 ? 4 : 10);
            assertThat(new String(payload(frame), StandardCharsets.US_ASCII)).hasSize(n);
        }
    }
}
