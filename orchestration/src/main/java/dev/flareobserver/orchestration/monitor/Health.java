package dev.flareobserver.orchestration.monitor;

/**
 * A Worker's state at a glance. QUIET: it had requests in the previous window and has none now.
 * UNKNOWN: nothing to judge (no traffic in either window, or no data yet).
 */
public enum Health {
    OK, WARN, CRITICAL, QUIET, UNKNOWN
}
