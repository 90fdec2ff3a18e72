package dev.flareobserver.emulator.state;

import java.util.List;

/**
 * One step of the emulator's schema. Versions are consecutive from 1; a migration, once released,
 * is never edited (a persisted demo state may already be at that version): append a new one.
 */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1, got " + version);
        }
        statements = List.copyOf(statements);
    }
}
