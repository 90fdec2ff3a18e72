package dev.flareobserver.transport;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Cloudflare answered with an error: a non-2xx status, or a 2xx envelope with {@code success:false}.
 * Subclasses name the common statuses so callers can catch what they can act on.
 */
public class CloudflareApiException extends CloudflareException {
  private final int httpStatus;
  private final List<ApiMessage> errors;
  private final List<ApiMessage> messages;
  private final String cfRay;
  private final String method;
  private final String redactedUrl;

  public CloudflareApiException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages,
      String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public CloudflareApiException(String method, int httpStatus, List<ApiMessage> errors,
      List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this("Cloudflare rejected the request", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  protected CloudflareApiException(String lead, String method, int httpStatus, List<ApiMessage> errors,
      List<ApiMessage> messages, String cfRay, String redactedUrl) {
    super(describe(lead, method, httpStatus, errors, cfRay, redactedUrl));
    this.httpStatus = httpStatus;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.messages = messages == null ? List.of() : List.copyOf(messages);
    this.cfRay = cfRay;
    this.method = method;
    this.redactedUrl = redactedUrl;
  }

  /** The exception type a status stands for; 2xx (a {@code success:false} envelope) gives this base type. */
  public static CloudflareApiException forStatus(String method, int status, List<ApiMessage> errors,
      List<ApiMessage> messages, String cfRay, String redactedUrl, java.time.Duration retryAfter) {
    return switch (status) {
      case 400 -> new BadRequestException(method, status, errors, messages, cfRay, redactedUrl);
      case 401 -> new AuthenticationException(method, status, errors, messages, cfRay, redactedUrl);
      case 403 -> new PermissionDeniedException(method, status, errors, messages, cfRay, redactedUrl);
      case 404 -> new NotFoundException(method, status, errors, messages, cfRay, redactedUrl);
      case 409 -> new ConflictException(method, status, errors, messages, cfRay, redactedUrl);
      case 422 -> new UnprocessableEntityException(method, status, errors, messages, cfRay, redactedUrl);
      case 429 -> new RateLimitedException(method, status, errors, messages, cfRay, redactedUrl, retryAfter);
      default -> status >= 500
          ? new ServerErrorException(method, status, errors, messages, cfRay, redactedUrl)
          : new CloudflareApiException(method, status, errors, messages, cfRay, redactedUrl);
    };
  }

  private static String describe(String lead, String method, int status, List<ApiMessage> errors,
      String cfRay, String redactedUrl) {
    StringBuilder text = new StringBuilder(lead).append(" (HTTP ").append(status);
    if (errors != null && !errors.isEmpty()) {
      text.append(", ").append(errors.stream().map(ApiMessage::toString).collect(Collectors.joining("; ")));
    }
    text.append(')');
    if (method != null) {
      text.append(' ').append(method);
    }
    if (redactedUrl != null) {
      text.append(' ').append(redactedUrl);
    }
    if (cfRay != null && !cfRay.isEmpty()) {
      text.append(" [cf-ray ").append(cfRay).append(']');
    }
    return Redactor.redact(text.toString());
  }

  public int httpStatus() {
    return httpStatus;
  }

  public List<ApiMessage> errors() {
    return errors;
  }

  public List<ApiMessage> messages() {
    return messages;
  }

  public boolean hasErrorCode(int code) {
    return errors.stream().anyMatch(error -> error.code() == code);
  }

  public String cfRay() {
    return cfRay;
  }

  public String method() {
    return method;
  }

  public String redactedUrl() {
    return redactedUrl;
  }
}
