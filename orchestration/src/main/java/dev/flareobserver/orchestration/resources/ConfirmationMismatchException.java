package dev.flareobserver.orchestration.resources;

/** A delete was refused before any request because the typed confirmation did not match the name. */
public final class ConfirmationMismatchException extends RuntimeException {

    public ConfirmationMismatchException(String kind, String name) {
        super("Type the " + kind + " name, " + name + ", exactly to delete it; nothing was deleted.");
    }
}
