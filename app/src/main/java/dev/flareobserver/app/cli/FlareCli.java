package dev.flareobserver.app.cli;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code flare-observer <command>}. Same orchestration as the desktop app, no window.
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
@Command(name = "flare-observer", mixinStandardHelpOptions = true, version = "Flare Observer 0.1.0",
        description = "A desktop observer for Cloudflare. Without a command, ./flare-observer opens the window.%n"
                + "Credentials come from CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_API_BASE_URL) "
                + "as for wrangler; without a token the commands use a local demo emulator.")
public final class FlareCli implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, DemoEmulatorFactory.persistent());
    }

    /** For tests: a given demo-emulator factory (e.g. in memory). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          DemoEmulatorFactory demoEmulators) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CliContext ctx = new CliContext(env, o, e, demoEmulators);
        CommandLine cli = new CommandLine(new FlareCli());
        cli.addSubcommand("emulator", new EmulatorCommand(ctx));
        cli.addSubcommand("accounts", new AccountsCommand(ctx));
        cli.addSubcommand("workers", new WorkersCommand(ctx));
        cli.addSubcommand("tail", new TailCommand(ctx));
        cli.addSubcommand("kv", new KvCommand(ctx));
        cli.addSubcommand("r2", new R2Command(ctx));
        cli.addSubcommand("d1", new D1Command(ctx));
        cli.addSubcommand("plan", new PlanCommand(ctx));
        cli.addSubcommand("apply", new ApplyCommand(ctx));
        cli.addSubcommand("export", new ExportCommand(ctx));
        cli.addSubcommand("containers", new ContainersCommand(ctx));
        cli.addSubcommand("deploy-container", new DeployContainerCommand(ctx));
        cli.setOut(o);
        cli.setErr(e);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
                    : ex.getMessage()));
            return FAILURE;
        });
        int code = cli.execute(args);
        o.flush();
        e.flush();
        return code;
    }
}
