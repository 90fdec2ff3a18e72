package dev.flareobserver.emulator.state;

/** The emulator's SQLite state could not be opened, migrated, read or written. */
public final class StateException extends RuntimeException {
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
