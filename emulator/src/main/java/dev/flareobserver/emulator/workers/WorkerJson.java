package dev.flareobserver.emulator.workers;

import dev.flareobserver.emulator.workers.WorkerStore.DeploymentRecord;
import dev.flareobserver.emulator.workers.WorkerStore.ScriptState;
import dev.flareobserver.emulator.workers.WorkerStore.Share;
import dev.flareobserver.emulator.workers.WorkerStore.VersionRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Response bodies of the Workers endpoints, field names as the OpenAPI subset's {@code workers_*}
 * schemas (script-response, version-item-*, deployments-*, script-and-version-settings-item).
 * Maps, not records: several keys ({@code workers/message}) are not Java names, and optional
 * fields are left out rather than sent as null.
 */
final class WorkerJson {

    /** Annotation keys the emulator keeps for itself (e.g. the simulator's CPU-regression knob); never sent. */
    static final String INTERNAL_PREFIX = "flare-emulator/";

    private WorkerJson() {
    }

    /** {@code workers_script-response} plus the fields today's API adds (handlers, compatibility_date...). */
    static Map<String, Object> script(ScriptState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        VersionRecord current = s.currentVersion().orElse(null);
        out.put("id", s.script().name());
        out.put("tag", s.script().tag());
        out.put("tags", s.script().scriptSettings().getOrDefault("tags", List.of()));
        out.put("etag", current == null ? "" : current.etag());
        out.put("handlers", current == null ? List.of() : current.handlers());
        if (current != null && current.metadata().get("compatibility_date") instanceof String date) {
            out.put("compatibility_date", date);
        }
        if (current != null && current.metadata().get("compatibility_flags") instanceof List<?> flags) {
            out.put("compatibility_flags", flags);
        } else {
            out.put("compatibility_flags", List.of());
        }
        String migrationTag = migrationTag(s);
        if (migrationTag != null) {
            out.put("migration_tag", migrationTag);
        }
        out.put("created_on", s.script().createdOn().toString());
        out.put("modified_on", s.modifiedOn().toString());
        out.put("usage_model", s.script().usageModel());
        out.put("logpush", s.script().logpush());
        if (s.script().scriptSettings().get("tail_consumers") instanceof List<?> tc) {
            out.put("tail_consumers", tc);
        }
        if (s.script().scriptSettings().get("observability") instanceof Map<?, ?> o) {
            out.put("observability", o);
        }
        if (current != null && current.metadata().get("placement") instanceof Map<?, ?> p && p.get("mode") instanceof String mode) {
            out.put("placement_mode", mode);
        }
        out.put("has_assets", false);
        out.put("has_modules", true);
        out.put("last_deployed_from", s.script().lastDeployedFrom());
        return out;
    }

    /** The newest migration tag any version declared ({@code metadata.migrations.new_tag}). */
    private static String migrationTag(ScriptState s) {
        String tag = null;
        for (VersionRecord v : s.versions()) {
            if (v.metadata().get("migrations") instanceof Map<?, ?> m && m.get("new_tag") instanceof String t) {
                tag = t;
            }
        }
        return tag;
    }

    /** {@code workers_version-item-short}, with the version's annotations (wrangler prints message and tag). */
    static Map<String, Object> versionShort(VersionRecord v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("number", v.number());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("author_email", v.authorEmail());
        metadata.put("author_id", v.authorId());
        metadata.put("created_on", v.createdOn().toString());
        metadata.put("modified_on", v.createdOn().toString());
        metadata.put("source", v.source());
        // Unconfirmed: the current API adds this flag; the emulator never has preview URLs for a version.
        metadata.put("has_preview", false);
        out.put("metadata", metadata);
        out.put("annotations", publicAnnotations(v.annotations()));
        return out;
    }

