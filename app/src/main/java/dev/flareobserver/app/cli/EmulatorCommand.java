package dev.flareobserver.app.cli;

import dev.flareobserver.app.demo.DemoEmulator;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flare-observer emulator}: runs the local Cloudflare emulator until interrupted. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the local Cloudflare emulator (REST v4 under /client/v4) on 127.0.0.1 until Ctrl+C. "
                + "Prints CLOUDFLARE_API_BASE_URL and CLOUDFLARE_API_TOKEN first, for wrangler or the app.")
final class EmulatorCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: a random free port).")
    int port;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Directory to keep state in between runs (default: ${DEFAULT-VALUE}).")
    Path state = DemoEmulatorFactory.defaultStateDir();

    @Option(names = "--in-memory", description = "Keep no state on disk.")
    boolean inMemory;

    @Option(names = "--token", paramLabel = "T",
            description = "The API token to accept (default: the stored one, or a generated one).")
    String token;

    @Option(names = "--workers", paramLabel = "N",
            description = "Workers in the first account, 0..2000 (default: the demo set of 25). For benchmarks.")
    Integer workers;

    EmulatorCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            ctx.err().println("--port must be between 0 and 65535");
            return FlareCli.USAGE;
        }
        DemoEmulator emulator;
        try {
            emulator = DemoEmulatorFactory.configured(port, inMemory ? null : state, token, workers).start();
        } catch (IllegalArgumentException e) {
            ctx.err().println("Error: " + e.getMessage());
            return FlareCli.USAGE;
        } catch (RuntimeException e) {
            ctx.err().println("The emulator did not start: " + e.getMessage());
            return FlareCli.FAILURE;
        }
        // The first two lines are the contract: scripts and tests read them.
        ctx.out().println("CLOUDFLARE_API_BASE_URL=" + emulator.baseUrl());
        ctx.out().println("CLOUDFLARE_API_TOKEN=" + emulator.token());
        ctx.out().flush();
        ctx.err().println("Flare Observer emulator running (state: " + (inMemory ? "in memory" : state) + ").");
        emulator.accountDescriptions().forEach(a -> ctx.err().println("  account " + a));
        ctx.err().println("Press Ctrl+C to stop.");
        ctx.err().flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "flare-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
        }
        return FlareCli.OK;
    }
}
