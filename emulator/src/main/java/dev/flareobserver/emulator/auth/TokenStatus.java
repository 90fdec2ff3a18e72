package dev.flareobserver.emulator.auth;

import java.util.Locale;

/** {@code iam_status}: the status values token verify reports. */
public enum TokenStatus {
    ACTIVE, DISABLED, EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
