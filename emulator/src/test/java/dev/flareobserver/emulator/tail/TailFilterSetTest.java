package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.traffic.InvocationStatus;
import dev.flareobserver.emulator.traffic.SimulatedInvocation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TailFilterSetTest {

    static final Instant AT = Instant.parse("2026-03-02T10:15:30.250Z");

    static SimulatedInvocation invocation(InvocationStatus status, String method, String path, String version,
                                          long cpuUs, String... logs) {
        return new SimulatedInvocation(AT, "api-gateway", version, status, cpuUs, cpuUs * 4, 1, method,
                "https://api-gateway.flare-demo.workers.dev" + path, List.of(logs));
    }

    static TailFilterSet filters(String json) throws IOException {
        return TailFilterSet.parse(Json.MAPPER.readTree(json));
    }

    static boolean passes(String filters, TailEvent e) throws IOException {
        return filters(filters).matches(e, "127.0.0.1", new SplittableRandom(1));
    }

    /** Fetch events with a spread of clients and user agents (derived from the timing seed). */
    static List<TailEvent> many(String method, InvocationStatus status) {
        List<TailEvent> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            out.add(TailEvent.fetch(invocation(status, method, "/api/items", "v1", 1000 + i)));
        }
        return out;
    }

    @Test
    void noFiltersPassEverything() throws IOException {
        TailEvent e = TailEvent.fetch(invocation(InvocationStatus.SUCCESS, "GET", "/", "v1", 900));
        assertThat(passes("[]", e)).isTrue();
        assertThat(TailFilterSet.parse(null).matches(e, null, new SplittableRandom(1))).isTrue();
    }

    @Test
    void outcomeUsesTheTailsWireNames() throws IOException {
        TailEvent thrown = TailEvent.fetch(invocation(InvocationStatus.SCRIPT_THREW_EXCEPTION, "GET", "/", "v1", 900,
                "Uncaught TypeError: nope"));
        TailEvent cpu = TailEvent.fetch(invocation(InvocationStatus.EXCEEDED_RESOURCES, "GET", "/", "v1", 55_000));
        TailEvent gone = TailEvent.fetch(invocation(InvocationStatus.CLIENT_DISCONNECTED, "GET", "/", "v1", 900));
        assertThat(passes("[{\"outcome\":[\"exception\"]}]", thrown)).isTrue();
        assertThat(passes("[{\"outcome\":[\"ok\"]}]", thrown)).isFalse();
        assertThat(passes("[{\"outcome\":[\"exceededCpu\"]}]", cpu)).isTrue();
        assertThat(passes("[{\"outcome\":[\"canceled\"]}]", gone)).isTrue();
    }

    @Test
    void methodIsCaseInsensitiveAndNeedsARequest() throws IOException {
        TailEvent post = TailEvent.fetch(invocation(InvocationStatus.SUCCESS, "POST", "/api/items", "v1", 900));
        TailEvent cron = TailEvent.scheduled(invocation(InvocationStatus.SUCCESS, "GET", "/", "v1", 900), 0);
        assertThat(passes("[{\"method\":[\"post\",\"PUT\"]}]", post)).isTrue();
        assertThat(passes("[{\"method\":[\"GET\"]}]", post)).isFalse();
        assertThat(passes("[{\"method\":[\"GET\"]}]", cron)).isFalse();
    }

    @Test
    void headerKeyIgnoresCaseAndQueryIsAContainedValue() throws IOException {
        List<TailEvent> events = many("POST", InvocationStatus.SUCCESS);
        long curl = events.stream().filter(e -> e.request().header("user-agent").startsWith("curl/")).count();
        long matched = 0;
        for (TailEvent e : events) {
            if (passes("[{\"header\":{\"key\":\"USER-AGENT\",\"query\":\"Curl/8\"}}]", e)) {
                matched++;
                assertThat(e.request().header("user-agent")).startsWith("curl/8");
            }
        }
        assertThat(matched).isEqualTo(curl).isPositive();
        TailEvent e = events.get(0);
        assertThat(passes("[{\"header\":{\"key\":\"Content-Type\"}}]", e)).isTrue();
        assertThat(passes("[{\"header\":{\"key\":\"x-hello\"}}]", e)).isFalse();
        assertThat(passes("[{\"header\":{\"key\":\"content-type\",\"query\":\"xml\"}}]", e)).isFalse();
    }

    @Test
    void clientIpTakesAddressesAndSelf() throws IOException {
        List<TailEvent> events = many("GET", InvocationStatus.SUCCESS);
        long loopback = events.stream().filter(e -> e.request().clientIp().equals("127.0.0.1")).count();
        assertThat(loopback).isPositive().isLessThan(events.size());
        long self = 0;
        long listed = 0;
        for (TailEvent e : events) {
            self += passes("[{\"client_ip\":[\"self\"]}]", e) ? 1 : 0;
            listed += passes("[{\"client_ip\":[\"192.0.2.44\",\"2001:DB8:4F2::1C\"]}]", e) ? 1 : 0;
        }
        assertThat(self).isEqualTo(loopback);
        assertThat(listed).isEqualTo(events.stream()
                .filter(e -> e.request().clientIp().equals("192.0.2.44") || e.request().clientIp().equals("2001:db8:4f2::1c"))
                .count()).isPositive();
        // Without a connected client, "self" is nobody.
        assertThat(filters("[{\"client_ip\":[\"self\"]}]").matches(events.get(0), null, new SplittableRandom(1))).isFalse();
    }

    @Test
    void queryLooksInLogsAndExceptionsIgnoringCase() throws IOException {
        TailEvent logged = TailEvent.fetch(invocation(InvocationStatus.SUCCESS, "GET", "/", "v1", 900,
                "fetched 3 upstream resources"));
        TailEvent thrown = TailEvent.fetch(invocation(InvocationStatus.SCRIPT_THREW_EXCEPTION, "GET", "/", "v1", 900,
                "Uncaught RangeError: Invalid time value"));
        assertThat(passes("[{\"query\":\"UPSTREAM\"}]", logged)).isTrue();
        assertThat(passes("[{\"query\":\"upstream\"}]", thrown)).isFalse();
        assertThat(passes("[{\"query\":\"invalid time\"}]", thrown)).isTrue();
        assertThat(passes("[{\"query\":\"rangeerror\"}]", thrown)).isTrue();
    }

    @Test
    void scriptVersionAndCombinedFiltersMustAllMatch() throws IOException {
        TailEvent e = TailEvent.fetch(invocation(InvocationStatus.SUCCESS, "GET", "/", "ver-2", 900));
        assertThat(passes("[{\"scriptVersion\":\"ver-2\"}]", e)).isTrue();
        assertThat(passes("[{\"scriptVersion\":\"ver-1\"}]", e)).isFalse();
        assertThat(passes("[{\"scriptVersion\":\"ver-2\"},{\"method\":[\"GET\"]},{\"outcome\":[\"ok\"]}]", e)).isTrue();
        assertThat(passes("[{\"scriptVersion\":\"ver-2\"},{\"method\":[\"POST\"]}]", e)).isFalse();
    }

    @Test
    void samplingRateIsDeterministicPerRandomAndKeepsItsShare() throws IOException {
        TailFilterSet f = filters("[{\"sampling_rate\":0.25}]");
        TailEvent e = TailEvent.fetch(invocation(InvocationStatus.SUCCESS, "GET", "/", "v1", 900));
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean x = f.matches(e, null, a);
            assertThat(f.matches(e, null, b)).isEqualTo(x);
            kept += x ? 1 : 0;
        }
        assertThat(kept).isBetween(2300, 2700);
    }

    @Test
    void malformedFiltersAreRefusedWithAReason() {
        for (String bad : List.of("{}", "[1]", "[{\"sampling_rate\":1.5}]", "[{\"sampling_rate\":\"half\"}]",
                "[{\"outcome\":[]}]", "[{\"outcome\":[\"fine\"]}]", "[{\"method\":\"GET\"}]", "[{\"header\":\"x\"}]",
                "[{\"header\":{\"key\":\"\"}}]", "[{\"client_ip\":[1]}]", "[{\"query\":7}]", "[{\"scriptVersion\":\"\"}]",
                "[{\"status\":[\"ok\"]}]")) {
            assertThatThrownBy(() -> filters(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("null");
        }
    }

    @Test
    void rawKeepsWhatTheClientSent() throws IOException {
        String json = "[{\"sampling_rate\":0.69},{\"outcome\":[\"ok\",\"exception\"]},{\"method\":[\"GET\",\"POST\"]},"
                + "{\"header\":{\"key\":\"X-HELLO\",\"query\":\"world\"}},{\"client_ip\":[\"192.0.2.1\",\"self\"]},"
                + "{\"query\":\"onlyTheseMessagesPlease\"},{\"scriptVersion\":\"87501bef-3ef2-4464-a3d6-35e548695742\"}]";
        JsonNode raw = filters(json).raw();
        assertThat(raw).isEqualTo(Json.MAPPER.readTree(json));
    }
}
