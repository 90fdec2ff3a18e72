package dev.flareobserver.emulator.workers;

import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.workers.WorkerStore.ScriptState;
import dev.flareobserver.emulator.workers.WorkerStore.VersionRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's Durable Object namespaces, read from its Workers' state: a namespace exists for each class a
 * Worker's uploads created with {@code migrations} ({@code new_classes}, {@code new_sqlite_classes}) and did not
 * delete or rename away, as wrangler uploads them ({@code {new_tag, new_classes, ...}} or {@code {steps: [...]}}).
 * Deleting the Worker deletes its namespaces. The id is derived from (account, Worker, class), so it is stable
 * across restarts and for the demo seed; real ids are opaque 32-hex strings too.
 */
public final class DurableObjectNamespaces {

    /** One namespace as {@code GET .../workers/durable_objects/namespaces} lists it. */
    public record Namespace(String id, String name, String script, String className, boolean useSqlite) {
    }

    private final WorkerStore store;

    public DurableObjectNamespaces(WorkerStore store) {
        this.store = store;
    }

    /** The id of the namespace of {@code className} in Worker {@code script}. */
    public static String idFor(String accountId, String script, String className) {
        return Ids.seeded("durable-object-namespace/" + accountId + "/" + script + "/" + className);
    }

    /** Every namespace of the account, by Worker name then class. */
    public List<Namespace> list(String accountId) {
        List<Namespace> out = new ArrayList<>();
        for (ScriptState s : store.scripts(accountId)) {
            String script = s.script().name();
            classes(s).forEach((className, created) -> out.add(new Namespace(idFor(accountId, script, created.firstName()),
                    script + "_" + className, script, className, created.sqlite())));
        }
        return out;
    }

    /** The namespace with this id in the account, if any. */
    public Optional<Namespace> find(String accountId, String namespaceId) {
        return list(accountId).stream().filter(n -> n.id().equals(namespaceId)).findFirst();
    }

    /** A class as its migration created it: a rename keeps the namespace (and its id), as on Cloudflare. */
    private record Created(String firstName, boolean sqlite) {
    }

    /** The classes a Worker's migrations created and kept, in creation order. */
    private static Map<String, Created> classes(ScriptState s) {
        Map<String, Created> classes = new LinkedHashMap<>();
        for (VersionRecord v : s.versions()) {
            if (v.metadata().get("migrations") instanceof Map<?, ?> m) {
                if (m.get("steps") instanceof List<?> steps) {
                    steps.forEach(step -> apply(step, classes));
                } else {
                    apply(m, classes);
                }
            }
        }
        return classes;
    }

    private static void apply(Object step, Map<String, Created> classes) {
        if (!(step instanceof Map<?, ?> m)) {
            return;
        }
        strings(m.get("new_classes")).forEach(c -> classes.putIfAbsent(c, new Created(c, false)));
        strings(m.get("new_sqlite_classes")).forEach(c -> classes.putIfAbsent(c, new Created(c, true)));
        if (m.get("renamed_classes") instanceof List<?> renames) {
            for (Object r : renames) {
                if (r instanceof Map<?, ?> rename && rename.get("from") instanceof String from
                        && rename.get("to") instanceof String to && classes.containsKey(from)) {
                    classes.put(to, classes.remove(from));
                }
            }
        }
        strings(m.get("deleted_classes")).forEach(classes::remove);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(o -> {
                if (o instanceof String s) {
                    out.add(s);
                }
            });
        }
        return out;
    }
}
