package dev.flareobserver.emulator.r2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * R2 over the v4 REST API: buckets ({@code GET|POST .../r2/buckets}, {@code GET|DELETE .../r2/buckets/{name}})
 * and objects ({@code GET .../objects} with prefix, delimiter, cursor; {@code GET|PUT|DELETE
 * .../objects/{key}}, the key taking the rest of the path, since wrangler sends its slashes unencoded).
 * Object bodies are streamed in and out, never held in memory.
 */
final class R2Routes {

    static final String BUCKETS = "/accounts/{account_id}/r2/buckets";
    static final String BUCKET = BUCKETS + "/{bucket_name}";
    static final String OBJECTS = BUCKET + "/objects";
    static final String OBJECT = OBJECTS + "/{object_key+}";

    /** The spec's {@code r2_bucket_location} enum, plus "oc" which wrangler offers too. */
    private static final Set<String> LOCATIONS = Set.of("apac", "eeur", "enam", "weur", "wnam", "oc");
    private static final Set<String> STORAGE_CLASSES = Set.of("Standard", "InfrequentAccess");
    /** The headers an upload stores as http_metadata, and R2's names for them. */
    private static final Map<String, String> HTTP_METADATA_HEADERS = Map.of(
            "content-type", "contentType",
            "content-language", "contentLanguage",
            "content-disposition", "contentDisposition",
            "content-encoding", "contentEncoding",
            "cache-control", "cacheControl");
    private static final String CUSTOM_METADATA_PREFIX = "x-amz-meta-";
    private static final int SCAN_BATCH = 500;

    private final R2Store store;
    private final AccountRoutes accounts;
    private final Clock clock;

    R2Routes(R2Store store, AccountRoutes accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", BUCKETS, this::listBuckets);
        router.add("POST", BUCKETS, this::createBucket);
        router.add("GET", BUCKET, this::getBucket);
        router.add("DELETE", BUCKET, this::deleteBucket);
        router.add("GET", OBJECTS, this::listObjects);
        router.add("GET", OBJECT, this::getObject);
        router.add("PUT", OBJECT, this::putObject);
        router.add("DELETE", OBJECT, this::deleteObject);
    }

    // --- buckets -------------------------------------------------------------------------------------

    /**
     * {@code result: {buckets: [...]}} (the real API's form, not the 2024 spec's array), cursor-paged:
     * per_page 1..1000 (default 20), name_contains, start_after, order=name, direction.
     */
    private Response listBuckets(RequestContext call) {
        String account = account(call);
        int perPage = intParam(call, "per_page", 1, 1000, 20);
        boolean descending = "desc".equalsIgnoreCase(call.query("direction"));
        String contains = call.query("name_contains");
        String after = decodeCursor(call.query("cursor"));
        if (after == null) {
            after = call.query("start_after");
        }
        Comparator<String> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        String from = after;
        List<R2Store.BucketRow> matching = store.buckets(account).stream()
                .filter(b -> contains == null || b.name().contains(contains))
                .filter(b -> from == null || from.isEmpty() || order.compare(b.name(), from) > 0)
                .sorted(Comparator.comparing(R2Store.BucketRow::name, order))
                .toList();
        List<R2Store.BucketRow> page = matching.subList(0, Math.min(perPage, matching.size()));
        Map<String, Object> info = new LinkedHashMap<>();
        if (matching.size() > page.size()) {
            info.put("cursor", encodeCursor(page.get(page.size() - 1).name()));
        }
        info.put("per_page", perPage);
        return Envelope.success(200, Map.of("buckets", page.stream().map(R2Routes::bucketJson).toList()), info,
                List.of());
    }