    /** {@code workers_version-item-full}: adds {@code resources} (bindings, script, runtime). */
    static Map<String, Object> versionFull(VersionRecord v, String lastDeployedFrom) {
        Map<String, Object> out = versionShort(v);
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("bindings", bindings(v));
        Map<String, Object> script = new LinkedHashMap<>();
        script.put("etag", v.etag());
        script.put("handlers", v.handlers());
        script.put("last_deployed_from", lastDeployedFrom);
        resources.put("script", script);
        Map<String, Object> runtime = new LinkedHashMap<>();
        if (v.metadata().get("compatibility_date") instanceof String date) {
            runtime.put("compatibility_date", date);
        }
        runtime.put("compatibility_flags", v.metadata().get("compatibility_flags") instanceof List<?> f ? f : List.of());
        runtime.put("usage_model", "standard");
        if (v.metadata().get("limits") instanceof Map<?, ?> limits) {
            runtime.put("limits", limits);
        }
        resources.put("script_runtime", runtime);
        out.put("resources", resources);
        return out;
    }

    /** {@code workers_deployments-base} + {@code workers_deployments-strategy-percentage}. */
    static Map<String, Object> deployment(DeploymentRecord d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("created_on", d.createdOn().toString());
        out.put("source", d.source());
        out.put("strategy", "percentage");
        out.put("author_email", d.authorEmail());
        List<Map<String, Object>> versions = new ArrayList<>();
        for (Share s : d.versions()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("percentage", s.percentage());
            v.put("version_id", s.versionId());
            versions.add(v);
        }
        out.put("versions", versions);
        out.put("annotations", publicAnnotations(d.annotations()));
        return out;
    }

    /** {@code workers_script-and-version-settings-item} for the version in force. */
    static Map<String, Object> settings(ScriptState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        VersionRecord current = s.currentVersion().orElse(null);
        out.put("bindings", current == null ? List.of() : bindings(current));
        if (current != null && current.metadata().get("compatibility_date") instanceof String date) {
            out.put("compatibility_date", date);
        }
        out.put("compatibility_flags", current != null && current.metadata().get("compatibility_flags") instanceof List<?> f
                ? f : List.of());
        if (current != null && current.metadata().get("limits") instanceof Map<?, ?> limits) {
            out.put("limits", limits);
        }
        if (current != null && current.metadata().get("placement") instanceof Map<?, ?> placement) {
            out.put("placement", placement);
        }
        out.put("logpush", s.script().logpush());
        out.put("tags", s.script().scriptSettings().getOrDefault("tags", List.of()));
        out.put("tail_consumers", s.script().scriptSettings().getOrDefault("tail_consumers", List.of()));
        if (s.script().scriptSettings().get("observability") instanceof Map<?, ?> o) {
            out.put("observability", o);
        }
        out.put("usage_model", s.script().usageModel());
        return out;
    }

    /** {@code workers_script-settings-item} (the non-versioned part). */
    static Map<String, Object> scriptSettings(ScriptState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logpush", s.script().logpush());
        out.put("tail_consumers", s.script().scriptSettings().getOrDefault("tail_consumers", List.of()));
        if (s.script().scriptSettings().get("observability") instanceof Map<?, ?> o) {
            out.put("observability", o);
        }
        out.put("tags", s.script().scriptSettings().getOrDefault("tags", List.of()));
        return out;
    }

    /** A version's bindings as uploaded, secret values removed (the API never returns them). */
    static List<Object> bindings(VersionRecord v) {
        List<Object> out = new ArrayList<>();
        if (v.metadata().get("bindings") instanceof List<?> list) {
            for (Object b : list) {
                if (b instanceof Map<?, ?> m) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    m.forEach((k, val) -> copy.put(String.valueOf(k), val));
                    if ("secret_text".equals(copy.get("type")) || "secret_key".equals(copy.get("type"))) {
                        copy.remove("text");
                        copy.remove("key_base64");
                    }
                    out.add(copy);
                }
            }
        }
        return out;
    }

    static Map<String, String> publicAnnotations(Map<String, String> annotations) {
        Map<String, String> out = new LinkedHashMap<>();
        annotations.entrySet().stream()
                .filter(e -> !e.getKey().startsWith(INTERNAL_PREFIX))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A Durable Object namespace: {@code id, name, script, class, use_sqlite}. */
    static Map<String, Object> namespace(DurableObjectNamespaces.Namespace n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id());
        out.put("name", n.name());
        out.put("script", n.script());
        out.put("class", n.className());
        out.put("use_sqlite", n.useSqlite());
        return out;
    }
}
