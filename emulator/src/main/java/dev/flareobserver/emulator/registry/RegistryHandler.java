package dev.flareobserver.emulator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.registry.RegistryCredentialStore.Issued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI distribution API under {@code /v2/} (distribution-spec v1.1, the subset Jib, skopeo, docker and
 * wrangler use): the API check, chunked and monolithic blob uploads (POST, PATCH, PUT; GET for the upload's
 * progress; cross-repository mount), HEAD/GET blobs, PUT/GET/HEAD/DELETE manifests by tag or digest, tag lists and
 * {@code _catalog} (with wrangler's {@code ?tags=true} form). Every request needs {@code Basic} credentials from
 * {@code POST /registries/{domain}/credentials}: unknown or expired ones get 401 with a {@code Basic} challenge.
 * A credential reaches only its own account's repositories ({@code <account_id>/<name>}).
 */
public final class RegistryHandler implements HttpHandler {

    public static final String PREFIX = "/v2/";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);
    private static final String NAME = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*";
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    private static final Pattern UPLOADS = Pattern.compile("/v2/(" + NAME + ")/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(" + NAME + ")/blobs/uploads/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(" + NAME + ")/blobs/([^/]+)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(" + NAME + ")/manifests/([^/]+)");
    private static final Pattern TAGS = Pattern.compile("/v2/(" + NAME + ")/tags/list");
    static final String REALM = "Basic realm=\"Flare Observer emulator registry\"";

    private final RegistryStorage storage;
    private final RegistryCredentialStore credentials;

    public RegistryHandler(RegistryStorage storage, RegistryCredentialStore credentials) {
        this.storage = storage;
        this.credentials = credentials;
    }

    /** An OCI error answer. */
    private static final class RegistryError extends RuntimeException {
        final int status;
        final String code;

        RegistryError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
            try {
                serve(exchange);
            } catch (RegistryError e) {
                if (e.status == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", REALM);
                }
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("code", e.code);
                error.put("message", e.getMessage());
                json(exchange, e.status, Map.of("errors", List.of(error)));
            } catch (IOException e) {
                LOG.debug("Registry request {} {} broke off: {}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e.toString());
                throw e;
            } catch (RuntimeException e) {
                LOG.error("Registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                json(exchange, 500, Map.of("errors", List.of(Map.of("code", "UNKNOWN", "message", e.toString()))));
            }
        }
    }

    private void serve(HttpExchange x) throws IOException {
        String method = x.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = x.getRequestURI().getPath();
        Map<String, String> query = query(x.getRequestURI().getRawQuery());
        Issued who = credentials.check(x.getRequestHeaders().getFirst("Authorization"))
                .orElseThrow(() -> new RegistryError(401, "UNAUTHORIZED",
                        "authentication required: log in with credentials from POST /registries/{domain}/credentials"
                                + " (they expire)"));
        if (path.equals("/v2/") || path.equals("/v2")) {
            json(x, 200, Map.of());
            return;
        }
        if (path.equals("/v2/_catalog") && method.equals("GET")) {
            catalog(x, who, query);
            return;
        }
        Matcher m;
        if ((m = UPLOADS.matcher(path)).matches() && method.equals("POST")) {
            startUpload(x, allow(who, m.group(1), "push"), query);
        } else if ((m = UPLOAD.matcher(path)).matches()) {
            String repo = allow(who, m.group(1), method.equals("GET") ? "pull" : "push");
            String id = m.group(2);
            if (!storage.hasUpload(id)) {
                throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown: " + id);
            }
            switch (method) {
                case "PATCH" -> patchUpload(x, repo, id);
                case "PUT" -> putUpload(x, repo, id, query.get("digest"));
                case "GET" -> uploadStatus(x, repo, id, 204);
                case "DELETE" -> {
                    storage.cancelUpload(id);
                    empty(x, 204);
                }
                default -> throw unsupported(method, path);
            }
        } else if ((m = BLOB.matcher(path)).matches() && (method.equals("GET") || method.equals("HEAD"))) {
            allow(who, m.group(1), "pull");
            blob(x, m.group(2), method.equals("HEAD"));
        } else if ((m = MANIFEST.matcher(path)).matches()) {
            String reference = m.group(2);
            if (!Digests.isValid(reference) && !TAG.matcher(reference).matches()) {
                throw new RegistryError(400, "MANIFEST_INVALID", "invalid tag or digest: " + reference);
            }
            switch (method) {
                case "PUT" -> putManifest(x, allow(who, m.group(1), "push"), reference);
                case "GET", "HEAD" -> getManifest(x, allow(who, m.group(1), "pull"), reference, method.equals("HEAD"));
                case "DELETE" -> {
                    if (!storage.deleteManifest(allow(who, m.group(1), "push"), reference)) {
                        throw new RegistryError(404, "MANIFEST_UNKNOWN", "manifest unknown: " + reference);
                    }
                    empty(x, 202);
                }
                default -> throw unsupported(method, path);
            }
        } else if ((m = TAGS.matcher(path)).matches() && method.equals("GET")) {
            String repo = allow(who, m.group(1), "pull");
            List<String> tags = storage.tags(repo);
            if (tags.isEmpty() && storage.repositories().stream().noneMatch(repo::equals)) {
                throw new RegistryError(404, "NAME_UNKNOWN", "repository name not known to registry: " + repo);
            }
            json(x, 200, Map.of("name", repo, "tags", page(tags, query)));
        } else {
            throw new RegistryError(404, "NAME_UNKNOWN", "no such registry endpoint: " + method + " " + path);
        }
    }

    /** The repository if the credential may {@code permission} it: repositories are {@code <account_id>/...}. */
    private static String allow(Issued who, String repo, String permission) {
        if (!repo.startsWith(who.accountId() + "/")) {
            throw new RegistryError(403, "DENIED", "repositories of this account are named " + who.accountId()
                    + "/<name>; " + repo + " is not one of them");
        }
        if (!who.allows(permission)) {
            throw new RegistryError(403, "DENIED", "these credentials do not allow " + permission);
        }
        return repo;
    }

    // ---- blobs ----

    private void startUpload(HttpExchange x, String repo, Map<String, String> query) throws IOException {
        String mount = query.get("mount");
        if (mount != null && storage.hasBlob(mount)) {
            blobCreated(x, repo, mount);
            return;
        }
        String id = storage.startUpload();
        String digest = query.get("digest");
        if (digest != null) {
            // Monolithic upload: the whole blob in the POST.
            try (InputStream in = x.getRequestBody()) {
                storage.append(id, in);
            }
            finish(x, repo, id, digest);
            return;
        }
        uploadStatus(x, repo, id, 202);
    }

    private void patchUpload(HttpExchange x, String repo, String id) throws IOException {
        String range = x.getRequestHeaders().getFirst("Content-Range");
        if (range != null) {
            // Chunks must arrive in order: "start-end" with start = bytes received so far.
            Matcher m = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)").matcher(range.trim());
            if (m.matches() && Long.parseLong(m.group(1)) != storage.uploadSize(id)) {
                x.getResponseHeaders().set("Location", uploadLocation(repo, id));
                x.getResponseHeaders().set("Range", "0-" + (storage.uploadSize(id) - 1));
                throw new RegistryError(416, "BLOB_UPLOAD_INVALID", "chunk starts at " + m.group(1) + " but "
                        + storage.uploadSize(id) + " bytes were received");
            }
        }
        try (InputStream in = x.getRequestBody()) {
            storage.append(id, in);
        }
        uploadStatus(x, repo, id, 202);
    }

    private void putUpload(HttpExchange x, String repo, String id, String digest) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            storage.append(id, in);
        }
        finish(x, repo, id, digest);
    }

    private void finish(HttpExchange x, String repo, String id, String digest) throws IOException {
        if (!Digests.isValid(digest)) {
            storage.cancelUpload(id);
            throw new RegistryError(400, "DIGEST_INVALID", "digest must be sha256:<64 hex>, was " + digest);
        }
        Optional<String> mismatch = storage.finishUpload(id, digest);
        if (mismatch.isPresent()) {
            throw new RegistryError(400, "DIGEST_INVALID", "provided digest " + digest
                    + " did not match uploaded content (" + mismatch.get() + ")");
        }
        blobCreated(x, repo, digest);
    }

    private void blobCreated(HttpExchange x, String repo, String digest) throws IOException {
        x.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + digest);
        x.getResponseHeaders().set("Docker-Content-Digest", digest);
        empty(x, 201);
    }

    private void uploadStatus(HttpExchange x, String repo, String id, int status) throws IOException {
        long size = storage.uploadSize(id);
        x.getResponseHeaders().set("Location", uploadLocation(repo, id));
        x.getResponseHeaders().set("Docker-Upload-UUID", id);
        x.getResponseHeaders().set("Range", "0-" + Math.max(0, size - 1));
        empty(x, status);
    }

    private static String uploadLocation(String repo, String id) {
        return "/v2/" + repo + "/blobs/uploads/" + id;
    }

    private void blob(HttpExchange x, String digest, boolean head) throws IOException {
        if (!storage.hasBlob(digest)) {
            throw new RegistryError(404, "BLOB_UNKNOWN", "blob unknown to registry: " + digest);
        }
        long size = Files.size(storage.blobPath(digest));
        x.getResponseHeaders().set("Content-Type", "application/octet-stream");
        x.getResponseHeaders().set("Docker-Content-Digest", digest);
        if (head) {
            x.getResponseHeaders().set("Content-Length", Long.toString(size));
            x.sendResponseHeaders(200, -1);
            return;
        }
        x.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (OutputStream out = x.getResponseBody()) {
            Files.copy(storage.blobPath(digest), out);
        }
    }

    // ---- manifests ----

    private void putManifest(HttpExchange x, String repo, String reference) throws IOException {
        byte[] content;
        try (InputStream in = x.getRequestBody()) {
            content = in.readAllBytes();
        }
        String digest = Digests.of(content);
        if (Digests.isValid(reference) && !reference.equals(digest)) {
            throw new RegistryError(400, "DIGEST_INVALID", "manifest digest " + digest + " does not match " + reference);
        }
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(content);
        } catch (IOException e) {
            throw new RegistryError(400, "MANIFEST_INVALID", "manifest is not JSON: " + e.getMessage());
        }
        if (manifest == null || !manifest.isObject()) {
            throw new RegistryError(400, "MANIFEST_INVALID", "manifest is not a JSON object");
        }
        String mediaType = contentType(x, manifest);
        List<String> missing = new ArrayList<>();
        List<JsonNode> referenced = new ArrayList<>();
        if (manifest.has("config")) {
            referenced.add(manifest.get("config"));
        }
        manifest.path("layers").forEach(referenced::add);
        for (JsonNode descriptor : referenced) {
            String d = descriptor.path("digest").asText(null);
            if (!storage.hasBlob(d)) {
                missing.add(String.valueOf(d));
            }
        }
        // An index (multi-platform list) names manifests, which are blobs here too.
        manifest.path("manifests").forEach(m -> {
            if (!storage.hasBlob(m.path("digest").asText(null))) {
                missing.add(m.path("digest").asText("?"));
            }
        });
        if (!missing.isEmpty()) {
            throw new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", "manifest references unknown blobs: " + missing);
        }
        storage.putManifest(repo, digest, mediaType, content, Digests.isValid(reference) ? null : reference);
        x.getResponseHeaders().set("Location", "/v2/" + repo + "/manifests/" + digest);
        x.getResponseHeaders().set("Docker-Content-Digest", digest);
        empty(x, 201);
    }

    private static String contentType(HttpExchange x, JsonNode manifest) {
        String header = x.getRequestHeaders().getFirst("Content-Type");
        if (header != null && !header.isBlank()) {
            return header.split(";")[0].trim();
        }
        return manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
    }

    private void getManifest(HttpExchange x, String repo, String reference, boolean head) throws IOException {
        RegistryStorage.Manifest manifest = storage.manifest(repo, reference)
                .orElseThrow(() -> new RegistryError(404, "MANIFEST_UNKNOWN", "manifest unknown: " + repo + ":" + reference));
        x.getResponseHeaders().set("Content-Type", manifest.mediaType());
        x.getResponseHeaders().set("Docker-Content-Digest", manifest.digest());
        if (head) {
            x.getResponseHeaders().set("Content-Length", Integer.toString(manifest.content().length));
            x.sendResponseHeaders(200, -1);
            return;
        }
        x.sendResponseHeaders(200, manifest.content().length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(manifest.content());
        }
    }

    // ---- lists ----

    private void catalog(HttpExchange x, Issued who, Map<String, String> query) throws IOException {
        if (!who.allows("list") && !who.allows("pull")) {
            throw new RegistryError(403, "DENIED", "these credentials do not allow list");
        }
        List<String> repos = storage.repositories().stream().filter(r -> r.startsWith(who.accountId() + "/")).toList();
        if ("true".equals(query.get("tags"))) {
            // wrangler's form: {"repositories": {"<account>/<repo>": ["tag", ...]}}
            Map<String, List<String>> withTags = new LinkedHashMap<>();
            repos.forEach(r -> withTags.put(r, storage.tags(r)));
            json(x, 200, Map.of("repositories", withTags));
            return;
        }
        json(x, 200, Map.of("repositories", page(repos, query)));
    }

    /** {@code n} and {@code last} pagination of the distribution spec. */
    private static List<String> page(List<String> all, Map<String, String> query) {
        List<String> out = all;
        String last = query.get("last");
        if (last != null) {
            out = out.stream().filter(s -> s.compareTo(last) > 0).toList();
        }
        String n = query.get("n");
        if (n != null) {
            try {
                out = out.subList(0, Math.min(out.size(), Math.max(0, Integer.parseInt(n))));
            } catch (NumberFormatException e) {
                throw new RegistryError(400, "PAGINATION_NUMBER_INVALID", "n must be a number, was " + n);
            }
        }
        return out;
    }

    // ---- plumbing ----

    private static RegistryError unsupported(String method, String path) {
        return new RegistryError(405, "UNSUPPORTED", method + " is not supported on " + path);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        if ("HEAD".equals(x.getRequestMethod())) {
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void empty(HttpExchange x, int status) throws IOException {
        // Drain what the client sent so a kept-alive connection stays usable (a handler that read the body
        // already closed it: nothing is left then).
        try (InputStream in = x.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException alreadyRead) {
            // closed after reading
        }
        // -1: no body; the server writes "Content-length: 0" itself (setting it here too breaks the exchange).
        x.sendResponseHeaders(status, -1);
    }

}
