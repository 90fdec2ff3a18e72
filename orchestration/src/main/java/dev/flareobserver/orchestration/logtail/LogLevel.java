package dev.flareobserver.orchestration.logtail;

/** Console levels of the tail protocol, least to most severe; NONE when an event wrote no log. */
public enum LogLevel {
    NONE, DEBUG, INFO, LOG, WARN, ERROR;

    /** The wire name ({@code "warn"}) to a level; unknown names count as LOG. */
    public static LogLevel fromWire(String name) {
        if (name == null) {
            return LOG;
        }
        return switch (name) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn" -> WARN;
            case "error" -> ERROR;
            default -> LOG;
        };
    }
}
