package dev.flareobserver.app.cli;

import dev.flareobserver.app.demo.DemoEmulator;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionProblem;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionState;
import java.util.Optional;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import java.nio.file.Path;
import java.time.Clock;

/** What the commands that talk to an account share: demo mode without a token, and printing a problem. */
final class CliConnections {

    private CliConnections() {
    }

    /** What a command does once connected; returns its exit code. */
    interface AccountCommand {
        int run(AccountConnection connection, ConnectionSnapshot snapshot) throws Exception;
    }

    /**
     * Connects with the environment's credentials (or to a demo emulator when there is none), runs the
     * command and closes both. A failed connection is printed and exits with FAILURE; so does a
     * connection without a current account when {@code needsAccount}.
     */
    static int withConnection(CliContext ctx, boolean needsAccount, AccountCommand command) throws Exception {
        Optional<ConnectionSettings> fromEnv = ConnectionSettings.fromEnvironment(ctx.env());
        DemoEmulator demo = null;
        try {
            ConnectionSettings settings;
            if (fromEnv.isPresent()) {
                settings = fromEnv.get();
            } else {
                demo = startDemo(ctx);
                if (demo == null) {
                    return FlareCli.FAILURE;
                }
                settings = ConnectionSettings.demo(demo.baseUrl(), demo.token());
            }
            try (AccountConnection connection = new AccountConnection(settings)) {
                ConnectionSnapshot s = connection.connect();
                if (s.state() != ConnectionState.CONNECTED || (needsAccount && s.current() == null)) {
                    printProblem(ctx, s.problem());
                    return FlareCli.FAILURE;
                }
                return command.run(connection, s);
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    /** Starts the demo emulator (the stored one, else a fresh in-memory one); null after printing why not. */
    static DemoEmulator startDemo(CliContext ctx) {
        ctx.err().println("No CLOUDFLARE_API_TOKEN set: using the local demo emulator (demo mode).");
        try {
            return ctx.demoEmulators().start();
        } catch (RuntimeException first) {
            // The desktop app may hold the persistent demo state; the demo accounts are the same in memory.
            try {
                ctx.err().println("The stored demo state is not available (" + first.getMessage()
                        + "); using a fresh in-memory demo emulator.");
                return DemoEmulatorFactory.inMemory().start();
            } catch (RuntimeException second) {
                ctx.err().println("The demo emulator did not start: " + second.getMessage());
                return null;
            }
        }
    }

    static void printProblem(CliContext ctx, ConnectionProblem p) {
        if (p == null) {
            ctx.err().println("Not connected.");
            return;
        }
        ctx.err().println("Error: " + p.title());
        if (!p.message().isBlank()) {
            ctx.err().println(p.message());
        }
        if (!p.details().isBlank()) {
            ctx.err().println();
            p.details().lines().forEach(l -> ctx.err().println("  " + l));
        }
    }

    /**
     * {@code $XDG_STATE_HOME/flare-observer} from the command's own environment (so scripts and tests can move it),
     * else the default the app uses.
     */
    static Path stateDir(CliContext ctx) {
        String state = ctx.env().get("XDG_STATE_HOME");
        return state != null && !state.isBlank() ? Path.of(state, "flare-observer")
                : AuditTrail.defaultFile().getParent();
    }

    /** The command line is an explicit operator action: writes are unlocked, and recorded in the audit trail. */
    static ResourceWrites writes(CliContext ctx) {
        return new ResourceWrites(WriteAccess.unlocked(), AuditTrail.persistent(stateDir(ctx).resolve("audit.ndjson")),
                Clock.systemUTC());
    }
}
