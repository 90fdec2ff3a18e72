package dev.flareobserver.orchestration.logtail;

/** What a line of the merged stream is. */
public enum EntryKind {
    /** One invocation (or other tail event) of a Worker. */
    EVENT,
    /** Continuity was lost for a Worker: events between {@link LogEntry#gapFrom()} and {@link LogEntry#gapTo()} may be missing. */
    GAP,
    /** A notice from the service or the session (sampling started/stopped, tail renewed, tail failed). */
    NOTICE
}
