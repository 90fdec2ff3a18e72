package dev.flareobserver.api.workers;

/**
 * The columns of one tail message ({@code TailEventMessage} in wrangler) that a log view needs; the rest
 * of the message stays in its JSON text. Fields of other kinds are null (or 0).
 *
 * @param eventTimestamp epoch milliseconds of the invocation, or 0 when the message has none
 * @param scriptName     the Worker, when the message names it (the service may send null)
 * @param outcome        wire outcome ({@code ok}, {@code exception}, {@code exceededCpu}, ...); {@code unknown} when absent
 * @param kind           what triggered the invocation (or INFO for a service notice)
 * @param entrypoint     the named entrypoint (RPC), or null
 * @param method         FETCH: the request's HTTP method
 * @param url            FETCH: the request URL
 * @param status         FETCH: the response status when the message carries it, else 0
 * @param cron           SCHEDULED: the cron pattern
 * @param scheduledTime  SCHEDULED (epoch ms as text) or ALARM (ISO time): when it was due
 * @param queue          QUEUE: the queue name
 * @param batchSize      QUEUE: messages in the batch
 * @param mailFrom       EMAIL: the sender
 * @param rcptTo         EMAIL: the recipient
 * @param rawSize        EMAIL: size of the raw message
 * @param rpcMethod      RPC: the method called
 * @param consumedScripts TAIL: the Workers whose events a tail Worker consumed, comma separated
 * @param infoType       INFO: {@code overload} or {@code overload-stop} (or another type)
 * @param infoMessage    INFO: the notice text
 * @param logCount       number of console log entries
 * @param firstLog       the first log's message parts joined by spaces (non-strings as JSON), or null
 * @param maxLevel       most severe log level on the wire ({@code debug}, {@code info}, {@code log}, {@code warn},
 *                       {@code error}), or null when there is no log
 * @param exceptionCount number of exceptions
 * @param firstException the first exception as {@code name: message}, or null
 */
public record TailEvent(long eventTimestamp, String scriptName, String outcome, TailEventKind kind, String entrypoint,
    String method, String url, int status, String cron, String scheduledTime, String queue, int batchSize,
    String mailFrom, String rcptTo, long rawSize, String rpcMethod, String consumedScripts, String infoType,
    String infoMessage, int logCount, String firstLog, String maxLevel, int exceptionCount, String firstException) {

  /** Whether this is a service notice ({@code TailInfo}) rather than an invocation. */
  public boolean isInfo() {
    return kind == TailEventKind.INFO;
  }

  /** Whether the tail service says it started sampling (dropping events) under load. */
  public boolean isOverload() {
    return kind == TailEventKind.INFO && "overload".equals(infoType);
  }

  /**
   * The one value that best names what was invoked: the URL of a request, the cron pattern, the queue,
   * the sender, {@code entrypoint.method} for RPC, the alarm time, the consumed Workers, the notice text.
   */
  public String subject() {
    return switch (kind) {
      case FETCH -> url;
      case SCHEDULED -> cron;
      case EMAIL -> mailFrom;
      case QUEUE -> queue;
      case RPC -> entrypoint == null ? rpcMethod : entrypoint + "." + rpcMethod;
      case ALARM -> scheduledTime;
      case TAIL -> consumedScripts;
      case INFO -> infoMessage;
      case UNKNOWN -> null;
    };
  }
}
