package dev.flareobserver.api.workers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads tail messages in one streaming pass, extracting only the {@link TailEvent} columns: unknown fields
 * are skipped without being built, missing optional fields are fine, and nothing else is allocated per
 * message (no tree). Frequent values (outcomes, methods, levels) come back as shared constants so that a
 * hundred thousand retained events do not hold a hundred thousand copies of {@code "ok"}. Thread-safe.
 */
public final class TailEventParser {
  private static final int SNIPPET = 120;

  private final ObjectMapper mapper;
  private final JsonFactory factory;

  public TailEventParser() {
    this(new ObjectMapper());
  }

  /** With this mapper's factory (for structured log values, which are written back as compact JSON). */
  public TailEventParser(ObjectMapper mapper) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
  }

  /** Parses one message (a text frame). */
  public TailEvent parse(String json) {
    if (json == null) {
      throw new TailEventParseException("the message is empty", "", null);
    }
    try (JsonParser p = factory.createParser(json)) {
      return read(p);
    } catch (JsonProcessingException e) {
      throw new TailEventParseException("not valid JSON (" + e.getOriginalMessage() + ")", snippet(json), e);
    } catch (IOException e) {
      throw new TailEventParseException("reading failed (" + e.getMessage() + ")", snippet(json), e);
    } catch (ShapeException e) {
      throw new TailEventParseException(e.getMessage(), snippet(json), null);
    }
  }

  /** Parses one message given as UTF-8 bytes (a binary frame). */
  public TailEvent parse(byte[] utf8, int offset, int length) {
    try (JsonParser p = factory.createParser(utf8, offset, length)) {
      return read(p);
    } catch (JsonProcessingException e) {
      throw new TailEventParseException("not valid JSON (" + e.getOriginalMessage() + ")",
          snippet(new String(utf8, offset, Math.min(length, SNIPPET), StandardCharsets.UTF_8)), e);
    } catch (IOException e) {
      throw new TailEventParseException("reading failed (" + e.getMessage() + ")", "", e);
    } catch (ShapeException e) {
      throw new TailEventParseException(e.getMessage(),
          snippet(new String(utf8, offset, Math.min(length, SNIPPET), StandardCharsets.UTF_8)), null);
    }
  }

  private TailEvent read(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new ShapeException("the message is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new ShapeException("expected a JSON object, found " + describe(first));
    }
    Fields f = new Fields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "outcome" -> f.outcome = outcome(textOrNull(p, value));
        case "scriptName" -> f.scriptName = textOrNull(p, value);
        case "entrypoint" -> f.entrypoint = textOrNull(p, value);
        case "eventTimestamp" -> f.eventTimestamp = value.isNumeric() ? p.getValueAsLong() : 0;
        case "event" -> {
          if (value == JsonToken.START_OBJECT) {
            readEvent(p, f);
          } else {
            p.skipChildren();
          }
        }
        case "logs" -> {
          if (value == JsonToken.START_ARRAY) {
            readLogs(p, f);
          } else {
            p.skipChildren();
          }
        }
        case "exceptions" -> {
          if (value == JsonToken.START_ARRAY) {
            readExceptions(p, f);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new ShapeException("the object is not closed");
    }
    if (p.nextToken() != null) {
      throw new ShapeException("more than one JSON value in one message");
    }
    return f.toEvent();
  }

  private void readEvent(JsonParser p, Fields f) throws IOException {
    boolean request = false;
    boolean cron = false;
    boolean mailFrom = false;
    boolean queue = false;
    boolean rpcMethod = false;
    boolean scheduledTime = false;
    boolean consumedEvents = false;
    boolean message = false;
    boolean type = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "request" -> {
          request = true;
          if (value == JsonToken.START_OBJECT) {
            readRequest(p, f);
          } else {
            p.skipChildren();
          }
        }
        case "response" -> {
          if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              JsonToken v = p.nextToken();
              if ("status".equals(p.currentName()) && v.isNumeric()) {
                f.status = p.getValueAsInt();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        case "cron" -> {
          cron = true;
          f.cron = textOrNull(p, value);
        }
        case "scheduledTime" -> {
          scheduledTime = true;
          f.scheduledTime = textOrNull(p, value);
        }
        case "mailFrom" -> {
          mailFrom = true;
          f.mailFrom = textOrNull(p, value);
        }
        case "rcptTo" -> f.rcptTo = textOrNull(p, value);
        case "rawSize" -> f.rawSize = value.isNumeric() ? p.getValueAsLong() : 0;
        case "queue" -> {
          queue = true;
          f.queue = textOrNull(p, value);
        }
        case "batchSize" -> f.batchSize = value.isNumeric() ? p.getValueAsInt() : 0;
        case "rpcMethod" -> {
          rpcMethod = true;
          f.rpcMethod = textOrNull(p, value);
        }
        case "consumedEvents" -> {
          consumedEvents = true;
          if (value == JsonToken.START_ARRAY) {
            f.consumedScripts = consumedScripts(p);
          } else {
            p.skipChildren();
          }
        }
        case "message" -> {
          message = true;
          f.infoMessage = value == JsonToken.VALUE_STRING ? p.getText() : renderValue(p, value);
        }
        case "type" -> {
          type = true;
          f.infoType = textOrNull(p, value);
        }
        default -> p.skipChildren();
      }
    }
    // The order of wrangler's printing.ts: the first test that holds decides.
    if (request) {
      f.kind = TailEventKind.FETCH;
    } else if (cron) {
      f.kind = TailEventKind.SCHEDULED;
    } else if (mailFrom) {
      f.kind = TailEventKind.EMAIL;
    } else if (queue) {
      f.kind = TailEventKind.QUEUE;
    } else if (rpcMethod) {
      f.kind = TailEventKind.RPC;
    } else if (scheduledTime) {
      f.kind = TailEventKind.ALARM;
    } else if (consumedEvents) {
      f.kind = TailEventKind.TAIL;
    } else if (message && type) {
      f.kind = TailEventKind.INFO;
    } else {
      f.kind = TailEventKind.UNKNOWN;
    }
  }

  private void readRequest(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "url" -> f.url = textOrNull(p, value);
        case "method" -> f.method = method(textOrNull(p, value));
        default -> p.skipChildren();
      }
    }
  }

  private static String consumedScripts(JsonParser p) throws IOException {
    StringBuilder out = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        JsonToken value = p.nextToken();
        if ("scriptName".equals(p.currentName()) && value == JsonToken.VALUE_STRING) {
          String script = p.getText();
          // wrangler shows each consumed Worker once
          if (out == null) {
            out = new StringBuilder(script);
          } else if (!(',' + out.toString() + ',').contains(',' + script + ',')) {
            out.append(',').append(script);
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return out == null ? "" : out.toString();
  }

  private void readLogs(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      boolean first = f.logCount == 0;
      f.logCount++;
      String level = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("level".equals(name)) {
          level = textOrNull(p, value);
        } else if ("message".equals(name) && first) {
          f.firstLog = joinMessage(p, value);
        } else {
          p.skipChildren();
        }
      }
      String canonical = level(level);
      if (f.maxLevel == null || rank(canonical) > rank(f.maxLevel)) {
        f.maxLevel = canonical;
      }
    }
  }

  private void readExceptions(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      boolean first = f.exceptionCount == 0;
      f.exceptionCount++;
      String name = null;
      String message = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (first && "name".equals(field)) {
          name = textOrNull(p, value);
        } else if (first && "message".equals(field)) {
          message = value == JsonToken.VALUE_STRING ? p.getText() : renderValue(p, value);
        } else {
          p.skipChildren();
        }
      }
      if (first) {
        f.firstException = (name == null ? "Error" : name) + ": " + (message == null ? "" : message);
      }
    }
  }

  /** console.log's arguments joined as wrangler prints them; objects and arrays as compact JSON. */
  private String joinMessage(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      return value == JsonToken.VALUE_STRING ? p.getText() : renderValue(p, value);
    }
    StringBuilder out = new StringBuilder();
    boolean any = false;
    JsonToken part;
    while ((part = p.nextToken()) != JsonToken.END_ARRAY) {
      if (any) {
        out.append(' ');
      }
      any = true;
      out.append(part == JsonToken.VALUE_STRING ? p.getText() : renderValue(p, part));
    }
    return out.toString();
  }

  /** A non-string value as JSON text (a number as written, an object compact). */
  private String renderValue(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
      return mapper.writeValueAsString(mapper.readTree(p));
    }
    return value == JsonToken.VALUE_NULL ? "null" : p.getText();
  }

  private static String textOrNull(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isScalarValue()) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** Canonical instances of the wire outcomes; unexpected ones are kept as sent. */
  static String outcome(String s) {
    if (s == null) {
      return "unknown";
    }
    return switch (s) {
      case "ok" -> "ok";
      case "exception" -> "exception";
      case "canceled" -> "canceled";
      case "exceededCpu" -> "exceededCpu";
      case "exceededMemory" -> "exceededMemory";
      case "unknown" -> "unknown";
      case "killSwitch" -> "killSwitch";
      case "daemonDown" -> "daemonDown";
      case "loadShed" -> "loadShed";
      case "responseStreamDisconnected" -> "responseStreamDisconnected";
      case "scriptNotFound" -> "scriptNotFound";
      default -> s;
    };
  }

  static String method(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "GET" -> "GET";
      case "POST" -> "POST";
      case "PUT" -> "PUT";
      case "DELETE" -> "DELETE";
      case "PATCH" -> "PATCH";
      case "HEAD" -> "HEAD";
      case "OPTIONS" -> "OPTIONS";
      case "CONNECT" -> "CONNECT";
      case "TRACE" -> "TRACE";
      default -> s;
    };
  }

  /** Canonical level names; an unknown level counts as {@code log}, as a console would show it. */
  static String level(String s) {
    if (s == null) {
      return "log";
    }
    return switch (s) {
      case "debug" -> "debug";
      case "info" -> "info";
      case "warn" -> "warn";
      case "error" -> "error";
      default -> "log";
    };
  }

  /** Severity of a canonical level: debug < info < log < warn < error. */
  static int rank(String level) {
    return switch (level) {
      case "debug" -> 1;
      case "info" -> 2;
      case "warn" -> 4;
      case "error" -> 5;
      default -> 3;
    };
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  private static String snippet(String text) {
    return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
  }

  /** The JSON is well-formed but not a tail message. */
  private static final class ShapeException extends RuntimeException {
    ShapeException(String message) {
      super(message, null, false, false);
    }
  }

  /** Mutable accumulator of one pass. */
  private static final class Fields {
    long eventTimestamp;
    String scriptName;
    String outcome = "unknown";
    TailEventKind kind = TailEventKind.UNKNOWN;
    String entrypoint;
    String method;
    String url;
    int status;
    String cron;
    String scheduledTime;
    String queue;
    int batchSize;
    String mailFrom;
    String rcptTo;
    long rawSize;
    String rpcMethod;
    String consumedScripts;
    String infoType;
    String infoMessage;
    int logCount;
    String firstLog;
    String maxLevel;
    int exceptionCount;
    String firstException;

    TailEvent toEvent() {
      return new TailEvent(eventTimestamp, scriptName, outcome, kind, entrypoint, method, url, status, cron,
          scheduledTime, queue, batchSize, mailFrom, rcptTo, rawSize, rpcMethod, consumedScripts, infoType,
          infoMessage, logCount, firstLog, maxLevel, exceptionCount, firstException);
    }
  }
}
