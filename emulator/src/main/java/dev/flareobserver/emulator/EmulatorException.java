package dev.flareobserver.emulator;

/** The emulator could not start (port taken, state unreadable, ...). */
public final class EmulatorException extends RuntimeException {
    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
