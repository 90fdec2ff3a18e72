package dev.flareobserver.app.cli;

import dev.flareobserver.api.kv.KvNamespace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flare-observer kv namespace list|create|rename|delete}. */
@Command(name = "namespace", mixinStandardHelpOptions = true, description = "List, create, rename and delete KV namespaces.")
final class KvNamespaceCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    KvCommand kv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(kv.ctx.err());
        return FlareCli.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the account's namespaces by title.")
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        return KvCli.run(ctx, service -> {
            List<KvNamespace> all = service.namespaces();
            if (json) {
                KvCli.printJson(ctx, all.stream().map(KvNamespaceCommand::json).toList());
            } else if (all.isEmpty()) {
                ctx.err().println("The account has no KV namespaces.");
            } else {
                ctx.out().printf("%-32s  %s%n", "ID", "TITLE");
                all.forEach(n -> ctx.out().printf("%-32s  %s%n", n.id(), n.title()));
                ctx.out().flush();
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a namespace; prints its id.")
    int create(@Parameters(paramLabel = "TITLE", description = "The new namespace's title.") String title,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        return KvCli.run(ctx, service -> {
            KvNamespace created = service.createNamespace(title);
            if (json) {
                KvCli.printJson(ctx, json(created));
            } else {
                ctx.out().println("Created KV namespace " + created.title() + " (id " + created.id() + ")");
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Give a namespace a new title.")
    int rename(@Parameters(index = "0", paramLabel = "NAMESPACE", description = "Id or exact title.") String namespace,
               @Parameters(index = "1", paramLabel = "NEW_TITLE", description = "The new title.") String title,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        return KvCli.runOn(ctx, namespace, (service, ns) -> {
            service.renameNamespace(ns, title);
            KvNamespace renamed = new KvNamespace(ns.id(), title, ns.supportsUrlEncoding());
            if (json) {
                KvCli.printJson(ctx, json(renamed));
            } else {
                ctx.out().println("Renamed KV namespace " + ns.title() + " to " + title + " (id " + ns.id() + ")");
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete a namespace and every key in it.",
                "Confirm by typing its exact title with --confirm, e.g. kv namespace delete sessions --confirm sessions."})
    int delete(@Parameters(paramLabel = "NAMESPACE", description = "Id or exact title.") String namespace,
               @Option(names = "--confirm", paramLabel = "TITLE", required = true,
                       description = "The namespace's exact title; nothing is deleted unless it matches.") String typed,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        return KvCli.runOn(ctx, namespace, (service, ns) -> {
            service.deleteNamespace(ns, typed);
            if (json) {
                Map<String, Object> out = json(ns);
                out.put("deleted", true);
                KvCli.printJson(ctx, out);
            } else {
                ctx.out().println("Deleted KV namespace " + ns.title() + " (id " + ns.id() + ")");
            }
            return FlareCli.OK;
        });
    }

    private static Map<String, Object> json(KvNamespace n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("title", n.title());
        return m;
    }
}
