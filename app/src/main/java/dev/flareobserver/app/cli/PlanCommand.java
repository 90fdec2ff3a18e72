package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.orchestration.provision.PlanItem;
import dev.flareobserver.orchestration.provision.ProvisionPlan;
import dev.flareobserver.orchestration.provision.ProvisionPlanner;
import dev.flareobserver.orchestration.provision.WranglerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flare-observer plan CONFIG}: what apply would create, keep, or report as drifted. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Compares the KV namespaces, D1 databases, R2 buckets and queues a wrangler.toml / wrangler.jsonc "
                + "binds with the account: CREATE (missing), KEEP (exists), DRIFT (the config's id disagrees), "
                + "MANUAL (an R2 bucket in a jurisdiction: checked and created by hand). One list "
                + "request per kind; changes nothing.%nExit codes: 0 no changes, 2 changes pending, 1 failure.")
final class PlanCommand implements Callable<Integer> {

    static final int CHANGES = 2;

    private final CliContext ctx;

    @Parameters(paramLabel = "CONFIG", description = "wrangler.toml, wrangler.jsonc or wrangler.json.")
    Path config;

    @Option(names = "--env", paramLabel = "ENV", description = "Plan [env.ENV] (bindings are not inherited, as in wrangler).")
    String env;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    PlanCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        Optional<WranglerConfig> read = ProvisionCli.read(ctx, config, env);
        if (read.isEmpty()) {
            return FlareCli.FAILURE;
        }
        return CliConnections.withConnection(ctx, true, (connection, s) -> {
            ProvisionPlan plan = ProvisionPlanner.plan(read.get(), ProvisionCli.account(connection, s));
            if (json) {
                ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(json(plan)));
            } else {
                ProvisionCli.print(ctx, plan);
            }
            return plan.hasChanges() ? CHANGES : FlareCli.OK;
        });
    }

    static Map<String, Object> json(ProvisionPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", plan.config().file().toString());
        out.put("env", plan.config().env());
        out.put("account_id", plan.accountId());
        out.put("changes", plan.hasChanges());
        List<Map<String, Object>> items = plan.items().stream().map(PlanCommand::item).toList();
        out.put("items", items);
        return out;
    }

    private static Map<String, Object> item(PlanItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", i.action().name().toLowerCase(java.util.Locale.ROOT));
        m.put("kind", i.kind().configKey());
        m.put("binding", i.desired().binding());
        m.put("name", i.desired().name());
        m.put("id", i.existing() == null ? i.desired().id() : i.existing().id());
        m.put("line", i.desired().location().line());
        m.put("write_back_id", i.writeBackId());
        m.put("reason", i.reason());
        return m;
    }
}
