package dev.flareobserver.orchestration.resources.kv;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.ApiResponses.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionOptions;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.transport.RetryPolicy;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A small in-memory Workers KV behind MockWebServer, answering in Cloudflare's shapes, with a connected
 * AccountConnection in front of it. Records every KV request ("METHOD /path-after-namespaces").
 */
final class KvFakeApi implements AutoCloseable {

    static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/client/v4/accounts/" + ACCOUNT + "/storage/kv/namespaces";

    record Entry(byte[] value, JsonNode metadata, Long expiration) {
    }

    static final class Namespace {
        final String id;
        String title;
        final TreeMap<String, Entry> keys = new TreeMap<>();

        Namespace(String id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Keys whose writes the fake refuses with a 400, to see failed writes audited. */
    volatile String refusedKey;
    private final MockWebServer server = new MockWebServer();
    private AccountConnection connection;
    private int ids;

    KvFakeApi() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return answer(request);
                } catch (IOException e) {
                    return json(500, error(10001, e.getMessage()));
                }
            }
        });
        server.start();
    }

    AccountConnection connect() {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", TOKEN,
                "CLOUDFLARE_API_BASE_URL", server.url("/client/v4").toString())).orElseThrow();
        connection = new AccountConnection(settings, ConnectionOptions.defaults().withRetryPolicy(RetryPolicy.none())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)));
        if (connection.connect().state() != ConnectionState.CONNECTED) {
            throw new IllegalStateException("fixture did not connect: " + connection.snapshot().problem());
        }
        requests.clear();
        return connection;
    }

    synchronized Namespace add(String title) {
        Namespace ns = new Namespace(String.format("%032x", ++ids), title);
        namespaces.put(ns.id, ns);
        return ns;
    }

    synchronized Namespace byTitle(String title) {
        return namespaces.values().stream().filter(n -> n.title.equals(title)).findFirst().orElseThrow();
    }

    long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private synchronized MockResponse answer(RecordedRequest request) throws IOException {
        HttpUrl url = request.getRequestUrl();
        String path = url.encodedPath();
        if (path.equals("/client/v4/user/tokens/verify")) {
            return json(200, ok("{\"id\":\"tok123\",\"status\":\"active\"}"));
        }
        if (path.equals("/client/v4/accounts")) {
            return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"" + ACCOUNT
                    + "\",\"name\":\"Acme Corp\",\"type\":\"standard\"}],\"result_info\":{\"page\":1,"
                    + "\"per_page\":20,\"count\":1,\"total_count\":1,\"total_pages\":1}}");
        }
        if (!path.startsWith(PREFIX)) {
            return json(404, error(7003, "No route for the URI"));
        }
        String rest = path.substring(PREFIX.length());
        String method = request.getMethod();
        requests.add(method + " " + rest);
        List<String> parts = new ArrayList<>();
        for (String p : rest.split("/", -1)) {
            if (!p.isEmpty()) {
                parts.add(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        byte[] body = request.getBody().readByteArray();
        if (parts.isEmpty()) {
            if (method.equals("POST")) {
                String title = JSON.readTree(body).path("title").asText();
                if (namespaces.values().stream().anyMatch(n -> n.title.equals(title))) {
                    return json(400, error(10014, "a namespace with this account ID and title already exists"));
                }
                return json(200, ok(namespaceJson(add(title))));
            }
            StringBuilder all = new StringBuilder("[");
            namespaces.values().forEach(n -> all.append(all.length() > 1 ? "," : "").append(namespaceJson(n)));
            return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + all + "],"
                    + "\"result_info\":{\"page\":1,\"per_page\":100,\"count\":" + namespaces.size() + ",\"total_count\":"
                    + namespaces.size() + "}}");
        }
        Namespace ns = namespaces.get(parts.get(0));
        if (ns == null) {
            return json(404, error(10013, "namespace not found"));
        }
        if (parts.size() == 1) {
            if (method.equals("DELETE")) {
                namespaces.remove(ns.id);
            } else if (method.equals("PUT")) {
                ns.title = JSON.readTree(body).path("title").asText();
            }
            return json(200, ok("null"));
        }
        String what = parts.get(1);
        String key = parts.size() > 2 ? parts.get(2) : null;
        switch (what) {
            case "keys" -> {
                return listKeys(ns, url);
            }
            case "values" -> {
                if (key.equals(refusedKey) && !method.equals("GET")) {
                    return json(400, error(10020, "the fake refuses this key"));
                }
                if (method.equals("GET")) {
                    Entry e = ns.keys.get(key);
                    return e == null ? json(404, error(10009, "get: 'key not found'"))
                            : new MockResponse().setHeader("Content-Type", "application/octet-stream")
                                    .setBody(new okio.Buffer().write(e.value()));
                }
                if (method.equals("DELETE")) {
                    ns.keys.remove(key);
                    return json(200, ok("null"));
                }
                String ttl = url.queryParameter("expiration_ttl");
                String exp = url.queryParameter("expiration");
                Long expiration = ttl != null ? Long.valueOf(System.currentTimeMillis() / 1000 + Long.parseLong(ttl))
                        : exp != null ? Long.valueOf(exp) : null;
                String type = request.getHeader("Content-Type");
                if (type != null && type.startsWith("multipart/form-data")) {
                    Map<String, byte[]> form = multipart(body, type.substring(type.indexOf("boundary=") + 9));
                    ns.keys.put(key, new Entry(form.get("value"), JSON.readTree(form.get("metadata")), expiration));
                } else {
                    ns.keys.put(key, new Entry(body, null, expiration));
                }
                return json(200, ok("null"));
            }
            case "metadata" -> {
                Entry e = ns.keys.get(key);
                return e == null ? json(404, error(10009, "get: 'key not found'"))
                        : json(200, ok(e.metadata() == null ? "null" : e.metadata().toString()));
            }
            case "bulk" -> {
                if (key == null) {
                    for (JsonNode item : JSON.readTree(body)) {
                        byte[] value = item.path("base64").asBoolean() ? Base64.getDecoder().decode(item.path("value").asText())
                                : item.path("value").asText().getBytes(StandardCharsets.UTF_8);
                        JsonNode meta = item.get("metadata");
                        ns.keys.put(item.path("key").asText(), new Entry(value, meta, item.has("expiration")
                                ? item.get("expiration").asLong() : null));
                    }
                    return json(200, ok("{\"successful_key_count\":" + JSON.readTree(body).size() + ",\"unsuccessful_keys\":[]}"));
                }
                ObjectNode values = JSON.createObjectNode();
                for (JsonNode k : JSON.readTree(body).path("keys")) {
                    Entry e = ns.keys.get(k.asText());
                    if (e == null) {
                        values.putNull(k.asText());
                        continue;
                    }
                    ObjectNode v = values.putObject(k.asText());
                    v.put("value", new String(e.value(), StandardCharsets.UTF_8));
                    v.set("metadata", e.metadata() == null ? JSON.nullNode() : e.metadata());
                    if (e.expiration() != null) {
                        v.put("expiration", e.expiration());
                    }
                }
                return json(200, ok("{\"values\":" + values + "}"));
            }
            default -> {
                return json(404, error(7003, "No route for the URI"));
            }
        }
    }

    private MockResponse listKeys(Namespace ns, HttpUrl url) {
        String prefix = url.queryParameter("prefix") == null ? "" : url.queryParameter("prefix");
        String cursor = url.queryParameter("cursor");
        int limit = url.queryParameter("limit") == null ? 1000 : Integer.parseInt(url.queryParameter("limit"));
        ArrayNode result = JSON.createArrayNode();
        String last = null;
        boolean more = false;
        for (Map.Entry<String, Entry> e : (cursor == null ? ns.keys : ns.keys.tailMap(cursor, false)).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (result.size() == limit) {
                more = true;
                break;
            }
            ObjectNode item = result.addObject().put("name", e.getKey());
            if (e.getValue().expiration() != null) {
                item.put("expiration", e.getValue().expiration());
            }
            if (e.getValue().metadata() != null) {
                item.set("metadata", e.getValue().metadata());
            }
            last = e.getKey();
        }
        ObjectNode info = JSON.createObjectNode().put("count", result.size()).put("cursor", more ? last : "");
        return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + ",\"result_info\":"
                + info + "}");
    }

    private static Map<String, byte[]> multipart(byte[] body, String boundary) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split("--" + boundary)) {
            int headerEnd = part.indexOf("\r\n\r\n");
            int nameAt = part.indexOf("name=\"");
            if (headerEnd < 0 || nameAt < 0) {
                continue;
            }
            String name = part.substring(nameAt + 6, part.indexOf('"', nameAt + 6));
            String content = part.substring(headerEnd + 4, part.length() - 2);
            out.put(name, content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static String namespaceJson(Namespace n) {
        return "{\"id\":\"" + n.id + "\",\"title\":\"" + n.title + "\",\"supports_url_encoding\":true}";
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        server.shutdown();
    }
}
