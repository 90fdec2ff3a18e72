package dev.flareobserver.emulator.containers;

import java.util.Locale;

/** The v2 instance states (containers.md §4) an emulated instance goes through. */
public enum InstanceState {
    PROVISIONING, RUNNING, UNHEALTHY, STOPPING, STOPPED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Counted by {@code state=active}: started and not yet gone. */
    public boolean isActive() {
        return this == PROVISIONING || this == RUNNING || this == UNHEALTHY || this == STOPPING;
    }

    /** The v1 {@code status.status} for this state. */
    public String v1(Integer exitCode) {
        return switch (this) {
            case PROVISIONING -> "starting";
            case RUNNING -> "healthy";
            case UNHEALTHY -> "running";
            case STOPPING -> "stopping";
            case STOPPED -> "stopped";
            case FAILED -> exitCode == null ? "stopped" : "stopped_with_code";
        };
    }
}
