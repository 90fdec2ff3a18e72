package dev.flareobserver.emulator.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.Multipart;
import dev.flareobserver.emulator.http.Paging;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.state.Ids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Workers KV REST under {@code /accounts/{account_id}/storage/kv/namespaces}: namespaces (list, create, get,
 * rename, delete), keys (cursor list), values (raw GET, PUT raw or multipart with metadata, DELETE), metadata,
 * and bulk write / delete / get, with Cloudflare's limits ({@link KvErrors}).
 */
final class KvRoutes {

    private static final String NAMESPACES = "/accounts/{account_id}/storage/kv/namespaces";
    private static final String NAMESPACE = NAMESPACES + "/{namespace_id}";

    private final KvStore store;
    private final AccountRoutes accounts;
    private final Clock clock;

    KvRoutes(KvStore store, AccountRoutes accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    void register(Router router) {
        router.get(NAMESPACES, this::listNamespaces);
        router.add("POST", NAMESPACES, this::createNamespace);
        router.get(NAMESPACE, this::getNamespace);
        router.add("PUT", NAMESPACE, this::renameNamespace);
        router.add("DELETE", NAMESPACE, this::deleteNamespace);
        router.get(NAMESPACE + "/keys", this::listKeys);
        router.get(NAMESPACE + "/values/{key_name}", this::getValue);
        router.add("PUT", NAMESPACE + "/values/{key_name}", this::putValue);
        router.add("DELETE", NAMESPACE + "/values/{key_name}", this::deleteValue);
        router.get(NAMESPACE + "/metadata/{key_name}", this::getMetadata);
        router.add("PUT", NAMESPACE + "/bulk", this::bulkWrite);
        router.add("DELETE", NAMESPACE + "/bulk", this::bulkDelete);
        router.add("POST", NAMESPACE + "/bulk/delete", this::bulkDelete);
        router.add("POST", NAMESPACE + "/bulk/get", this::bulkGet);
    }

    // ---- namespaces ----

    Response listNamespaces(RequestContext call) {
        String account = account(call);
        Paging.PageRequest page = Paging.PageRequest.from(call, 5, 100, 20);
        String order = oneOf(call, "order", "id", "title");
        String direction = oneOf(call, "direction", "asc", "desc");
        List<KvStore.NamespaceRecord> all = new ArrayList<>(store.namespaces(account));
        // Without "order" the list is in creation order (unconfirmed); "direction" applies either way.
        if ("title".equals(order)) {
            all.sort(Comparator.comparing((KvStore.NamespaceRecord n) -> n.title().toLowerCase(Locale.ROOT))
                    .thenComparing(KvStore.NamespaceRecord::title));
        } else if ("id".equals(order)) {
            all.sort(Comparator.comparing(KvStore.NamespaceRecord::id));
        }
        if ("desc".equals(direction)) {
            java.util.Collections.reverse(all);
        }
        Paging.Slice<KvStore.NamespaceRecord> slice = page.slice(all);
        return Envelope.page(new Paging.Slice<>(slice.items().stream().map(KvRoutes::namespaceJson).toList(),
                slice.info()));
    }

    Response createNamespace(RequestContext call) {
        String account = account(call);
        String title = title(call);
        KvStore.NamespaceRecord ns = new KvStore.NamespaceRecord(UUID.randomUUID().toString().replace("-", ""),
                account, title, null);
        if (!store.insertNamespace(ns)) {
            throw titleExists();
        }
        return Envelope.success(namespaceJson(ns));
    }

    Response getNamespace(RequestContext call) {
        return Envelope.success(namespaceJson(namespace(call)));
    }

    Response renameNamespace(RequestContext call) {
        KvStore.NamespaceRecord ns = namespace(call);
        if (!store.rename(ns, title(call))) {
            throw titleExists();
        }
        return Envelope.success(null);
    }

    Response deleteNamespace(RequestContext call) {
        store.deleteNamespace(namespace(call).id());
        return Envelope.success(null);
    }

    // ---- keys ----

    Response listKeys(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        int limit = limit(call);
        String prefix = call.query("prefix");
        byte[] after = KvCursor.decode(call.query("cursor"));
        List<KvStore.ListedKey> keys = store.list(ns.id(), prefix == null ? new byte[0] : KvStore.bytes(prefix), after,
                limit + 1, now());
        boolean more = keys.size() > limit;
        List<KvStore.ListedKey> page = more ? keys.subList(0, limit) : keys;
        ArrayNode result = Json.MAPPER.createArrayNode();
        for (KvStore.ListedKey key : page) {
            ObjectNode item = result.addObject();
            item.put("name", key.key());
            if (key.expiration() != null) {
                item.put("expiration", key.expiration());
            }
            if (key.metadata() != null) {
                item.set("metadata", parseStored(key.metadata()));
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("count", page.size());
        // An empty cursor marks the last page, as Cloudflare's answers do.
        info.put("cursor", more ? KvCursor.after(page.get(page.size() - 1).keyBytes()) : "");
        return Envelope.success(200, result, info, List.of());
    }

    // ---- values ----

    Response getValue(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        KvStore.Entry entry = entry(ns, key(call));
        Response response = new Response(200, "application/octet-stream", Map.of(), entry.value());
        return entry.expiration() == null ? response
                : response.withHeader("expiration", Long.toString(entry.expiration()));
    }

    Response putValue(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        String key = key(call);
        long now = now();
        Long expiration = expiration(number(call.query("expiration"), "expiration"),
                number(call.query("expiration_ttl"), "expiration_ttl"), now);
        byte[] value = call.body();
        String metadata = null;
        Optional<String> boundary = Multipart.boundary(call.header("Content-Type"));
        if (boundary.isPresent()) {
            List<Multipart.Part> parts;
            try {
                parts = Multipart.parse(call.body(), boundary.get());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, KvErrors.INVALID_BODY, "Could not parse the multipart body: " + e.getMessage());
            }
            value = parts.stream().filter(p -> p.name().equals("value")).findFirst()
                    .orElseThrow(() -> new ApiException(400, KvErrors.INVALID_BODY,
                            "The multipart body has no 'value' part"))
                    .body();
            Optional<Multipart.Part> meta = parts.stream().filter(p -> p.name().equals("metadata")).findFirst();
            if (meta.isPresent()) {
                metadata = metadata(parseMetadata(meta.get().text()));
            }
        }
        checkValue(value);
        store.put(ns.id(), List.of(new KvStore.Entry(key, value, metadata, expiration)), now);
        return Envelope.success(null);
    }

    Response deleteValue(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        store.delete(ns.id(), List.of(key(call)), now());
        return Envelope.success(null);
    }

    Response getMetadata(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        KvStore.Entry entry = entry(ns, key(call));
        if (entry.metadata() == null) {
            // No "result" at all: the document types it as an object (so not null), and Cloudflare's current
            // schema marks it optional, which is how a key without metadata is told apart from {}.
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("success", true);
            root.set("errors", Json.MAPPER.createArrayNode());
            root.set("messages", Json.MAPPER.createArrayNode());
            return Response.json(200, Envelope.bytes(root));
        }
        return Envelope.success(parseStored(entry.metadata()));
    }

    // ---- bulk ----

    Response bulkWrite(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        if (call.body().length > KvErrors.MAX_BULK_BYTES) {
            throw new ApiException(413, KvErrors.VALUE_TOO_LARGE, "Request body length of " + call.body().length
                    + " exceeds limit of " + KvErrors.MAX_BULK_BYTES + ".");
        }
        JsonNode items = body(call);
        if (!items.isArray()) {
            throw badBody("The body must be a JSON array of {key, value, ...} objects");
        }
        checkCount(items.size(), KvErrors.MAX_BULK_ITEMS);
        long now = now();
        List<KvStore.Entry> entries = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject() || !item.path("key").isTextual() || !item.path("value").isTextual()) {
                throw badBody("Every item needs a string 'key' and a string 'value'");
            }
            String key = checkKey(item.get("key").textValue());
            byte[] value;
            if (item.path("base64").asBoolean(false)) {
                try {
                    value = Base64.getDecoder().decode(item.get("value").textValue());
                } catch (IllegalArgumentException e) {
                    throw badBody("The value of '" + key + "' is not valid base64");
                }
            } else {
                value = item.get("value").textValue().getBytes(StandardCharsets.UTF_8);
            }
            checkValue(value);
            Long expiration = expiration(jsonNumber(item, "expiration"), jsonNumber(item, "expiration_ttl"), now);
            JsonNode meta = item.get("metadata");
            String metadata = meta == null || meta.isNull() ? null : metadata(meta);
            entries.add(new KvStore.Entry(key, value, metadata, expiration));
        }
        store.put(ns.id(), entries, now);
        return Envelope.success(bulkResult(entries.size()));
    }