    private Response createBucket(RequestContext call) {
        String account = account(call);
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(call.body());
        } catch (IOException e) {
            throw new ApiException(400, ApiError.BAD_PARAMETER, "The request body is not JSON");
        }
        if (body == null || !body.path("name").isTextual()) {
            throw ApiException.badParameter("name", "is required");
        }
        String name = body.get("name").asText();
        if (!R2Errors.isValidBucketName(name)) {
            throw R2Errors.invalidBucketName(name);
        }
        String location = "enam";
        if (body.hasNonNull("locationHint")) {
            location = body.get("locationHint").asText().toLowerCase(Locale.ROOT);
            if (!LOCATIONS.contains(location)) {
                throw ApiException.badParameter("locationHint", "must be one of " + String.join(", ",
                        LOCATIONS.stream().sorted().toList()));
            }
        }
        String storageClass = body.hasNonNull("storageClass") ? storageClass(body.get("storageClass").asText())
                : "Standard";
        R2Store.BucketRow row = new R2Store.BucketRow(account, name, now(), location, storageClass);
        return Envelope.success(bucketJson(store.createBucket(row).orElseThrow(R2Errors::bucketExists)));
    }

    private Response getBucket(RequestContext call) {
        return Envelope.success(bucketJson(bucket(call)));
    }

    private Response deleteBucket(RequestContext call) {
        R2Store.BucketRow bucket = bucket(call);
        return switch (store.deleteBucket(bucket.accountId(), bucket.name())) {
            case DELETED -> Envelope.success(Map.of());
            case NOT_EMPTY -> throw R2Errors.bucketNotEmpty();
            case NOT_FOUND -> throw R2Errors.noSuchBucket();
        };
    }

    // --- objects -------------------------------------------------------------------------------------

    /**
     * One page in key order: the objects, and with a delimiter the common prefixes in
     * {@code result_info.delimited} (where real clients read R2's "folders"), each prefix counting toward
     * per_page as in R2's own list. Unconfirmed: the default per_page (1000, R2's list default) and
     * {@code is_truncated} being a string, as one generated client of this endpoint expects.
     */
    private Response listObjects(RequestContext call) {
        R2Store.BucketRow bucket = bucket(call);
        int perPage = intParam(call, "per_page", 1, 1000, 1000);
        String prefix = call.query("prefix") == null ? "" : call.query("prefix");
        String delimiter = call.query("delimiter") == null || call.query("delimiter").isEmpty()
                ? null : call.query("delimiter");
        String after = "";
        String skip = null;
        String cursor = decodeCursor(call.query("cursor"));
        if (cursor != null) {
            // "p" + prefix: resume after a common prefix (and everything under it); "k" + key: after a key.
            after = cursor.substring(1);
            skip = cursor.startsWith("p") ? after : null;
        } else if (call.query("start_after") != null) {
            after = call.query("start_after");
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        scan:
        while (true) {
            List<R2Store.ObjectRow> batch = store.scan(bucket.accountId(), bucket.name(), prefix, after, SCAN_BATCH);
            for (R2Store.ObjectRow row : batch) {
                after = row.key();
                if (!row.key().startsWith(prefix)) {
                    break scan;
                }
                if (skip != null && row.key().startsWith(skip)) {
                    continue;
                }
                if (objects.size() + prefixes.size() == perPage) {
                    truncated = true;
                    break scan;
                }
                int cut = delimiter == null ? -1 : row.key().indexOf(delimiter, prefix.length());
                if (cut >= 0) {
                    skip = row.key().substring(0, cut + delimiter.length());
                    prefixes.add(skip);
                    last = "p" + skip;
                    // Jump past the folder instead of reading every key in it.
                    after = skip + "\uDBFF\uDFFF";
                    continue scan;
                }
                objects.add(objectJson(row));
                last = "k" + row.key();
            }
            if (batch.size() < SCAN_BATCH) {
                break;
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        if (truncated) {
            info.put("cursor", encodeCursor(last));
        }
        info.put("per_page", perPage);
        info.put("count", objects.size() + prefixes.size());
        if (delimiter != null) {
            info.put("delimited", prefixes);
        }
        info.put("is_truncated", Boolean.toString(truncated));
        return Envelope.success(200, objects, info, List.of());
    }

    /** The raw bytes, streamed from the body's file, with the stored HTTP metadata as headers. */
    private Response getObject(RequestContext call) {
        R2Store.BucketRow bucket = bucket(call);
        String key = key(call);
        for (int attempt = 0; ; attempt++) {
            R2Store.ObjectRow row = store.object(bucket.accountId(), bucket.name(), key)
                    .orElseThrow(R2Errors::noSuchKey);
            Response.Streamed body;
            try {
                body = Response.Streamed.ofFile(store.body(row), row.size());
            } catch (NoSuchFileException replaced) {
                // Replaced or deleted between reading the row and opening its file: look again.
                if (attempt < 2) {
                    continue;
                }
                throw R2Errors.noSuchKey();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> http = row.httpMetadata();
            Response r = Response.streamed(200, http.getOrDefault("contentType", "application/octet-stream"), body)
                    .withHeader("ETag", "\"" + row.etag() + "\"")
                    .withHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            row.uploaded().atOffset(ZoneOffset.UTC)));
            for (Map.Entry<String, String> header : HTTP_METADATA_HEADERS.entrySet()) {
                String value = http.get(header.getValue());
                if (value != null && !header.getKey().equals("content-type")) {
                    r = r.withHeader(header.getKey(), value);
                }
            }
            if (http.containsKey("cacheExpiry")) {
                r = r.withHeader("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.parse(http.get("cacheExpiry")).atOffset(ZoneOffset.UTC)));
            }
            for (Map.Entry<String, String> m : row.customMetadata().entrySet()) {
                r = r.withHeader(CUSTOM_METADATA_PREFIX + m.getKey(), m.getValue());
            }
            return r;
        }
    }

    /**
     * Streams the body to a file, then records the object. Checked before a byte is read: the key's length,
     * the declared size (300 MiB at most), the metadata's size, the storage class; a body without a declared
     * length is cut off once it passes the limit. Answers the object's metadata in the envelope (wrangler only
     * needs a 2xx with a body).
     */
    private Response putObject(RequestContext call) {
        R2Store.BucketRow bucket = bucket(call);
        String key = key(call);
        long declared = declaredLength(call);
        if (declared > R2Errors.MAX_PUT_BYTES) {
            discardRest(call.bodyStream());
            throw R2Errors.entityTooLarge();
        }
        Map<String, String> http = new LinkedHashMap<>();
        HTTP_METADATA_HEADERS.forEach((header, field) -> {
            String value = call.header(header);
            if (value != null && !value.isBlank()) {
                http.put(field, value);
            }
        });
        String expires = call.header("expires");
        if (expires != null && !expires.isBlank()) {
            http.put("cacheExpiry", expiry(expires).toString());
        }
        Map<String, String> custom = customMetadata(call);
        String storageClass = call.header("cf-r2-storage-class") == null ? bucket.storageClass()
                : storageClass(call.header("cf-r2-storage-class"));
        R2Store.ObjectRow row;
        InputStream body = call.bodyStream();
        try (body) {
            row = store.put(bucket.accountId(), bucket.name(), key, body, declared, R2Errors.MAX_PUT_BYTES,
                    new R2Store.Upload(http, custom, storageClass), now());
        } catch (R2Store.TooLargeException e) {
            discardRest(body);
            throw R2Errors.entityTooLarge();
        } catch (IOException e) {
            throw new UncheckedIOException("The upload of " + key + " did not arrive whole", e);
        }
        Map<String, Object> result = objectJson(row);
        result.remove("last_modified");
        result.put("uploaded", row.uploaded().toString());
        result.put("version", UUID.randomUUID().toString().replace("-", ""));
        return Envelope.success(result);
    }

    /** Unconfirmed: 404 / 10007 for a key that does not exist (R2's bindings treat such a delete as done). */
    private Response deleteObject(RequestContext call) {
        R2Store.BucketRow bucket = bucket(call);
        String key = key(call);
        try {
            if (!store.deleteObject(bucket.accountId(), bucket.name(), key)) {
                throw R2Errors.noSuchKey();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Envelope.success(Map.of());
    }

    // --- request parts -------------------------------------------------------------------------------

    private String account(RequestContext call) {
        return accounts.visibleAccount(call, call.pathParam("account_id")).id();
    }

    /** The named bucket of a visible account: 400 / 10005 for an impossible name, 404 / 10006 for a missing one. */
    private R2Store.BucketRow bucket(RequestContext call) {
        String account = account(call);
        String name = call.pathParam("bucket_name");
        if (!R2Errors.isValidBucketName(name)) {
            throw R2Errors.invalidBucketName(name);
        }
        return store.bucket(account, name).orElseThrow(R2Errors::noSuchBucket);
    }

    private static String key(RequestContext call) {
        String key = call.pathParam("object_key");
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > R2Errors.MAX_KEY_BYTES) {
            throw R2Errors.keyTooLong(bytes);
        }
        return key;
    }

    /**
     * Reads and drops what is left of a refused body (up to 1 GiB), so the client, still sending, reads the
     * error instead of a connection reset: the JDK server closes a connection with unread input, and the
     * peer's TCP stack then throws the unread answer away. A lingering close, as web servers do.
     */
    private static void discardRest(InputStream body) {
        byte[] sink = new byte[64 * 1024];
        long left = 1L << 30;
        try {
            for (int n; left > 0 && (n = body.read(sink)) > 0; ) {
                left -= n;
            }
        } catch (IOException gone) {
            // The client stopped sending: nobody is left to read the answer anyway.
        }
    }

    private static long declaredLength(RequestContext call) {
        String raw = call.header("Content-Length");
        if (raw == null) {
            return -1;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("Content-Length", "must be a number");
        }
    }

    private static Map<String, String> customMetadata(RequestContext call) {
        Map<String, String> custom = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, List<String>> h : call.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(CUSTOM_METADATA_PREFIX) && name.length() > CUSTOM_METADATA_PREFIX.length()) {
                String field = name.substring(CUSTOM_METADATA_PREFIX.length());
                String value = String.join(",", h.getValue());
                custom.put(field, value);
                bytes += field.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > R2Errors.MAX_METADATA_BYTES) {
            throw R2Errors.metadataTooLarge();
        }
        return custom;
    }

    private static String storageClass(String value) {
        for (String known : STORAGE_CLASSES) {
            if (known.equalsIgnoreCase(value.trim())) {
                return known;
            }
        }
        throw ApiException.badParameter("storageClass", "must be Standard or InfrequentAccess");
    }

    /** An {@code Expires} header: an HTTP date, or epoch milliseconds as wrangler's local mode takes it. */
    private static Instant expiry(String value) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.trim()));
        } catch (NumberFormatException notMillis) {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
            } catch (DateTimeParseException e) {
                throw ApiException.badParameter("Expires", "must be an HTTP date");
            }
        }
    }

    private static int intParam(RequestContext call, String name, int min, int max, int fallback) {
        String raw = call.query(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            // Clamped like the other list endpoints (see Paging): unconfirmed, but it keeps careless clients working.
            return (int) Math.min(max, Math.max(min, Long.parseLong(raw.trim())));
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a whole number");
        }
    }

    private static String encodeCursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("cursor", "is not a cursor this API returned");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Map<String, Object> bucketJson(R2Store.BucketRow b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", b.name());
        json.put("creation_date", b.created().toString());
        json.put("location", b.location());
        json.put("storage_class", b.storageClass());
        return json;
    }

    private static Map<String, Object> objectJson(R2Store.ObjectRow o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", o.key());
        json.put("size", o.size());
        json.put("etag", o.etag());
        json.put("last_modified", o.uploaded().toString());
        json.put("http_metadata", o.httpMetadata());
        json.put("custom_metadata", o.customMetadata());
        json.put("storage_class", o.storageClass());
        return json;
    }
}
