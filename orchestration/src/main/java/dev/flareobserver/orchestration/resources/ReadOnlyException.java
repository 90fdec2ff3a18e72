package dev.flareobserver.orchestration.resources;

/** A write was refused before any request because writes are locked for this session. */
public final class ReadOnlyException extends RuntimeException {

    public ReadOnlyException(String action) {
        super("Read-only mode: \"" + action + "\" was not sent. Unlock writes for this session to change the account.");
    }
}
