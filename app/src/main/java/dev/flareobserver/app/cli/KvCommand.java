package dev.flareobserver.app.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flare-observer kv ...}: KV namespaces, keys and values. */
@Command(name = "kv", mixinStandardHelpOptions = true, subcommands = {KvNamespaceCommand.class, KvKeyCommand.class},
        description = {"KV namespaces, keys and values.",
            "A NAMESPACE argument is a namespace id or its exact title. Every command takes --json.",
            "Writes are recorded in the audit trail ($XDG_STATE_HOME/flare-observer/audit.ndjson)."})
final class KvCommand implements Callable<Integer> {

    final CliContext ctx;

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
