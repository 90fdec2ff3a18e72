package dev.flareobserver.app.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flare-observer kv ...}: KV namespaces, keys and values. */
@Command(name = "kv", mixinStandardHelpOptions = true, description = "KV namespaces, keys and values.")
final class KvCommand implements Callable<Integer> {

    private final CliContext ctx;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    KvCommand(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return FlareCli.USAGE;
    }
}
