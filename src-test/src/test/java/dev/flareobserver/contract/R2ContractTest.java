package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.SortDirection;
import dev.flareobserver.api.r2.R2BucketCreate;
import dev.flareobserver.api.r2.R2BucketListParams;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2ObjectBody;
import dev.flareobserver.api.r2.R2ObjectListParams;
import dev.flareobserver.api.r2.R2ObjectPage;
import dev.flareobserver.api.r2.R2PutOptions;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.StreamBody;
import dev.flareobserver.transport.Transfer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * R2 requests from our client and R2 answers from the emulator, held against the official OpenAPI subset. Two
 * corrections, both from the reference README, are applied to a copy of the document first:
 * <ul>
 *   <li>{@code GET .../r2/buckets}: the 2024 file declares {@code result} an array of buckets; the real API (the
 *       current SDK, wrangler) answers {@code result: {buckets: [...]}} — the README's "known discrepancy".</li>
 *   <li>The objects endpoints are missing from the 2024 file; the README lists them ("R2 objects REST API":
 *       CursorPagination, query prefix/delimiter/start_after/cursor/per_page, items {key, size, etag,
 *       last_modified, http_metadata, custom_metadata, storage_class}, GET returns raw bytes), so they are
 *       added in that shape, built from the document's own {@code r2_*} components. (The list envelope is
 *       spelled out rather than taken from {@code r2_v4_response_list}, whose {@code result} must be an object.)</li>
 * </ul>
 */
