package dev.flareobserver.app.cli;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import java.io.PrintWriter;
import java.util.Map;

/** What every command gets: the environment, its two output streams, and how to start a demo emulator. */
record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, DemoEmulatorFactory demoEmulators) {
}
