package dev.flareobserver.app.demo;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Path;

/**
 * Starts the local Cloudflare emulator for demo mode and for {@code flare-observer emulator}. The only
 * place the app touches the emulator module, so the rest of the app runs unchanged against a real
 * account. Tests pass their own factory (e.g. {@link #inMemory()}).
 */
@FunctionalInterface
public interface DemoEmulatorFactory {

    /** Starts an emulator; blocks until it listens. Call it from a task, not the FX thread. */
    DemoEmulator start();

    /** Demo mode: state kept between runs in the XDG data directory, a random free port. */
    static DemoEmulatorFactory persistent() {
        return () -> launch(EmulatorOptions.builder().stateDir(EmulatorOptions.defaultStateDir()).build());
    }

    /** State in memory only, a random free port: for tests. */
    static DemoEmulatorFactory inMemory() {
        return () -> launch(EmulatorOptions.builder().build());
    }

    /**
     * The standalone emulator of the command line.
     *
     * @param port     0 for a random free port
     * @param stateDir null for in-memory state
     * @param token    null for the stored or a generated token
     * @param workers  null for the demo set of Workers; otherwise how many (0..2000, the benchmarks' scale knob)
     */
    static DemoEmulatorFactory configured(int port, Path stateDir, String token, Integer workers) {
        return () -> {
            EmulatorOptions.Builder b = EmulatorOptions.builder().port(port).stateDir(stateDir);
            if (workers != null) {
                b.workers(workers);
            }
            if (token != null) {
                b.userToken(token);
            }
            return launch(b.build());
        };
    }

    /** Where demo mode keeps the emulator's state. */
    static Path defaultStateDir() {
        return EmulatorOptions.defaultStateDir();
    }

    private static DemoEmulator launch(EmulatorOptions options) {
        Emulator emulator = Emulator.start(options);
        return new DemoEmulator() {
            @Override
            public String baseUrl() {
                return emulator.baseUrl();
            }

            @Override
            public String token() {
                return emulator.userToken();
            }

            @Override
            public java.util.List<String> accountDescriptions() {
                return emulator.accounts().stream().map(a -> a.id() + "  " + a.name()).toList();
            }

            @Override
            public void close() {
                emulator.close();
            }
        };
    }
}
