package dev.flareobserver.app.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flare-observer r2 ...}: R2 buckets and objects. */
@Command(name = "r2", mixinStandardHelpOptions = true, description = "R2 buckets and objects.",
        subcommands = {R2BucketCommand.class, R2ObjectCommand.class})
final class R2Command implements Callable<Integer> {

    private final CliContext ctx;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    R2Command(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx);
    }

    CliContext ctx() {
        return ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return FlareCli.USAGE;
    }
}
