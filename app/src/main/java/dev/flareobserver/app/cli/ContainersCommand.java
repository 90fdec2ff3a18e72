package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.api.containers.ContainerPoolState;
import dev.flareobserver.api.containers.Rollout;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.ContainersService;
import dev.flareobserver.orchestration.containers.ContainersSnapshot;
import dev.flareobserver.orchestration.containers.InstanceRow;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flare-observer containers}: the account's container applications, their instances, rollouts and pools. */
@Command(name = "containers", mixinStandardHelpOptions = true,
        description = "The Cloudflare Containers applications of the account: instances running of the maximum, "
                + "image, version, the latest rollout's state and the pool (ready / allocated / target) where the "
                + "application has one.")
final class ContainersCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--json", description = "Print JSON (every application with its instances) instead of a table.")
    boolean json;

    ContainersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        return CliConnections.withConnection(ctx, true, (connection, s) -> {
            // Reads only: the writes door is never used, so an in-memory one is enough.
            ContainersService service = new ContainersService(connection, ResourceWrites.unlockedInMemory());
            ContainersSnapshot snapshot = service.read(Instant.now(), false);
            if (json) {
                ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(json(snapshot)));
            } else {
                ctx.out().print(table(snapshot));
            }
            return FlareCli.OK;
        });
    }

    static String table(ContainersSnapshot snapshot) {
        if (snapshot.applications().isEmpty()) {
            return "No container applications on this account.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"APPLICATION", "RUNNING/MAX", "IMAGE", "VERSION", "ROLLOUT", "POOL READY/ALLOC/TARGET"});
        for (ApplicationRow a : snapshot.applications()) {
            Integer max = a.maxInstances();
            ContainerPoolState p = a.pool();
            rows.add(new String[] {a.name(), a.running() + "/" + (max == null ? "-" : max),
                    a.image() == null ? "-" : a.image(),
                    a.application().version() == null ? "-" : String.valueOf(a.application().version()),
                    a.rolloutState(),
                    p == null ? "-" : p.ready() + "/" + p.allocated() + "/" + p.targetInstances()
                            + (p.starting() > 0 ? " (" + p.starting() + " starting)" : "")});
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(i == r.length - 1 ? r[i] : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", r[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static List<Map<String, Object>> json(ContainersSnapshot snapshot) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApplicationRow a : snapshot.applications()) {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("id", a.id());
            app.put("name", a.name());
            app.put("image", a.image());
            app.put("version", a.application().version());
            app.put("scheduling_policy", a.application().schedulingPolicy() == null ? null
                    : a.application().schedulingPolicy().name().toLowerCase(Locale.ROOT));
            app.put("instances_running", a.running());
            app.put("max_instances", a.maxInstances());
            Rollout r = a.latestRollout();
            if (r == null) {
                app.put("rollout", null);
            } else {
                Map<String, Object> rollout = new LinkedHashMap<>();
                rollout.put("id", r.id());
                rollout.put("status", r.status() == null ? null : r.status().name().toLowerCase(Locale.ROOT));
                rollout.put("target_version", r.targetVersion());
                rollout.put("state", a.rolloutState());
                app.put("rollout", rollout);
            }
            ContainerPoolState p = a.pool();
            if (p == null) {
                app.put("pool", null);
            } else {
                Map<String, Object> pool = new LinkedHashMap<>();
                pool.put("target", p.targetInstances());
                pool.put("ready", p.ready());
                pool.put("allocated", p.allocated());
                pool.put("starting", p.starting());
                pool.put("batch_size", p.batchSize());
                app.put("pool", pool);
            }
            List<Map<String, Object>> instances = new ArrayList<>();
            for (InstanceRow i : a.instances()) {
                Map<String, Object> instance = new LinkedHashMap<>();
                instance.put("id", i.id());
                instance.put("name", i.name());
                instance.put("state", i.state().name().toLowerCase(Locale.ROOT));
                instance.put("location", i.location());
                instance.put("region", i.region());
                instance.put("started_at", i.startedAt() == null ? null : i.startedAt().toString());
                instances.add(instance);
            }
            app.put("instances", instances);
            if (a.problem() != null) {
                app.put("problem", a.problem());
            }
            out.add(app);
        }
        return out;
    }
}
