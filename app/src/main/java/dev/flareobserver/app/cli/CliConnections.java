package dev.flareobserver.app.cli;

import dev.flareobserver.app.demo.DemoEmulator;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.connection.ConnectionProblem;

/** What the commands that talk to an account share: demo mode without a token, and printing a problem. */
final class CliConnections {

    private CliConnections() {
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
}