class R2ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;
    private static RecordingProxy proxy;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        proxy = new RecordingProxy(HttpUrl.get(emulator.baseUrl()));
        Path work = Path.of("target", "contract-r2");
        contract = new OpenApiContract(correctedSpec(Path.of(System.getProperty("flare.openapi")), work), work);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        emulator.close();
    }

    @Test
    void clientRequestsAndEmulatorResponsesFollowTheDocument() {
        String account = emulator.accounts().get(0).id();
        try (CloudflareClient client = CloudflareClient.builder().baseUrl(proxy.baseUrl())
                .credentials(new Credentials.ApiToken(emulator.userToken())).build()) {
            var buckets = client.r2().buckets();
            assertThat(buckets.listAll(account, R2BucketListParams.defaults().withPerPage(1)).stream().toList())
                    .hasSizeGreaterThanOrEqualTo(4);
            buckets.list(account, R2BucketListParams.defaults().withNameContains("up").withDirection(SortDirection.DESC)
                    .withStartAfter("a"));
            buckets.create(account, new R2BucketCreate("contract-bucket", R2Location.WEUR,
                    R2StorageClass.INFREQUENT_ACCESS));
            buckets.get(account, "contract-bucket");
            assertThatThrownBy(() -> buckets.create(account, R2BucketCreate.named("contract-bucket")))
                    .isInstanceOf(CloudflareApiException.class);
            assertThatThrownBy(() -> buckets.create(account, R2BucketCreate.named("Not_Valid")))
                    .isInstanceOf(CloudflareApiException.class);
            assertThatThrownBy(() -> buckets.get(account, "no-such-bucket")).isInstanceOf(CloudflareApiException.class);
            assertThatThrownBy(() -> buckets.delete(account, "user-uploads")).isInstanceOf(CloudflareApiException.class);

            var objects = buckets.objects();
            R2ObjectPage page = objects.list(account, "user-uploads", R2ObjectListParams.folder("documents/2026/")
                    .withPerPage(5));
            objects.list(account, "user-uploads", R2ObjectListParams.folder("documents/2026/").withPerPage(5)
                    .withCursor(page.cursor()));
            objects.list(account, "user-uploads", R2ObjectListParams.defaults().withPrefix("avatars/")
                    .withStartAfter("avatars/user-1005.png"));
            // Plain text: the validator reads a JSON object body as JSON, not as the binary the document says.
            byte[] body = "contract text".getBytes(StandardCharsets.UTF_8);
            objects.put(account, "contract-bucket", "docs/contract.json",
                    StreamBody.ofStream(new ByteArrayInputStream(body), body.length, "text/plain"),
                    R2PutOptions.defaults().withCustomMetadata("owner", "contract"), Transfer.untracked());
            try (R2ObjectBody got = objects.get(account, "contract-bucket", "docs/contract.json", Transfer.untracked())) {
                assertThat(got.body().readAllBytes()).isEqualTo(body);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertThatThrownBy(() -> objects.get(account, "contract-bucket", "missing", Transfer.untracked()))
                    .isInstanceOf(CloudflareApiException.class);
            assertThatThrownBy(() -> buckets.delete(account, "contract-bucket")).isInstanceOf(CloudflareApiException.class);
            objects.delete(account, "contract-bucket", "docs/contract.json");
            assertThatThrownBy(() -> objects.delete(account, "contract-bucket", "docs/contract.json"))
                    .isInstanceOf(CloudflareApiException.class);
            buckets.delete(account, "contract-bucket");
        }

        Set<String> covered = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        int failures = 0;
        for (RecordingProxy.Exchange exchange : proxy.exchanges()) {
            assertThat(contract.describes(exchange.method(), exchange.path())).as(exchange.method() + " " + exchange.path())
                    .isTrue();
            covered.add(exchange.method() + " " + exchange.path().replaceAll("/[0-9a-f]{32}", "/{account_id}")
                    .replaceAll("/r2/buckets/[^/]+", "/r2/buckets/{bucket_name}").replaceAll("/objects/.+", "/objects/{key}"));
            failures += exchange.status() >= 400 ? 1 : 0;
            // A name that breaks the document on purpose: only the answer is held against it.
            boolean invalidOnPurpose = new String(exchange.requestBody(), StandardCharsets.UTF_8).contains("Not_Valid");
            ValidationReport report = invalidOnPurpose ? contract.validateResponse(exchange) : contract.validate(exchange);
            if (report.hasErrors()) {
                violations.add(OpenApiContract.describe(exchange, report));
            }
        }
        String b = "/client/v4/accounts/{account_id}/r2/buckets";
        assertThat(covered).contains("GET " + b, "POST " + b, "GET " + b + "/{bucket_name}", "DELETE " + b + "/{bucket_name}",
                "GET " + b + "/{bucket_name}/objects", "PUT " + b + "/{bucket_name}/objects/{key}",
                "GET " + b + "/{bucket_name}/objects/{key}", "DELETE " + b + "/{bucket_name}/objects/{key}");
        assertThat(failures).as("error answers validated").isGreaterThanOrEqualTo(6);
        assertThat(violations).as("contract violations").isEmpty();
    }

    @Test
    void theCorrectedDocumentStillRejectsWrongShapes() {
        // The 2024 array form of the bucket list, and an object without its key, must both be reported.
        String account = emulator.accounts().get(0).id();
        RecordingProxy.Exchange arrayForm = exchange("GET", "/accounts/" + account + "/r2/buckets",
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"name\":\"a-bucket\"}]}");
        assertThat(contract.validate(arrayForm).hasErrors()).isTrue();
        RecordingProxy.Exchange noKey = exchange("GET", "/accounts/" + account + "/r2/buckets/b-bucket/objects",
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"size\":1}],\"result_info\":{}}");
        assertThat(contract.validate(noKey).hasErrors()).isTrue();
    }

    private static RecordingProxy.Exchange exchange(String method, String path, String responseBody) {
        return new RecordingProxy.Exchange(method, HttpUrl.get(proxy.baseUrl() + path), okhttp3.Headers.of(),
                new byte[0], 200, okhttp3.Headers.of("Content-Type", "application/json"),
                responseBody.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the official subset with the two corrections the class comment describes. */
    static Path correctedSpec(Path official, Path work) throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(official.toFile());
        ObjectNode paths = (ObjectNode) spec.get("paths");
        String buckets = "/accounts/{account_id}/r2/buckets";
        ObjectNode listResult = (ObjectNode) paths.get(buckets).get("get")
                .at("/responses/200/content/application~1json/schema/allOf/1/properties");
        listResult.set("result", JSON.readTree("""
                {"type": "object", "properties": {"buckets": {"type": "array",
                  "items": {"$ref": "#/components/schemas/r2_bucket"}}}, "required": ["buckets"]}"""));

        JsonNode params = JSON.readTree("""
                [{"in": "path", "name": "account_id", "required": true,
                  "schema": {"$ref": "#/components/schemas/r2_account_identifier"}},
                 {"in": "path", "name": "bucket_name", "required": true,
                  "schema": {"$ref": "#/components/schemas/r2_bucket_name"}}]""");
        JsonNode object = JSON.readTree("""
                {"type": "object", "required": ["key", "size", "etag"], "properties": {
                  "key": {"type": "string", "maxLength": 1024}, "size": {"type": "number"}, "etag": {"type": "string"},
                  "last_modified": {"type": "string"}, "uploaded": {"type": "string"}, "version": {"type": "string"},
                  "http_metadata": {"type": "object", "properties": {"contentType": {"type": "string"},
                    "contentLanguage": {"type": "string"}, "contentDisposition": {"type": "string"},
                    "contentEncoding": {"type": "string"}, "cacheControl": {"type": "string"},
                    "cacheExpiry": {"type": "string"}}},
                  "custom_metadata": {"type": "object", "additionalProperties": {"type": "string"}},
                  "storage_class": {"$ref": "#/components/schemas/r2_storage_class"}}}""");
        String failure = """
                "4XX": {"description": "failure", "content": {"application/json": {"schema":
                  {"$ref": "#/components/schemas/r2_v4_response_failure"}}}}""";
        ObjectNode list = (ObjectNode) JSON.readTree("""
                {"get": {"operationId": "r2-list-objects", "responses": {
                  "200": {"description": "one page", "content": {"application/json": {"schema": {"type": "object",
                    "required": ["success", "errors", "messages", "result"], "properties": {
                    "success": {"type": "boolean", "enum": [true]},
                    "errors": {"$ref": "#/components/schemas/r2_errors"},
                    "messages": {"$ref": "#/components/schemas/r2_messages"},
                    "result": {"type": "array", "items": %s},
                    "result_info": {"allOf": [{"$ref": "#/components/schemas/r2_result_info"}, {"type": "object",
                      "properties": {"delimited": {"type": "array", "items": {"type": "string"}},
                      "is_truncated": {"type": "string", "enum": ["true", "false"]}}}]}}}}}},
                  %s},
                 "parameters": [
                  {"in": "query", "name": "prefix", "schema": {"type": "string"}},
                  {"in": "query", "name": "delimiter", "schema": {"type": "string"}},
                  {"in": "query", "name": "start_after", "schema": {"type": "string"}},
                  {"in": "query", "name": "cursor", "schema": {"type": "string"}},
                  {"in": "query", "name": "per_page", "schema": {"type": "number", "minimum": 1, "maximum": 1000}}]}}
                """.formatted(object, failure));
        ((ObjectNode) list.get("get")).withArray("parameters").addAll((com.fasterxml.jackson.databind.node.ArrayNode) params);
        ObjectNode one = (ObjectNode) JSON.readTree("""
                {"parameters": [{"in": "path", "name": "object_key", "required": true, "schema": {"type": "string"}}],
                 "get": {"operationId": "r2-get-object", "responses": {
                   "200": {"description": "the raw bytes", "content": {"*/*": {"schema": {"type": "string",
                     "format": "binary"}}}}, %s}},
                 "put": {"operationId": "r2-put-object",
                   "requestBody": {"required": true, "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}},
                   "responses": {"200": {"description": "stored", "content": {"application/json": {"schema": {"allOf": [
                     {"$ref": "#/components/schemas/r2_v4_response"},
                     {"type": "object", "properties": {"result": %s}}]}}}}, %s}},
                 "delete": {"operationId": "r2-delete-object", "responses": {
                   "200": {"description": "deleted", "content": {"application/json": {"schema":
                     {"$ref": "#/components/schemas/r2_v4_response"}}}}, %s}}}
                """.formatted(failure, object, failure, failure));
        one.withArray("parameters").addAll((com.fasterxml.jackson.databind.node.ArrayNode) params);
        paths.set(buckets + "/{bucket_name}/objects", list);
        paths.set(buckets + "/{bucket_name}/objects/{object_key}", one);

        Files.createDirectories(work);
        Path file = work.resolve("openapi-subset.r2.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), spec);
        return file;
    }
}
