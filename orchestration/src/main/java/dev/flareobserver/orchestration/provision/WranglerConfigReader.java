package dev.flareobserver.orchestration.provision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bindings of a {@code wrangler.toml} / {@code wrangler.jsonc} for one environment and checks them:
 * syntax (with the parser's line and column), unknown binding types, duplicate binding names and invalid
 * resource names, each located at its entry. All problems are reported together, before any request.
 * As in wrangler, an {@code [env.NAME]} does not inherit bindings from the top level.
 */
public final class WranglerConfigReader {

    /** JSON with comments and trailing commas, as wrangler reads {@code wrangler.jsonc}. */
    static final JsonFactory JSONC = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final ObjectMapper JSONC_MAPPER = JsonMapper.builder(JSONC)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final TomlMapper TOML_MAPPER = new TomlMapper();

    /**
     * wrangler's keys whose entries carry a {@code binding} but that provisioning leaves alone (they bind
     * nothing it creates). A key with such entries that is neither these nor the four provisioned kinds is
     * reported as an unknown binding type.
     */
    static final Set<String> OTHER_BINDING_KEYS = Set.of("services", "analytics_engine_datasets", "vectorize",
            "hyperdrive", "dispatch_namespaces", "mtls_certificates", "send_email", "workflows", "pipelines",
            "secrets_store_secrets", "ratelimits", "unsafe", "durable_objects", "ai", "browser", "images",
            "version_metadata", "assets", "tail_consumers", "logfwdr", "containers", "worker_loaders", "vpc_services");
    private static final List<String> PROVISIONED_KEYS = List.of("kv_namespaces", "d1_databases", "r2_buckets", "queues");

    private WranglerConfigReader() {
    }

    public static WranglerConfig read(Path file, String env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text, env);
    }

    public static WranglerConfig parse(Path file, String text, String env) {
        ConfigFormat format = ConfigFormat.of(file);
        JsonNode root;
        ConfigIndex index;
        try {
            if (format == ConfigFormat.TOML) {
                root = TOML_MAPPER.readTree(text);
                index = TomlIndexer.index(text);
            } else {
                root = JSONC_MAPPER.readTree(text);
                index = JsoncIndexer.index(text, JSONC);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw new InvalidConfigException(List.of(new ConfigProblem(new SourceLocation(file, line, column),
                    "syntax error: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(List.of(new ConfigProblem(new SourceLocation(file, 1, 1),
                    "the config must be a table (TOML) or an object (JSON)")));
        }
        return new Parse(file, format, text, index).run(root, env);
    }

    /** One read: collects problems instead of stopping at the first. */
    private static final class Parse {
        private final Path file;
        private final ConfigFormat format;
        private final String text;
        private final ConfigIndex index;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final List<DesiredBinding> bindings = new ArrayList<>();
        private final Map<String, String> bindingNames = new HashMap<>();
        private String workerName;

        Parse(Path file, ConfigFormat format, String text, ConfigIndex index) {
            this.file = file;
            this.format = format;
            this.text = text;
            this.index = index;
        }

        WranglerConfig run(JsonNode root, String env) {
            JsonNode scope = root;
            String scopePath = "";
            workerName = textOrNull(root.get("name"));
            if (env != null && !env.isBlank()) {
                scopePath = "env." + env;
                scope = root.path("env").path(env);
                if (!scope.isObject()) {
                    problem("env", "there is no environment \"" + env + "\" ([env." + env + "]) in the config");
                    throw new InvalidConfigException(problems);
                }
                String envName = textOrNull(scope.get("name"));
                workerName = envName != null ? envName : workerName == null ? null : workerName + "-" + env;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = scope.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                String path = ConfigIndex.child(scopePath, key);
                switch (key) {
                    case "kv_namespaces" -> entries(path, field.getValue(), ResourceKind.KV_NAMESPACE, false);
                    case "d1_databases" -> entries(path, field.getValue(), ResourceKind.D1_DATABASE, false);
                    case "r2_buckets" -> entries(path, field.getValue(), ResourceKind.R2_BUCKET, false);
                    case "queues" -> queues(path, field.getValue());
                    case "env" -> { }
                    default -> other(path, key, field.getValue());
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
            return new WranglerConfig(file, format, text, env == null || env.isBlank() ? null : env, workerName,
                    bindings, index);
        }

        private void queues(String path, JsonNode queues) {
            if (!queues.isObject()) {
                problem(path, "\"queues\" must be a table with \"producers\" and/or \"consumers\"");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = queues.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = ConfigIndex.child(path, field.getKey());
                switch (field.getKey()) {
                    case "producers" -> entries(child, field.getValue(), ResourceKind.QUEUE, false);
                    case "consumers" -> entries(child, field.getValue(), ResourceKind.QUEUE, true);
                    default -> problem(child, "unknown queues key \"" + field.getKey()
                            + "\": wrangler knows \"producers\" and \"consumers\"" + suggest(field.getKey(),
                            List.of("producers", "consumers")));
                }
            }
        }

        private void other(String path, String key, JsonNode value) {
            if (OTHER_BINDING_KEYS.contains(key)) {
                collectOtherBindings(path, value);
            } else if (hasBindingEntries(value)) {
                problem(path, "unknown binding type \"" + key + "\"" + suggest(key, PROVISIONED_KEYS));
            }
        }

        private void entries(String path, JsonNode array, ResourceKind kind, boolean consumers) {
            if (!array.isArray()) {
                problem(path, "\"" + path + "\" must be an array of tables ([[" + path + "]] or [ { ... } ])");
                return;
            }
            for (int i = 0; i < array.size(); i++) {
                String entryPath = ConfigIndex.element(path, i);
                JsonNode entry = array.get(i);
                if (!entry.isObject()) {
                    problem(entryPath, "each " + kind.label() + " entry must be a table");
                    continue;
                }
                entry(entryPath, entry, kind, consumers);
            }
        }

        private void entry(String path, JsonNode entry, ResourceKind kind, boolean consumer) {
            int before = problems.size();
            String binding = null;
            if (!consumer) {
                binding = stringField(path, entry, "binding");
                ResourceNames.checkBinding(binding).ifPresent(p -> problem(path, p));
                if (binding != null) {
                    claim(path, binding);
                }
            }
            String nameField = switch (kind) {
                case KV_NAMESPACE -> null;
                case D1_DATABASE -> "database_name";
                case R2_BUCKET -> "bucket_name";
                case QUEUE -> "queue";
            };
            String name = nameField == null ? null : stringField(path, entry, nameField);
            boolean fromConfig = name != null;
            if (name == null) {
                if (kind == ResourceKind.QUEUE) {
                    problem(path, "the queue entry has no \"queue\" name");
                } else if (binding != null && workerName == null) {
                    problem(path, "the config has no Worker \"name\", so no " + kind.label() + " name can be derived "
                            + "for " + binding + "; set " + (nameField == null ? "its \"id\"" : "\"" + nameField + "\""));
                } else if (binding != null) {
                    name = ResourceNames.defaultName(kind, workerName, binding);
                }
            }
            if (name != null) {
                String at = fromConfig ? ConfigIndex.child(path, nameField) : path;
                ResourceNames.checkName(kind, name).ifPresent(p -> problem(at, p));
            }
            String id = switch (kind) {
                case KV_NAMESPACE -> stringField(path, entry, "id");
                case D1_DATABASE -> stringField(path, entry, "database_id");
                default -> null;
            };
            String jurisdiction = kind == ResourceKind.R2_BUCKET ? stringField(path, entry, "jurisdiction") : null;
            if (jurisdiction != null && !Set.of("eu", "fedramp").contains(jurisdiction)) {
                problem(ConfigIndex.child(path, "jurisdiction"), "R2 jurisdiction must be \"eu\" or \"fedramp\", not \""
                        + jurisdiction + "\"");
            }
            if (problems.size() == before && name != null) {
                bindings.add(new DesiredBinding(kind, binding, name, id == null || id.isBlank() ? null : id,
                        jurisdiction, fromConfig, path, index.locate(file, path)));
            }
        }

        /** Entries of the bindings provisioning does not create still take part in the duplicate check. */
        private void collectOtherBindings(String path, JsonNode value) {
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode b = value.get(i).get("binding");
                    if (b != null && b.isTextual()) {
                        claim(ConfigIndex.element(path, i), b.asText());
                    }
                }
            } else if (value.isObject() && value.get("bindings") != null && value.get("bindings").isArray()) {
                JsonNode list = value.get("bindings");
                for (int i = 0; i < list.size(); i++) {
                    JsonNode b = list.get(i).get("name");
                    if (b != null && b.isTextual()) {
                        claim(ConfigIndex.element(ConfigIndex.child(path, "bindings"), i), b.asText());
                    }
                }
            }
        }

        private void claim(String path, String binding) {
            String first = bindingNames.putIfAbsent(binding, path);
            if (first != null) {
                SourceLocation firstAt = index.locate(file, first);
                problem(path, "duplicate binding name \"" + binding + "\" (first used at line " + firstAt.line() + ")");
            }
        }

        private String stringField(String path, JsonNode entry, String field) {
            JsonNode value = entry.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                problem(ConfigIndex.child(path, field), "\"" + field + "\" must be a string");
                return null;
            }
            return value.asText();
        }

        private void problem(String path, String message) {
            problems.add(new ConfigProblem(index.locate(file, path), message));
        }

        private static boolean hasBindingEntries(JsonNode value) {
            if (value.isObject()) {
                return value.has("binding");
            }
            if (value.isArray()) {
                for (JsonNode e : value) {
                    if (e.isObject() && e.has("binding")) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String textOrNull(JsonNode node) {
            return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
        }

        private static String suggest(String key, List<String> known) {
            String best = null;
            int bestDistance = 4;
            for (String k : known) {
                int d = distance(key, k);
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
            return best == null ? "" : " (did you mean \"" + best + "\"?)";
        }

        private static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }
    }
}