    /** {@code POST .../bulk/delete} and the older {@code DELETE .../bulk}: the same JSON array of key names. */
    Response bulkDelete(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        JsonNode items = body(call);
        if (!items.isArray()) {
            throw badBody("The body must be a JSON array of key names");
        }
        checkCount(items.size(), KvErrors.MAX_BULK_ITEMS);
        List<String> keys = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw badBody("Every item must be a key name (a string)");
            }
            keys.add(checkKey(item.textValue()));
        }
        store.delete(ns.id(), keys, now());
        return Envelope.success(bulkResult(keys.size()));
    }

    Response bulkGet(RequestContext call) {
        KvStore.NamespaceRecord ns = keyspace(call);
        JsonNode body = body(call);
        JsonNode keys = body.path("keys");
        if (!keys.isArray() || keys.isEmpty() || keys.size() > KvErrors.MAX_BULK_GET_KEYS) {
            throw badBody("'keys' must be an array of 1 to " + KvErrors.MAX_BULK_GET_KEYS + " key names");
        }
        String type = body.path("type").asText("text");
        if (!type.equals("text") && !type.equals("json")) {
            throw badBody("'type' must be \"text\" or \"json\"");
        }
        boolean withMetadata = body.path("withMetadata").asBoolean(false);
        long now = now();
        ObjectNode values = Json.MAPPER.createObjectNode();
        for (JsonNode k : keys) {
            if (!k.isTextual()) {
                throw badBody("Every key must be a string");
            }
            String key = checkKey(k.textValue());
            Optional<KvStore.Entry> entry = store.entry(ns.id(), key, now);
            if (entry.isEmpty()) {
                values.putNull(key);
                continue;
            }
            JsonNode value = bulkValue(entry.get(), type);
            if (!withMetadata) {
                values.set(key, value);
                continue;
            }
            ObjectNode withMeta = values.putObject(key);
            withMeta.set("value", value);
            withMeta.set("metadata", entry.get().metadata() == null ? Json.MAPPER.nullNode()
                    : parseStored(entry.get().metadata()));
            if (entry.get().expiration() != null) {
                withMeta.put("expiration", entry.get().expiration());
            }
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("values", values);
        return Envelope.success(result);
    }

    private static JsonNode bulkValue(KvStore.Entry entry, String type) {
        String text = new String(entry.value(), StandardCharsets.UTF_8);
        if (type.equals("text")) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw badBody("The value of '" + entry.key() + "' is not valid JSON");
        }
    }

    private static Map<String, Object> bulkResult(int count) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("successful_key_count", count);
        out.put("unsuccessful_keys", List.of());
        return out;
    }

    // ---- lookups ----

    private String account(RequestContext call) {
        return accounts.visibleAccount(call, call.pathParam("account_id")).id();
    }

    /** The namespace of the path, as the caller may see it. A malformed id is a routing 404, as for accounts. */
    private KvStore.NamespaceRecord namespace(RequestContext call) {
        String account = account(call);
        String id = call.pathParam("namespace_id");
        if (!Ids.isIdentifier(id)) {
            throw new ApiException(404, ApiError.NO_ROUTE,
                    "Could not route to " + call.path() + ", perhaps your object identifier is invalid?");
        }
        return store.namespace(account, id)
                .orElseThrow(() -> new ApiException(404, KvErrors.NAMESPACE_NOT_FOUND, "namespace not found"));
    }

    /** The namespace for a key-level request, with its demo keys generated if this is their first use. */
    private KvStore.NamespaceRecord keyspace(RequestContext call) {
        KvStore.NamespaceRecord ns = namespace(call);
        if (ns.demoSet() != null) {
            long now = now();
            store.materialize(ns.id(), (c, id, set) -> KvDemoData.generate(c, id, set, now));
        }
        return ns;
    }

    private KvStore.Entry entry(KvStore.NamespaceRecord ns, String key) {
        return store.entry(ns.id(), key, now())
                .orElseThrow(() -> new ApiException(404, KvErrors.KEY_NOT_FOUND, "get: 'key not found'"));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    // ---- validation ----

    private static String key(RequestContext call) {
        return checkKey(call.pathParam("key_name"));
    }

    static String checkKey(String key) {
        if (key.isEmpty()) {
            throw new ApiException(400, KvErrors.INVALID_KEY, "Key names must not be empty.");
        }
        if (key.equals(".") || key.equals("..")) {
            throw new ApiException(400, KvErrors.INVALID_KEY, "\"" + key + "\" is not allowed as a key name.");
        }
        int length = KvStore.bytes(key).length;
        if (length > KvErrors.MAX_KEY_BYTES) {
            throw new ApiException(414, KvErrors.INVALID_KEY, "UTF-8 encoded length of " + length
                    + " exceeds key length limit of " + KvErrors.MAX_KEY_BYTES + ".");
        }
        return key;
    }

    private static void checkValue(byte[] value) {
        if (value.length > KvErrors.MAX_VALUE_BYTES) {
            throw new ApiException(413, KvErrors.VALUE_TOO_LARGE, "Value length of " + value.length
                    + " exceeds limit of " + KvErrors.MAX_VALUE_BYTES + ".");
        }
    }

    /** The metadata as stored: compact JSON, at most 1024 bytes. */
    private static String metadata(JsonNode metadata) {
        String json = metadata.toString();
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        if (length > KvErrors.MAX_METADATA_BYTES) {
            throw new ApiException(413, KvErrors.INVALID_METADATA, "Metadata length of " + length
                    + " exceeds limit of " + KvErrors.MAX_METADATA_BYTES + ".");
        }
        return json;
    }

    private static JsonNode parseMetadata(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null) {
                throw new IOException("empty");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(400, KvErrors.INVALID_METADATA, "Could not parse metadata as JSON.");
        }
    }

    private static JsonNode parseStored(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored KV metadata is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The expiration to store (epoch seconds, null: never). {@code ttl} wins when both are given, as Cloudflare
     * documents; either must leave at least 60 seconds.
     */
    private static Long expiration(Long expiration, Long ttl, long now) {
        if (ttl != null) {
            if (ttl <= 0) {
                throw new ApiException(400, KvErrors.INVALID_EXPIRATION, "Invalid expiration_ttl of " + ttl
                        + ". Please specify integer greater than 0.");
            }
            if (ttl < KvErrors.MIN_TTL_SECONDS) {
                throw new ApiException(400, KvErrors.INVALID_EXPIRATION, "Invalid expiration_ttl of " + ttl
                        + ". Expiration TTL must be at least " + KvErrors.MIN_TTL_SECONDS + ".");
            }
            return now + ttl;
        }
        if (expiration != null) {
            if (expiration <= now) {
                throw new ApiException(400, KvErrors.INVALID_EXPIRATION, "Invalid expiration of " + expiration
                        + ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
            }
            if (expiration < now + KvErrors.MIN_TTL_SECONDS) {
                throw new ApiException(400, KvErrors.INVALID_EXPIRATION, "Invalid expiration of " + expiration
                        + ". Expiration times must be at least " + KvErrors.MIN_TTL_SECONDS + " seconds in the future.");
            }
        }
        return expiration;
    }

    private static Long number(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(raw);
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return (long) d;
        } catch (NumberFormatException e) {
            throw new ApiException(400, KvErrors.INVALID_EXPIRATION, "Invalid " + name + " of " + raw
                    + ". Please specify integer greater than 0.");
        }
    }

    private static Long jsonNumber(JsonNode item, String name) {
        JsonNode n = item.get(name);
        return n == null || n.isNull() ? null : number(n.asText(), name);
    }

    private static int limit(RequestContext call) {
        Long limit;
        try {
            limit = number(call.query("limit"), "limit");
        } catch (ApiException e) {
            throw new ApiException(400, KvErrors.INVALID_LIMIT, "Invalid key_count_limit of " + call.query("limit")
                    + ". Please specify an integer.");
        }
        if (limit == null) {
            return KvErrors.MAX_LIST_LIMIT;
        }
        if (limit < KvErrors.MIN_LIST_LIMIT || limit > KvErrors.MAX_LIST_LIMIT) {
            throw new ApiException(400, KvErrors.INVALID_LIMIT, "Invalid key_count_limit of " + limit
                    + ". Please specify an integer between " + KvErrors.MIN_LIST_LIMIT + " and "
                    + KvErrors.MAX_LIST_LIMIT + ".");
        }
        return limit.intValue();
    }

    private static String title(RequestContext call) {
        JsonNode title = body(call).path("title");
        if (!title.isTextual() || title.textValue().isBlank()) {
            throw new ApiException(400, KvErrors.INVALID_TITLE, "A namespace title is required.");
        }
        if (title.textValue().length() > KvErrors.MAX_TITLE_LENGTH) {
            throw new ApiException(400, KvErrors.INVALID_TITLE, "A namespace title may be at most "
                    + KvErrors.MAX_TITLE_LENGTH + " characters.");
        }
        return title.textValue();
    }

    private static JsonNode body(RequestContext call) {
        try {
            JsonNode node = Json.MAPPER.readTree(call.body());
            if (node == null || node.isMissingNode()) {
                throw badBody("The request body is empty; JSON was expected");
            }
            return node;
        } catch (IOException e) {
            throw badBody("Could not parse the request body as JSON");
        }
    }

    private static String oneOf(RequestContext call, String name, String... allowed) {
        String v = call.query(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw ApiException.badParameter(name, "must be one of " + String.join(", ", allowed));
    }

    private static void checkCount(int count, int max) {
        if (count > max) {
            throw badBody("A bulk request takes at most " + max + " items, got " + count);
        }
    }

    private static ApiException badBody(String message) {
        return new ApiException(400, KvErrors.INVALID_BODY, message);
    }

    private static ApiException titleExists() {
        return new ApiException(400, KvErrors.TITLE_EXISTS, "a namespace with this account ID and title already exists");
    }

    private static Map<String, Object> namespaceJson(KvStore.NamespaceRecord ns) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", ns.id());
        out.put("title", ns.title());
        out.put("supports_url_encoding", true);
        return out;
    }
}
