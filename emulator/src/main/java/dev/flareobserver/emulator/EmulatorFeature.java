package dev.flareobserver.emulator;

import dev.flareobserver.emulator.http.Router;
import java.util.List;

/**
 * One product the emulator serves beyond the core (KV, R2, D1, ...): its REST routes, its demo data and
 * its clean-up. The emulator registers every feature's routes, seeds them after the demo world, seeds them
 * again after a state reset, and closes them when it stops.
 */
public interface EmulatorFeature extends AutoCloseable {

    /** Adds the feature's REST routes (under {@code /client/v4}). */
    void register(Router router);

    /**
     * Creates the demo data for these accounts. Runs at every start, also on a persisted state that already
     * has it, so it must be idempotent, and cheap: large data is created lazily, not here.
     */
    void seed(List<EmulatorAccount> accounts);

    /** The state was emptied ({@link Emulator#reset(boolean)}): drop whatever lives outside the SQLite state. */
    default void stateCleared() {
    }

    @Override
    default void close() {
    }
}
