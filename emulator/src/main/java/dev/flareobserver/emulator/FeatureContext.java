package dev.flareobserver.emulator;

import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What an {@link EmulatorFeature} is built from.
 *
 * @param state    the emulator's SQLite state (features create their own tables with {@code IF NOT EXISTS})
 * @param accounts checks that the caller may see an account ({@code accounts.visibleAccount(call, id)})
 * @param options  the emulator's options
 * @param clock    the emulator's clock
 * @param dataDir  a directory for files (D1 databases, R2 object bodies): inside the state directory when the
 *                 state persists, else a temporary directory deleted when the emulator closes
 */
public record FeatureContext(StateStore state, AccountRoutes accounts, EmulatorOptions options, Clock clock,
                             Path dataDir) {
}
