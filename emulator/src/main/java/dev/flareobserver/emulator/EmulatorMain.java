package dev.flareobserver.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator: {@code EmulatorMain [--port N] [--state DIR | --in-memory] [--token T]}.
 * The first two lines of output are the base URL and the token, so scripts can read them;
 * it then serves until interrupted or the JVM is asked to stop (Ctrl+C, SIGTERM).
 */
public final class EmulatorMain {

    /** The standalone default; the same port wrangler dev uses by default, so pass --port to run both. */
    public static final int DEFAULT_PORT = 8787;

    static final String USAGE = """
            Usage: flare-observer emulator [--port N] [--state DIR | --in-memory] [--token T]
              --port N      port on 127.0.0.1 (default %d; 0 = any free port)
              --state DIR   keep state in DIR (default %s)
              --in-memory   keep nothing between runs
              --token T     the user API token to accept (default: the stored or a generated one)
            """;

    private EmulatorMain() {
    }

    public static void main(String[] args) {
        EmulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.printf(USAGE, DEFAULT_PORT, EmulatorOptions.defaultStateDir());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.printf(USAGE, DEFAULT_PORT, EmulatorOptions.defaultStateDir());
            return;
        }
        try {
            run(options, System.out);
        } catch (EmulatorException e) {
            System.err.println("Could not start the emulator: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Parses the command line; null means "--help was asked for".
     *
     * @throws IllegalArgumentException with a message for the user on bad usage
     */
    public static EmulatorOptions parse(String[] args) {
        EmulatorOptions.Builder b = EmulatorOptions.builder().port(DEFAULT_PORT);
        Path state = EmulatorOptions.defaultStateDir();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port" -> b.port(parsePort(value(args, ++i, a)));
                case "--state" -> state = Path.of(value(args, ++i, a));
                case "--in-memory" -> state = null;
                case "--token" -> b.userToken(value(args, ++i, a));
                default -> throw new IllegalArgumentException("Unknown option: " + a);
            }
        }
        return b.stateDir(state).build();
    }

    /**
     * Starts the emulator, prints its base URL and token on the first two lines, and serves until
     * the calling thread is interrupted or the JVM shuts down. Returns 0 after a clean stop.
     *
     * @throws EmulatorException if it cannot start
     */
    public static int run(EmulatorOptions options, PrintStream out) {
        Emulator emulator = Emulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "flare-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Flare Observer emulator listening on " + emulator.baseUrl());
        out.println("API token: " + emulator.userToken());
        out.println("Accounts: " + String.join(", ", emulator.accounts().stream()
                .map(a -> a.name() + " (" + a.id() + ")").toList()));
        out.println("State: " + (emulator.stateFile() == null ? "in memory" : emulator.stateFile()));
        out.println("Try: CLOUDFLARE_API_BASE_URL=" + emulator.baseUrl()
                + " CLOUDFLARE_API_TOKEN=<token above> npx wrangler whoami");
        out.println("Admin: " + emulator.adminUrl() + "/{faults,stats,reset,info}   (Ctrl+C to stop)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; it closes the emulator
            }
            emulator.close();
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got '" + s + "'");
        }
    }
}
