package dev.flareobserver.orchestration.logtail;

/** Health of one Worker's tail. */
public enum TailState {
    CONNECTING, CONNECTED, RENEWING, RECONNECTING, EXPIRED, FAILED, CLOSED
}
