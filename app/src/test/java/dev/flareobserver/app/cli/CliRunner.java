package dev.flareobserver.app.cli;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.emulator.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line as a user types it, with a token for {@code emulator}, and keeps what it printed. */
final class CliRunner {

    private final Emulator emulator;
    private final Path stateHome;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CliRunner(Emulator emulator, Path stateHome) {
        this.emulator = emulator;
        this.stateHome = stateHome;
    }

    /** The exit code; {@link #out()} and {@link #err()} then hold what this run printed. */
    int run(String... args) {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(),
                "CLOUDFLARE_API_BASE_URL", emulator.baseUrl(), "XDG_STATE_HOME", stateHome.toString());
        return FlareCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DemoEmulatorFactory.inMemory());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
