package dev.flareobserver.app.session;

import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;

/**
 * What the app knows about its connection at one moment.
 *
 * @param demo       true when no credential is set and the app runs against its local emulator
 * @param settings   where and how it connects; null in demo mode until the emulator has started
 * @param connection the connection's own snapshot
 * @param activity   what is being done right now ("Starting the local demo emulator…"), or null
 */
public record SessionSnapshot(boolean demo, ConnectionSettings settings, ConnectionSnapshot connection,
                              String activity) {

    public boolean busy() {
        return activity != null;
    }
}
