package dev.flareobserver.orchestration.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.api.workers.ScriptSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The live account, or one Worker's bindings, as a wrangler config (TOML or JSONC) that
 * {@code wrangler deploy --dry-run} accepts once {@code main} points at the Worker's code.
 */
public final class ConfigExporter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> ORDER = List.of("kv_namespaces", "d1_databases", "r2_buckets");

    /** What goes into the file: top-level values, vars, binding arrays, queue producers, and notes for comments. */
    private static final class Doc {
        final Map<String, String> top = new LinkedHashMap<>();
        final Map<String, JsonNode> vars = new LinkedHashMap<>();
        final Map<String, List<Map<String, String>>> arrays = new LinkedHashMap<>();
        final List<Map<String, String>> producers = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Set<String> bindings = new HashSet<>();

        void add(String array, Map<String, String> entry) {
            arrays.computeIfAbsent(array, k -> new ArrayList<>()).add(entry);
        }

        String bindingFor(String name) {
            String b = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            if (b.isEmpty() || Character.isDigit(b.charAt(0))) {
                b = "_" + b;
            }
            String candidate = b;
            for (int n = 2; !bindings.add(candidate); n++) {
                candidate = b + "_" + n;
            }
            return candidate;
        }
    }

    private ConfigExporter() {
    }

    /** Every KV namespace, D1 database, R2 bucket and queue of the account, each bound under a name derived from its own. */
    public static String account(AccountResources account, String workerName, LocalDate today, ConfigFormat format) {
        Doc doc = new Doc();
        doc.notes.add("Exported by Flare Observer from account " + account.accountId() + " on " + today + ".");
        doc.notes.add("Every resource of the account, bound under a name derived from its own; keep the ones this Worker needs.");
        header(doc, workerName, today.toString());
        for (ResourceKind kind : ResourceKind.values()) {
            List<LiveResource> live;
            try {
                live = account.list(kind);
            } catch (UnsupportedOperationException notYet) {
                doc.notes.add(kind.label() + "s: not exported (" + notYet.getMessage() + ").");
                continue;
            }
            for (LiveResource r : live) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("binding", doc.bindingFor(r.name()));
                switch (kind) {
                    case KV_NAMESPACE -> entry.put("id", r.id());
                    case D1_DATABASE -> {
                        entry.put("database_name", r.name());
                        entry.put("database_id", r.id());
                    }
                    case R2_BUCKET -> {
                        entry.put("bucket_name", r.name());
                        if (r.jurisdiction() != null && !"default".equals(r.jurisdiction())) {
                            entry.put("jurisdiction", r.jurisdiction());
                        }
                    }
                    case QUEUE -> entry.put("queue", r.name());
                }
                if (kind == ResourceKind.QUEUE) {
                    doc.producers.add(entry);
                } else {
                    doc.add(kind.configKey(), entry);
                }
            }
        }
        return render(doc, format);
    }

    /** One Worker's bindings as its settings list them; kinds wrangler configures elsewhere are named in comments. */
    public static String worker(AccountResources account, String scriptName, LocalDate today, ConfigFormat format) {
        ScriptSettings settings = account.workerSettings(scriptName);
        Doc doc = new Doc();
        doc.notes.add("Exported by Flare Observer from the Worker " + scriptName + " (account " + account.accountId()
                + ") on " + today + ".");
        String date = settings.compatibilityDate() == null || settings.compatibilityDate().isBlank()
                ? today.toString() : settings.compatibilityDate();
        header(doc, scriptName, date);
        JsonNode bindings = settings.bindings();
        if (bindings != null && bindings.isArray()) {
            for (JsonNode b : bindings) {
                binding(doc, b);
            }
        }
        return render(doc, format);
    }

    private static void header(Doc doc, String workerName, String date) {
        doc.notes.add("\"main\" is a placeholder: point it at the Worker's entry module.");
        doc.top.put("name", Objects.requireNonNullElse(workerName, "exported-worker"));
        doc.top.put("main", "src/index.js");
        doc.top.put("compatibility_date", date);
    }

    private static void binding(Doc doc, JsonNode b) {
        String name = b.path("name").asText();
        String type = b.path("type").asText();
        doc.bindings.add(name);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("binding", name);
        switch (type) {
            case "kv_namespace" -> {
                entry.put("id", b.path("namespace_id").asText());
                doc.add("kv_namespaces", entry);
            }
            case "d1" -> {
                entry.put("database_id", b.path("id").asText(b.path("database_id").asText()));
                doc.add("d1_databases", entry);
            }
            case "r2_bucket" -> {
                entry.put("bucket_name", b.path("bucket_name").asText());
                if (b.hasNonNull("jurisdiction")) {
                    entry.put("jurisdiction", b.path("jurisdiction").asText());
                }
                doc.add("r2_buckets", entry);
            }
            case "queue" -> {
                entry.put("queue", b.path("queue_name").asText());
                doc.producers.add(entry);
            }
            case "service" -> {
                entry.put("service", b.path("service").asText());
                if (b.hasNonNull("environment")) {
                    entry.put("environment", b.path("environment").asText());
                }
                doc.add("services", entry);
            }
            case "plain_text" -> doc.vars.put(name, JSON.getNodeFactory().textNode(b.path("text").asText()));
            case "json" -> doc.vars.put(name, b.path("json"));
            default -> doc.notes.add("Not exported: binding " + name + " of type " + type
                    + (type.equals("secret_text") ? " (secret values are never returned; set it with wrangler secret put)." : "."));
        }
    }

    private static String render(Doc doc, ConfigFormat format) {
        return format == ConfigFormat.TOML ? toml(doc) : jsonc(doc);
    }

    private static String toml(Doc doc) {
        StringBuilder s = new StringBuilder();
        doc.notes.forEach(n -> s.append("# ").append(n).append('\n'));
        doc.top.forEach((k, v) -> s.append(k).append(" = ").append(tomlString(v)).append('\n'));
        if (!doc.vars.isEmpty()) {
            s.append("\n[vars]\n");
            doc.vars.forEach((k, v) -> s.append(tomlKey(k)).append(" = ").append(tomlValue(v)).append('\n'));
        }
        for (String array : arraysInOrder(doc)) {
            for (Map<String, String> entry : doc.arrays.get(array)) {
                s.append("\n[[").append(array).append("]]\n");
                entry.forEach((k, v) -> s.append(k).append(" = ").append(tomlString(v)).append('\n'));
            }
        }
        for (Map<String, String> entry : doc.producers) {
            s.append("\n[[queues.producers]]\n");
            entry.forEach((k, v) -> s.append(k).append(" = ").append(tomlString(v)).append('\n'));
        }
        return s.toString();
    }

    private static String jsonc(Doc doc) {
        ObjectNode root = JSON.createObjectNode();
        doc.top.forEach(root::put);
        if (!doc.vars.isEmpty()) {
            ObjectNode vars = root.putObject("vars");
            doc.vars.forEach(vars::set);
        }
        for (String array : arraysInOrder(doc)) {
            ArrayNode a = root.putArray(array);
            doc.arrays.get(array).forEach(entry -> {
                ObjectNode o = a.addObject();
                entry.forEach(o::put);
            });
        }
        if (!doc.producers.isEmpty()) {
            ArrayNode a = root.putObject("queues").putArray("producers");
            doc.producers.forEach(entry -> {
                ObjectNode o = a.addObject();
                entry.forEach(o::put);
            });
        }
        StringBuilder s = new StringBuilder();
        doc.notes.forEach(n -> s.append("// ").append(n).append('\n'));
        try {
            s.append(JSON.writeValueAsString(root)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    private static List<String> arraysInOrder(Doc doc) {
        List<String> out = new ArrayList<>(ORDER.stream().filter(doc.arrays::containsKey).toList());
        doc.arrays.keySet().stream().filter(k -> !out.contains(k)).forEach(out::add);
        return out;
    }

    private static String tomlKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : tomlString(key);
    }

    private static String tomlValue(JsonNode v) {
        if (v.isTextual()) {
            return tomlString(v.asText());
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        // Other JSON values become TOML strings holding their JSON text (wrangler reads vars as given).
        return tomlString(v.toString());
    }

    static String tomlString(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04X", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
