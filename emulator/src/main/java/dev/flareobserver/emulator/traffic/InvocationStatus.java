package dev.flareobserver.emulator.traffic;

import java.util.List;

/** The invocation statuses Cloudflare documents for Workers, with their wire names. */
public enum InvocationStatus {
    SUCCESS("success", false),
    CLIENT_DISCONNECTED("clientDisconnected", false),
    SCRIPT_THREW_EXCEPTION("scriptThrewException", true),
    EXCEEDED_RESOURCES("exceededResources", true),
    INTERNAL_ERROR("internalError", true);

    public static final List<InvocationStatus> ALL = List.of(values());

    private final String wire;
    private final boolean error;

    InvocationStatus(String wire, boolean error) {
        this.wire = wire;
        this.error = error;
    }

    /** The value of the {@code status} dimension. */
    public String wire() {
        return wire;
    }

    /**
     * Counted in {@code sum.errors}. A client that hangs up is not the Worker's fault, so
     * clientDisconnected is not an error here (Cloudflare's exact rule is unconfirmed).
     */
    public boolean isError() {
        return error;
    }

    /** The status with that wire name, or null. */
    public static InvocationStatus fromWire(String wire) {
        for (InvocationStatus s : ALL) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        return null;
    }
}
