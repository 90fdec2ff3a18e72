package dev.flareobserver.emulator.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.auth.Principal;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.ResultPath;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import graphql.validation.rules.VariableTypesMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /client/v4/graphql}: Cloudflare's GraphQL Analytics API over the traffic simulator (Workers) and the
 * container instances' samples (Containers).
 * Answers are {@code {"data": ..., "errors": null | [{message, path, extensions: {timestamp}}]}},
 * never the v4 envelope; a refused query is HTTP 200 with errors ("a 200 response can contain an
 * error"), except the GraphQL rate limit (429). Authentication and faults are the pipeline's.
 */
public final class GraphqlEndpoint {

    /** The route template (under {@code /client/v4}); the pipeline gives it its own rate budget. */
    public static final String PATH = "/graphql";
    /** Cloudflare's GraphQL budget per token (the docs' "300 GraphQL queries per 5-minute window"). */
    public static final int QUERIES_PER_WINDOW = DatasetLimits.QUERIES_PER_WINDOW;
    public static final String RATE_LIMITED = "rate limiter budget depleted, try again after 5 minutes";

    private static final Logger LOG = LoggerFactory.getLogger(GraphqlEndpoint.class);
    private static final ObjectMapper MAPPER = new ObjectMapper(); // camelCase, nulls kept: GraphQL's own shape
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '([^']+)' in type '([^']+)' is undefined");
    private static final Pattern UNKNOWN_INPUT_FIELD = Pattern.compile("contains a field not in '([^']+)': '([^']+)'");

    /** Thread-safe and stateless: one for the JVM, like the schema. */
    private static final GraphQL GRAPHQL = GraphQL.newGraphQL(AnalyticsSchema.schema())
            .defaultDataFetcherExceptionHandler(new Errors())
            .doNotAutomaticallyDispatchDataLoader() // no data loaders here; spares per-field bookkeeping
            .build();

    private final InvocationsQuery query; // this endpoint's simulator
    private final ContainersMetricsQuery containers;
    private final Clock clock;
    private final BiPredicate<Principal, String> accountVisible;

    /**
     * @param accountVisible whether a caller may read an account's analytics
     */
    public GraphqlEndpoint(TrafficSimulator simulator, Clock clock, BiPredicate<Principal, String> accountVisible) {
        this(simulator, ContainerSamples.NONE, clock, accountVisible);
    }

    /**
     * @param containerSamples the container instances' measurements ({@code containersMetricsAdaptiveGroups})
     */
    public GraphqlEndpoint(TrafficSimulator simulator, ContainerSamples containerSamples, Clock clock,
                           BiPredicate<Principal, String> accountVisible) {
        this.clock = clock;
        this.accountVisible = accountVisible;
        this.query = new InvocationsQuery(simulator);
        this.containers = new ContainersMetricsQuery(containerSamples);
    }

    public void register(Router router) {
        router.add("POST", PATH, this::handle);
    }

    Response handle(RequestContext call) {
        Principal principal = call.principal();
        JsonNode body;
        try {
            body = MAPPER.readTree(call.body());
        } catch (IOException e) {
            return answer(400, null, List.of(error("error parsing request: the body is not JSON", null)));
        }
        if (body == null || !body.path("query").isTextual()) {
            return answer(400, null, List.of(error("error parsing request: the body needs a \"query\" string", null)));
        }
        Map<String, Object> variables = body.path("variables").isObject()
                ? MAPPER.convertValue(body.get("variables"), MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class))
                : Map.of();
        String operation = body.path("operationName").isTextual() ? body.get("operationName").asText() : null;
        return execute(body.get("query").asText(), variables, operation, account -> accountVisible.test(principal, account));
    }

    /** Runs one query for a caller who may see the accounts {@code visible} accepts (also for tests). */
    public Response execute(String query, Map<String, Object> variables, String operationName, Predicate<String> visible) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query)
                .variables(variables == null ? Map.of() : variables)
                .operationName(operationName)
                .graphQLContext(Map.of(
                        AnalyticsSchema.VISIBLE, visible,
                        AnalyticsSchema.NOW, clock.instant(),
                        AnalyticsSchema.QUERY, this.query,
                        AnalyticsSchema.CONTAINERS, this.containers,
                        // Cloudflare accepts `$t: string` where a Time goes (its docs' tutorial does), so the
                        // variable-type check is off; values are checked where they are used.
                        ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT,
                        (Predicate<Class<?>>) rule -> rule != VariableTypesMatch.class))
                .build();
        ExecutionResult result = GRAPHQL.execute(input);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (GraphQLError e : result.getErrors()) {
            errors.add(toWire(e));
        }
        return answer(200, result.getData(), errors);
    }

    /** The 429 answer of a depleted GraphQL budget. */
    public Response rateLimited(long retryAfterSeconds) {
        return answer(429, null, List.of(error(RATE_LIMITED, null)))
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    private Response answer(int status, Object data, List<Map<String, Object>> errors) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data);
        root.put("errors", errors.isEmpty() ? null : errors);
        try {
            return Response.json(status, MAPPER.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("GraphQL answer could not be serialised", e);
        }
    }

    private Map<String, Object> toWire(GraphQLError e) {
        String message = e.getMessage();
        List<Object> path = e.getPath();
        if (e instanceof ValidationError v) {
            path = v.getQueryPath() == null ? null : new ArrayList<>(v.getQueryPath());
            message = validationMessage(v);
        }
        return error(message, path);
    }

    /** graphql-java's validation wording, rewritten to Cloudflare's catalogue where one applies. */
    private static String validationMessage(ValidationError v) {
        String d = v.getDescription() == null ? v.getMessage() : v.getDescription();
        if (v.getValidationErrorType() == ValidationErrorType.FieldUndefined) {
            Matcher m = UNDEFINED_FIELD.matcher(d);
            if (m.find()) {
                return "unknown field \"" + m.group(1) + "\" on type \"" + m.group(2) + "\"";
            }
            return "unknown field: " + d;
        }
        Matcher m = UNKNOWN_INPUT_FIELD.matcher(d);
        if (m.find()) {
            return "unknown field \"" + m.group(2) + "\" on type \"" + m.group(1) + "\"";
        }
        if (v.getValidationErrorType() == ValidationErrorType.UnknownArgument) {
            return "unknown field: " + d;
        }
        return "error parsing args: " + d;
    }

    private Map<String, Object> error(String message, List<Object> path) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        // Cloudflare writes list indexes as strings: ["viewer","zones","0","firewallEventsAdaptiveGroups"].
        e.put("path", path == null ? null : path.stream().map(String::valueOf).toList());
        e.put("extensions", Map.of("timestamp", clock.instant().toString()));
        return e;
    }

    /** A refused query keeps its own message; anything else is Cloudflare's "Internal server error". */
    private static final class Errors implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters p) {
            Throwable t = p.getException();
            String message;
            if (t instanceof QueryError) {
                message = t.getMessage();
            } else {
                LOG.error("GraphQL data fetcher failed at {}", p.getPath(), t);
                message = "Internal server error";
            }
            ResultPath path = p.getPath();
            GraphQLError error = GraphqlErrorBuilder.newError().message(message).path(path)
                    .location(p.getSourceLocation()).build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }
}
