package dev.flareobserver.app;

import javafx.application.Application;

/**
 * Entry point. No arguments: the desktop app. With arguments: the command line. Kept free of
 * static state so the window's first frame does not pay for the command line's classes.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Warmup.startInBackground();
            try {
                Application.launch(FlareObserverApp.class);
            } catch (RuntimeException e) {
                // Typically no display (a server, an SSH session): say so instead of a toolkit stack trace.
                System.err.println("Flare Observer could not open its window: " + e.getMessage());
                System.err.println("Without a display, use the command line: flare-observer --help");
                System.exit(1);
            }
            return;
        }
        // The command line reports problems itself; library log lines would only repeat them on stderr.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.exit(dev.flareobserver.app.cli.FlareCli.run(args, System.getenv(), System.out, System.err));
    }
}
