package dev.flareobserver.api.workers;

/**
 * What triggered a tail event, told apart as wrangler's {@code printing.ts} does (first match wins):
 * {@code request} → FETCH, {@code cron} → SCHEDULED, {@code mailFrom} → EMAIL, {@code queue} → QUEUE,
 * {@code rpcMethod} → RPC, {@code scheduledTime} without {@code cron} → ALARM, {@code consumedEvents} → TAIL,
 * {@code message} and {@code type} → INFO (a notice from the tail service), anything else → UNKNOWN.
 */
public enum TailEventKind {
  FETCH("fetch"),
  SCHEDULED("scheduled"),
  EMAIL("email"),
  QUEUE("queue"),
  RPC("rpc"),
  ALARM("alarm"),
  TAIL("tail"),
  INFO("info"),
  UNKNOWN("unknown");

  private final String label;

  TailEventKind(String label) {
    this.label = label;
  }

  /** The short name shown in a log view ({@code fetch}, {@code scheduled}, ...). */
  public String label() {
    return label;
  }

  /** The kind for a {@link #label()}, or UNKNOWN. */
  public static TailEventKind fromLabel(String label) {
    for (TailEventKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    return UNKNOWN;
  }
}
