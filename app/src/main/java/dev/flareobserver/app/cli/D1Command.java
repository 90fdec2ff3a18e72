package dev.flareobserver.app.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flare-observer d1 ...}: D1 databases and SQL. */
@Command(name = "d1", mixinStandardHelpOptions = true, description = "D1 databases and SQL.")
final class D1Command implements Callable<Integer> {

    private final CliContext ctx;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    D1Command(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return FlareCli.USAGE;
    }
}
