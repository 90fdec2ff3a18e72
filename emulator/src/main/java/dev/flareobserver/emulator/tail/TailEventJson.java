package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flareobserver.emulator.http.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON of tail messages, in the shape of workerd's trace items (tail-protocol.md section 3):
 * {@code wallTime, cpuTime, truncated, executionModel, outcome, scriptName, scriptVersion, ...,
 * eventTimestamp, event}. Whether the live-tail stream carries the trace-item extras (wallTime, cpuTime,
 * truncated, executionModel, scriptVersion, diagnosticsChannelEvents) is unconfirmed; clients must
 * ignore fields they do not know, so they are included. Written with a streaming generator: events are
 * rendered at traffic rates.
 */
final class TailEventJson {

    static final String OVERLOAD_MESSAGE = "Tail is currently in sampling mode due to the high volume of messages. "
            + "To prevent messages from being dropped consider adding filters.";
    static final String OVERLOAD_STOP_MESSAGE = "Tail has exited sampling mode and is no longer dropping messages.";

    private TailEventJson() {
    }

    static byte[] event(TailEvent e) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("wallTime", e.wallTimeMs());
            g.writeNumberField("cpuTime", e.cpuTimeMs());
            g.writeBooleanField("truncated", e.truncated());
            g.writeStringField("executionModel", e.durableObjectId() == null ? "stateless" : "durableObject");
            g.writeStringField("outcome", e.outcome());
            g.writeStringField("scriptName", e.scriptName());
            if (e.versionId() != null) {
                g.writeObjectFieldStart("scriptVersion");
                g.writeStringField("id", e.versionId());
                g.writeEndObject();
            }
            if (e.durableObjectId() != null) {
                g.writeStringField("durableObjectId", e.durableObjectId());
            }
            g.writeArrayFieldStart("diagnosticsChannelEvents");
            g.writeEndArray();
            g.writeArrayFieldStart("exceptions");
            for (TailEvent.ExceptionInfo x : e.exceptions()) {
                g.writeStartObject();
                g.writeStringField("name", x.name());
                g.writeStringField("message", x.message());
                g.writeStringField("stack", x.stack());
                g.writeNumberField("timestamp", x.timestamp());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("logs");
            for (TailEvent.LogLine l : e.logs()) {
                g.writeStartObject();
                g.writeArrayFieldStart("message");
                for (String part : l.message()) {
                    g.writeString(part);
                }
                g.writeEndArray();
                g.writeStringField("level", l.level());
                g.writeNumberField("timestamp", l.timestamp());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("eventTimestamp", e.timestamp());
            if (e.durableObjectId() != null) {
                g.writeNullField("event"); // container output has no triggering event
            } else {
                g.writeObjectFieldStart("event");
                if (e.isScheduled()) {
                    g.writeStringField("cron", TailEvent.CRON);
                    g.writeNumberField("scheduledTime", e.scheduledTime());
                } else {
                    writeRequest(g, e.request());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static void writeRequest(JsonGenerator g, TailRequest r) throws IOException {
        g.writeObjectFieldStart("request");
        g.writeStringField("url", r.url());
        g.writeStringField("method", r.method());
        g.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            g.writeStringField(h.getKey(), h.getValue());
        }
        g.writeEndObject();
        TailRequest.Client c = r.client();
        g.writeObjectFieldStart("cf");
        g.writeStringField("colo", c.colo());
        g.writeNumberField("asn", c.asn());
        g.writeStringField("asOrganization", c.asOrganization());
        g.writeStringField("country", c.country());
        g.writeStringField("city", c.city());
        g.writeStringField("continent", c.continent());
        g.writeStringField("timezone", c.timezone());
        g.writeStringField("httpProtocol", r.httpProtocol());
        g.writeStringField("tlsVersion", "TLSv1.3");
        g.writeStringField("tlsCipher", r.tlsCipher());
        g.writeNumberField("clientTcpRtt", r.clientTcpRtt());
        g.writeEndObject();
        g.writeEndObject();
        if (r.status() != null) {
            g.writeObjectFieldStart("response");
            g.writeNumberField("status", r.status());
            g.writeEndObject();
        }
    }

    /**
     * A sampling notice, as wrangler's tests show it: an ordinary message whose {@code event} is a
     * TailInfo ({@code {message, type}}), type "overload" or "overload-stop".
     */
    static byte[] notice(String type, long timestamp) {
        String message = type.equals("overload") ? OVERLOAD_MESSAGE : OVERLOAD_STOP_MESSAGE;
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("outcome", "ok");
            g.writeArrayFieldStart("exceptions");
            g.writeEndArray();
            g.writeArrayFieldStart("logs");
            g.writeEndArray();
            g.writeNumberField("eventTimestamp", timestamp);
            g.writeObjectFieldStart("event");
            g.writeStringField("message", message);
            g.writeStringField("type", type);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("A tail message could not be written", e);
        }
        return out.toByteArray();
    }
}
