package dev.flareobserver.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The official OpenAPI subset (shared/reference/cloudflare-api/openapi-subset.json) as a validator
 * for recorded exchanges.
 *
 * <p>Two upstream quirks are corrected before validating, each on purpose and narrowly:
 * <ul>
 *   <li>Every "4XX" response schema is {@code allOf[<success response>, <failure response>]}, whose
 *       {@code success} enums ([true] and [false]) contradict each other, so no real error body can
 *       pass. We validate 4XX bodies against the failure half alone.</li>
 *   <li>The multipart request bodies (Workers script upload) declare an {@code encoding} entry named
 *       {@code <any part name>}, which the OpenAPI parser rejects as a whole document. Encodings only
 *       describe multipart parts, so they are dropped; JSON bodies are validated as before.</li>
 *   <li>Some response schemas (Queues v2 list) are {@code allOf} parts whose {@code required} names the
 *       properties of the listed item, next to {@code result}, i.e. at the envelope level, where no real
 *       body has them; and parts like {@code properties: {errors: {}}} whose empty schema the parser reads
 *       as "an object", rejecting the envelope's arrays. Such a part's {@code required} is narrowed to the
 *       properties it declares, and empty property schemas (no constraint in JSON Schema) are dropped.
 *       Queues' single-queue answers also extend {@code mq_api-response-collection} (result: an array) while
 *       declaring result an object, as the API returns it; there the base is {@code mq_api-response-common}
 *       (result: object, array or string).</li>
 *   <li>Operations such as {@code GET /accounts} list only the legacy {@code X-Auth-Email}/{@code X-Auth-Key}
 *       scheme, though the API (and wrangler) use API tokens there; security is checked by the
 *       end-to-end auth tests instead.</li>
 * </ul>
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenApiInteractionValidator validator;
    private final JsonNode spec;

    OpenApiContract(Path officialSpec, Path workDir) throws IOException {
        spec = JSON.readTree(officialSpec.toFile());
        ObjectNode corrected = spec.deepCopy();
        useFailureSchemaFor4xx(corrected);
        dropMultipartEncodings(corrected);
        fixResponseAllOfParts(corrected);
        Files.createDirectories(workDir);
        Path correctedFile = workDir.resolve("openapi-subset.corrected.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(correctedFile.toFile(), corrected);
        validator = OpenApiInteractionValidator.createForSpecificationUrl(correctedFile.toUri().toString())
                .withBasePathOverride("/client/v4")
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        // OpenAPI allows properties a schema does not list unless it says
                        // additionalProperties: false (none of these do); the validator's default is stricter.
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        // account_id's schema is the empty schema {} (any value); the validator tries to
                        // parse typeless parameters as JSON, which an id like "94fe..." is not.
                        .withLevel("validation.request.parameter.schema.invalidJson", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** True when the document describes this method and concrete path (under /client/v4). */
    boolean describes(String method, String path) {
        String relative = path.startsWith("/client/v4") ? path.substring("/client/v4".length()) : path;
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String regex = entry.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            if (relative.matches(regex) && entry.getValue().has(method.toLowerCase())) {
                return true;
            }
        }
        return false;
    }

    ValidationReport validate(RecordingProxy.Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(exchange.method()), exchange.path());
        exchange.requestHeaders().toMultimap().forEach(request::withHeader);
        for (String name : exchange.url().queryParameterNames()) {
            request.withQueryParam(name, exchange.url().queryParameterValues(name));
        }
        if (exchange.requestBody().length > 0) {
            request.withBody(new String(exchange.requestBody(), StandardCharsets.UTF_8));
        }
        return validator.validate(request.build(), response(exchange));
    }

    /** A failed validation for people: the exchange, then the validator's messages indented as it nests them. */
    static String describe(RecordingProxy.Exchange exchange, ValidationReport report) {
        return exchange.method() + " " + exchange.url() + " -> " + exchange.status() + "\n"
                + messages(report.getMessages(), "    ");
    }

    private static String messages(List<ValidationReport.Message> messages, String indent) {
        StringBuilder text = new StringBuilder();
        for (ValidationReport.Message message : messages) {
            text.append(indent).append(message.getMessage()).append('\n');
            text.append(messages(message.getNestedMessages(), indent + "  "));
        }
        return text.toString();
    }

    /** Only the response side, for requests that break the document on purpose. */
    ValidationReport validateResponse(RecordingProxy.Exchange exchange) {
        return validator.validateResponse(exchange.path(), Request.Method.valueOf(exchange.method()), response(exchange));
    }

    private static SimpleResponse response(RecordingProxy.Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().toMultimap().forEach(response::withHeader);
        if (exchange.responseBody().length > 0) {
            response.withBody(new String(exchange.responseBody(), StandardCharsets.UTF_8));
        }
        return response.build();
    }

    private static void dropMultipartEncodings(ObjectNode spec) {
        spec.path("components").path("requestBodies").forEach(body ->
                body.path("content").forEach(media -> ((ObjectNode) media).remove("encoding")));
    }

    private static void fixResponseAllOfParts(ObjectNode spec) {
        spec.get("paths").forEach(pathItem -> pathItem.forEach(operation -> operation.path("responses")
                .forEach(response -> response.path("content").forEach(media -> {
                    JsonNode allOf = media.path("schema").path("allOf");
                    boolean resultIsObject = false;
                    for (JsonNode part : allOf) {
                        resultIsObject |= "object".equals(part.at("/properties/result/type").asText());
                    }
                    for (JsonNode part : allOf) {
                        String ref = part.path("$ref").asText();
                        if (resultIsObject && ref.endsWith("-response-collection")) {
                            ((ObjectNode) part).put("$ref", ref.replace("-response-collection", "-response-common"));
                        }
                        if (!(part instanceof ObjectNode object) || !object.has("properties")) {
                            continue;
                        }
                        ObjectNode properties = (ObjectNode) object.get("properties");
                        java.util.List<String> empty = new java.util.ArrayList<>();
                        properties.fields().forEachRemaining(f -> {
                            if (f.getValue().isObject() && f.getValue().isEmpty()) {
                                empty.add(f.getKey());
                            }
                        });
                        properties.remove(empty);
                        if (object.get("required") instanceof com.fasterxml.jackson.databind.node.ArrayNode required) {
                            for (int i = required.size() - 1; i >= 0; i--) {
                                if (!properties.has(required.get(i).asText())) {
                                    required.remove(i);
                                }
                            }
                        }
                    }
                }))));
    }

    private static void useFailureSchemaFor4xx(ObjectNode spec) {
        spec.get("paths").forEach(pathItem -> pathItem.forEach(operation -> {
            JsonNode schema = operation.at("/responses/4XX/content/application~1json/schema");
            if (schema.isMissingNode() || !schema.has("allOf")) {
                return;
            }
            for (JsonNode part : schema.get("allOf")) {
                if (part.path("$ref").asText().endsWith("-failure")) {
                    ((ObjectNode) operation.at("/responses/4XX/content/application~1json")).set("schema", part.deepCopy());
                    return;
                }
            }
        }));
    }
}
