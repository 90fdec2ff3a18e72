package dev.flareobserver.transport;

/** Attached to each OkHttp request as a tag, so interceptors know what the caller declared. */
record CallTraits(boolean idempotent, RequestKind kind) {

  static CallTraits of(okhttp3.Request request) {
    CallTraits traits = request.tag(CallTraits.class);
    if (traits != null) {
      return traits;
    }
    boolean idempotent = switch (request.method()) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> false;
    };
    return new CallTraits(idempotent, RequestKind.REST);
  }
}
