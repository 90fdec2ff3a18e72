package dev.flareobserver.orchestration.resources;

/**
 * Input refused locally, before any request: an invalid name, an oversized key or value. The message
 * says what is wrong and what the limit is; nothing was sent and nothing changed.
 */
public final class InvalidResourceInputException extends IllegalArgumentException {

    public InvalidResourceInputException(String message) {
        super(message);
    }
}
