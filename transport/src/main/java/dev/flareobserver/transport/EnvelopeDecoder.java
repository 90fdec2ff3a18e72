package dev.flareobserver.transport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the v4 envelope ({@code success, errors, messages, result, result_info}) is read.
 * The body is parsed once, as a stream: {@code result} is bound straight to the caller's type.
 */
public final class EnvelopeDecoder {
  private static final int SNIPPET_LENGTH = 200;

  private final ObjectMapper mapper;

  public EnvelopeDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public <T> ApiResult<T> decode(byte[] body, int status, JavaType resultType) {
    return decode(body, status, resultType, ResponseContext.none());
  }

  /**
   * Returns the result of a successful envelope, or throws: {@link CloudflareApiException} (by status) for
   * errors, {@link ResponseParseException} for a 2xx answer that is not a readable envelope.
   */
  public <T> ApiResult<T> decode(byte[] body, int status, JavaType resultType, ResponseContext context) {
    boolean ok = status >= 200 && status < 300;
    if (body == null || body.length == 0) {
      if (status == 204 || status == 205) {
        return new ApiResult<>(null, null, List.of(), status, context.cfRay());
      }
      if (ok) {
        throw parseFailure("the body is empty", status, body, context, null);
      }
      throw errorFor(status, List.of(), List.of(), context);
    }
    Envelope<T> envelope;
    try {
      envelope = read(body, ok, resultType);
    } catch (IOException | RuntimeException unreadable) {
      if (!ok) {
        // Proxies answer 5xx/429 with HTML pages; the status says more than the body could.
        throw errorFor(status, List.of(), List.of(), context);
      }
      throw parseFailure(describe(body, unreadable), status, body, context, unreadable);
    }
    if (envelope.success == null) {
      if (!ok) {
        throw errorFor(status, List.of(), List.of(), context);
      }
      throw parseFailure("the JSON is not a Cloudflare v4 envelope (it has no 'success' field)", status, body,
          context, null);
    }
    if (!ok || !envelope.success) {
      throw errorFor(status, envelope.errors, envelope.messages, context);
    }
    return new ApiResult<>(envelope.result, envelope.resultInfo, envelope.messages, status, context.cfRay());
  }

  /**
   * Binds a whole JSON body that is not an envelope (GraphQL's {@code {data, errors}}). Non-2xx statuses throw
   * the typed error with the body's {@code errors[]} (objects with a {@code message}, or strings) when readable.
   */
  public <T> T decodeBody(byte[] body, int status, JavaType bodyType, ResponseContext context) {
    boolean ok = status >= 200 && status < 300;
    if (!ok) {
      List<ApiMessage> errors = List.of();
      if (body != null && body.length > 0) {
        try {
          errors = read(body, false, bodyType).errors;
        } catch (IOException | RuntimeException unreadable) {
          // the status alone still says what happened
        }
      }
      throw errorFor(status, errors, List.of(), context);
    }
    if (body == null || body.length == 0) {
      throw parseFailure("the body is empty", status, body, context, null);
    }
    try {
      return mapper.readValue(body, bodyType);
    } catch (IOException | RuntimeException unreadable) {
      throw parseFailure(describe(body, unreadable), status, body, context, unreadable);
    }
  }

  private <T> Envelope<T> read(byte[] body, boolean bindResult, JavaType resultType) throws IOException {
    Envelope<T> envelope = new Envelope<>();
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return envelope;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "success" -> envelope.success = value.isBoolean() ? value == JsonToken.VALUE_TRUE : null;
          case "errors" -> envelope.errors = readMessages(parser);
          case "messages" -> envelope.messages = readMessages(parser);
          case "result" -> {
            if (bindResult && value != JsonToken.VALUE_NULL) {
              envelope.result = mapper.readValue(parser, resultType);
            } else {
              parser.skipChildren();
            }
          }
          case "result_info" -> envelope.resultInfo =
              value == JsonToken.VALUE_NULL ? null : mapper.readValue(parser, ResultInfo.class);
          default -> parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new JsonProcessingException("unexpected content after the envelope") { };
      }
    }
    return envelope;
  }

  /** Tolerant on purpose: an odd error item must not hide the error itself. */
  private List<ApiMessage> readMessages(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<ApiMessage> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        items.add(new ApiMessage(0, parser.getText(), null));
      } else if (parser.currentToken() == JsonToken.START_OBJECT) {
        JsonNode item = parser.readValueAsTree();
        items.add(new ApiMessage(item.path("code").asInt(0), item.path("message").asText(null),
            item.path("documentation_url").asText(null)));
      } else {
        parser.skipChildren();
      }
    }
    return List.copyOf(items);
  }

  private static CloudflareApiException errorFor(int status, List<ApiMessage> errors, List<ApiMessage> messages,
      ResponseContext context) {
    return CloudflareApiException.forStatus(context.method(), status, errors, messages, context.cfRay(),
        context.redactedUrl(), context.retryAfter());
  }

  private static ResponseParseException parseFailure(String problem, int status, byte[] body,
      ResponseContext context, Throwable cause) {
    return new ResponseParseException(problem, status, context.contentType(), snippet(body), context.method(),
        context.redactedUrl(), cause);
  }

  private static String describe(byte[] body, Throwable failure) {
    String start = snippet(body).stripLeading();
    if (start.startsWith("<")) {
      return "expected JSON but got HTML or XML";
    }
    if (causedBy(failure, com.fasterxml.jackson.core.io.JsonEOFException.class)) {
      return "the JSON ends early (truncated)";
    }
    if (failure instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
      return "the result does not have the expected shape (" + firstLine(failure.getMessage()) + ")";
    }
    return "the body is not valid JSON (" + firstLine(failure.getMessage()) + ")";
  }

  /** Data binding wraps stream errors, so the end-of-input may sit a few causes down. */
  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String snippet(byte[] body) {
    if (body == null) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, SNIPPET_LENGTH), StandardCharsets.UTF_8);
    return Redactor.redact(text.replaceAll("\\s+", " ").trim());
  }

  private static final class Envelope<T> {
    Boolean success;
    List<ApiMessage> errors = List.of();
    List<ApiMessage> messages = List.of();
    T result;
    ResultInfo resultInfo;
  }
}
