package dev.flareobserver.emulator.graphql;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.execution.CoercedVariables;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The GraphQL schema of the emulator's analytics: the part of Cloudflare's schema that Workers
 * analytics use, with Cloudflare's type and field names (graphql-analytics.md §3). Scalars are
 * lenient as Cloudflare's are: {@code Time}, {@code Date} and {@code string} all carry strings, so
 * the docs' tutorial (which declares its times as {@code string}) works.
 */
final class AnalyticsSchema {

    /** GraphQL context keys set per request. */
    static final String VISIBLE = "flare.visibleAccount";
    static final String ACCOUNT = "flare.account";
    static final String QUERY = "flare.query";
    static final String CONTAINERS = "flare.containers";
    static final String NOW = "flare.now";

    /** One account node of the result. */
    record AccountNode(String accountTag) {
    }

    /** The time bounds every dataset's filter takes (the emulator's datasets all count by start time). */
    private static final String TIME_FILTERS = Stream.of("datetime_geq", "datetime_gt", "datetime_leq", "datetime_lt")
            .map(f -> "  " + f + ": Time\n").collect(Collectors.joining())
            + Stream.of("date", "date_geq", "date_gt", "date_leq", "date_lt")
            .map(f -> "  " + f + ": Date\n").collect(Collectors.joining());

    private AnalyticsSchema() {
    }

    static String sdl() {
        StringBuilder order = new StringBuilder();
        List<String> keys = new ArrayList<>(DatasetLimits.DIMENSIONS);
        DatasetLimits.SUMS.forEach(f -> keys.add("sum_" + f));
        DatasetLimits.QUANTILES.forEach(f -> keys.add("quantiles_" + f));
        DatasetLimits.MAXES.forEach(f -> keys.add("max_" + f));
        DatasetLimits.AVGS.forEach(f -> keys.add("avg_" + f));
        for (String k : keys) {
            order.append("  ").append(k).append("_ASC\n  ").append(k).append("_DESC\n");
        }
        return workersSdl(order.toString()) + containersSdl();
    }

    /** {@code containersMetricsAdaptiveGroups}, with the fields graphql-analytics.md §4 lists. */
    private static String containersSdl() {
        StringBuilder order = new StringBuilder();
        List<String> keys = new ArrayList<>(ContainersMetricsQuery.DIMENSIONS);
        keys.add("count");
        ContainersMetricsQuery.SUMS.forEach(f -> keys.add("sum_" + f));
        ContainersMetricsQuery.AVGS.forEach(f -> keys.add("avg_" + f));
        ContainersMetricsQuery.MAXES.forEach(f -> keys.add("max_" + f));
        ContainersMetricsQuery.QUANTILES.forEach(f -> keys.add("quantiles_" + f));
        for (String k : keys) {
            order.append("  ").append(k).append("_ASC\n  ").append(k).append("_DESC\n");
        }
        StringBuilder filter = new StringBuilder();
        for (String d : List.of("instanceId", "placementId", "applicationId", "location", "region")) {
            filter.append("  ").append(d).append(": string\n  ").append(d).append("_in: [string!]\n  ")
                    .append(d).append("_neq: string\n");
        }
        return """

                extend type Account {
                  containersMetricsAdaptiveGroups(limit: uint64, filter: AccountContainersMetricsAdaptiveGroupsFilter_InputObject,
                                                  orderBy: [AccountContainersMetricsAdaptiveGroupsOrderBy!]): [AccountContainersMetricsAdaptiveGroups!]
                }

                extend type AccountSettings {
                  containersMetricsAdaptiveGroups: SettingNode
                }

                input AccountContainersMetricsAdaptiveGroupsFilter_InputObject {
                  AND: [AccountContainersMetricsAdaptiveGroupsFilter_InputObject!]
                  OR: [AccountContainersMetricsAdaptiveGroupsFilter_InputObject!]
                %s  labels_has: string
                %s}

                enum AccountContainersMetricsAdaptiveGroupsOrderBy {
                %s}

                type AccountContainersMetricsAdaptiveGroups {
                  count: uint64!
                  dimensions: AccountContainersMetricsAdaptiveGroupsDimensions
                  sum: AccountContainersMetricsAdaptiveGroupsSum
                  avg: AccountContainersMetricsAdaptiveGroupsAvg
                  max: AccountContainersMetricsAdaptiveGroupsMax
                  quantiles: AccountContainersMetricsAdaptiveGroupsQuantiles
                }

                type AccountContainersMetricsAdaptiveGroupsDimensions {
                  instanceId: string!
                  placementId: string!
                  applicationId: string!
                  location: string!
                  region: string!
                  "The value of the application's label of that name (empty when unset)."
                  label(name: string!): string!
                  date: Date!
                  datetime: Time!
                  datetimeMinute: Time!
                  datetimeFiveMinutes: Time!
                  datetimeFifteenMinutes: Time!
                  datetimeHour: Time!
                  datetimeSixHours: Time!
                }

                "cpuTimeSec in CPU seconds; allocatedMemory, allocatedDisk in byte-seconds; allocatedCpu in vCPU-seconds."
                type AccountContainersMetricsAdaptiveGroupsSum {
                %s}

                "memory in bytes; cpuUtilization a 0..1 share of the allocated vCPU; bandwidth in bits per second."
                type AccountContainersMetricsAdaptiveGroupsAvg {
                %s}

                type AccountContainersMetricsAdaptiveGroupsMax {
                %s}

                type AccountContainersMetricsAdaptiveGroupsQuantiles {
                %s}
                """.formatted(TIME_FILTERS, filter, order, fields(ContainersMetricsQuery.SUMS, f -> f.endsWith("Bytes") ? "uint64!" : "float64!"),
                fields(ContainersMetricsQuery.AVGS, f -> "float64!"), fields(ContainersMetricsQuery.MAXES, f -> "float64!"),
                fields(ContainersMetricsQuery.QUANTILES, f -> "float64!"));
    }

    private static String fields(List<String> names, java.util.function.UnaryOperator<String> type) {
        StringBuilder out = new StringBuilder();
        names.forEach(n -> out.append("  ").append(n).append(": ").append(type.apply(n)).append('\n'));
        return out.toString();
    }

    private static String workersSdl(String order) {
        return """
                scalar Time
                scalar Date
                scalar string
                scalar uint64
                scalar float64

                schema { query: Query }

                type Query {
                  viewer: Viewer
                }

                type Viewer {
                  accounts(filter: AccountFilter_InputObject!): [Account!]!
                }

                input AccountFilter_InputObject {
                  accountTag: string
                  accountTag_in: [string!]
                }

                type Account {
                  workersInvocationsAdaptive(limit: uint64, filter: AccountWorkersInvocationsAdaptiveFilter_InputObject,
                                             orderBy: [AccountWorkersInvocationsAdaptiveOrderBy!]): [AccountWorkersInvocationsAdaptive!]
                  settings: AccountSettings
                }

                type AccountSettings {
                  workersInvocationsAdaptive: SettingNode
                }

                type SettingNode {
                  enabled: Boolean!
                  availableFields: [string!]!
                  maxPageSize: uint64!
                  maxNumberOfFields: uint64!
                  notOlderThan: uint64!
                  maxDuration: uint64!
                }

                input AccountWorkersInvocationsAdaptiveFilter_InputObject {
                  AND: [AccountWorkersInvocationsAdaptiveFilter_InputObject!]
                  OR: [AccountWorkersInvocationsAdaptiveFilter_InputObject!]
                %s  scriptName: string
                  scriptName_in: [string!]
                  scriptName_neq: string
                  status: string
                  status_in: [string!]
                  status_neq: string
                  scriptVersion: string
                  scriptVersion_in: [string!]
                }

                enum AccountWorkersInvocationsAdaptiveOrderBy {
                %s}

                type AccountWorkersInvocationsAdaptive {
                  dimensions: AccountWorkersInvocationsAdaptiveDimensions
                  sum: AccountWorkersInvocationsAdaptiveSum
                  quantiles: AccountWorkersInvocationsAdaptiveQuantiles
                  max: AccountWorkersInvocationsAdaptiveMax
                  avg: AccountWorkersInvocationsAdaptiveAvg
                }

                type AccountWorkersInvocationsAdaptiveDimensions {
                  date: Date!
                  datetime: Time!
                  datetimeMinute: Time!
                  datetimeFifteenMinutes: Time!
                  datetimeHour: Time!
                  scriptName: string!
                  scriptVersion: string!
                  status: string!
                }

                "Sums; wallTime in microseconds, duration in GB-seconds."
                type AccountWorkersInvocationsAdaptiveSum {
                  requests: uint64!
                  errors: uint64!
                  subrequests: uint64!
                  wallTime: uint64!
                  duration: float64!
                }

                "cpuTime and wallTime quantiles in microseconds, duration in GB-seconds."
                type AccountWorkersInvocationsAdaptiveQuantiles {
                  cpuTimeP50: float64!
                  cpuTimeP75: float64!
                  cpuTimeP99: float64!
                  cpuTimeP999: float64!
                  wallTimeP50: float64!
                  wallTimeP99: float64!
                  durationP50: float64!
                  durationP75: float64!
                  durationP99: float64!
                  durationP999: float64!
                }

                type AccountWorkersInvocationsAdaptiveMax {
                  cpuTime: uint64!
                  wallTime: uint64!
                  duration: float64!
                }

                type AccountWorkersInvocationsAdaptiveAvg {
                  sampleInterval: float64!
                }
                """.formatted(TIME_FILTERS, order);
    }

    /**
     * The schema: built once per JVM (it costs tens of milliseconds, and the emulator's start-up
     * budget is small); the simulator a query reads comes in the GraphQL context under {@link #QUERY}.
     */
    static GraphQLSchema schema() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final GraphQLSchema SCHEMA = build();
    }

    private static GraphQLSchema build() {
        DataFetcher<Object> rowPart = DataFetchingEnvironment::getSource;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(stringScalar("Time", "A time in RFC 3339, e.g. 2022-08-04T00:00:00Z"))
                .scalar(stringScalar("Date", "A date, e.g. 2022-08-04"))
                .scalar(stringScalar("string", "A string"))
                .scalar(numberScalar("uint64", true))
                .scalar(numberScalar("float64", false))
                .type("Query", t -> t.dataFetcher("viewer", env -> Map.of()))
                .type("Viewer", t -> t.dataFetcher("accounts", AnalyticsSchema::accounts))
                .type("Account", t -> t
                        .dataFetcher("workersInvocationsAdaptive", AnalyticsSchema::invocations)
                        .dataFetcher("containersMetricsAdaptiveGroups", AnalyticsSchema::containerMetrics)
                        .dataFetcher("settings", env -> env.getSource()))
                .type("AccountSettings", t -> t.dataFetcher("workersInvocationsAdaptive", env -> settings())
                        .dataFetcher("containersMetricsAdaptiveGroups", env -> containersSettings()))
                .type("AccountContainersMetricsAdaptiveGroups", t -> t
                        .dataFetcher("count", env -> ((ContainersMetricsQuery.Group) env.getSource()).count())
                        .dataFetcher("dimensions", rowPart).dataFetcher("sum", rowPart)
                        .dataFetcher("avg", rowPart).dataFetcher("max", rowPart).dataFetcher("quantiles", rowPart))
                .type(TypeRuntimeWiring.newTypeWiring("AccountContainersMetricsAdaptiveGroupsDimensions")
                        .defaultDataFetcher(env -> ((ContainersMetricsQuery.Group) env.getSource()).dimension(
                                env.getField().getName().equals("label")
                                        ? ContainersMetricsQuery.labelKey(env.getArgument("name"))
                                        : env.getField().getName())).build())
                .type(containerPart("AccountContainersMetricsAdaptiveGroupsSum", "sum"))
                .type(containerPart("AccountContainersMetricsAdaptiveGroupsAvg", "avg"))
                .type(containerPart("AccountContainersMetricsAdaptiveGroupsMax", "max"))
                .type(containerPart("AccountContainersMetricsAdaptiveGroupsQuantiles", "quantiles"))
                .type("AccountWorkersInvocationsAdaptive", t -> t
                        .dataFetcher("dimensions", rowPart).dataFetcher("sum", rowPart)
                        .dataFetcher("quantiles", rowPart).dataFetcher("max", rowPart).dataFetcher("avg", rowPart))
                .type(part("AccountWorkersInvocationsAdaptiveDimensions", null))
                .type(part("AccountWorkersInvocationsAdaptiveSum", "sum"))
                .type(part("AccountWorkersInvocationsAdaptiveQuantiles", "quantiles"))
                .type(part("AccountWorkersInvocationsAdaptiveMax", "max"))
                .type(part("AccountWorkersInvocationsAdaptiveAvg", "avg"))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl()), wiring);
        // Clients declare variables with the standard scalars (lablabs: `$limit: Int!`); they exist
        // in the schema even where no field uses them.
        return GraphQLSchema.newSchema(schema).additionalType(Scalars.GraphQLInt).additionalType(Scalars.GraphQLFloat)
                .additionalType(Scalars.GraphQLString).additionalType(Scalars.GraphQLID).build();
    }

    private static TypeRuntimeWiring part(String type, String part) {
        return TypeRuntimeWiring.newTypeWiring(type).defaultDataFetcher(env -> {
            InvocationsQuery.Row row = env.getSource();
            String field = env.getField().getName();
            return part == null ? row.dimension(field) : row.value(part, field);
        }).build();
    }

    private static TypeRuntimeWiring containerPart(String type, String part) {
        return TypeRuntimeWiring.newTypeWiring(type).defaultDataFetcher(env ->
                ((ContainersMetricsQuery.Group) env.getSource()).value(part, env.getField().getName())).build();
    }

    /** The containers dataset's limits: Cloudflare's are unconfirmed; the emulator applies the Workers dataset's. */
    private static Map<String, Object> containersSettings() {
        List<String> available = new ArrayList<>();
        ContainersMetricsQuery.DIMENSIONS.forEach(f -> available.add("dimensions." + f));
        available.add("count");
        ContainersMetricsQuery.SUMS.forEach(f -> available.add("sum." + f));
        ContainersMetricsQuery.AVGS.forEach(f -> available.add("avg." + f));
        ContainersMetricsQuery.MAXES.forEach(f -> available.add("max." + f));
        ContainersMetricsQuery.QUANTILES.forEach(f -> available.add("quantiles." + f));
        return Map.of("enabled", true, "availableFields", available,
                "maxPageSize", DatasetLimits.MAX_PAGE_SIZE, "maxNumberOfFields", DatasetLimits.MAX_NUMBER_OF_FIELDS,
                "notOlderThan", DatasetLimits.NOT_OLDER_THAN_SECONDS, "maxDuration", DatasetLimits.MAX_DURATION_SECONDS);
    }

    private static Map<String, Object> settings() {
        return Map.of("enabled", true, "availableFields", DatasetLimits.availableFields(),
                "maxPageSize", DatasetLimits.MAX_PAGE_SIZE, "maxNumberOfFields", DatasetLimits.MAX_NUMBER_OF_FIELDS,
                "notOlderThan", DatasetLimits.NOT_OLDER_THAN_SECONDS, "maxDuration", DatasetLimits.MAX_DURATION_SECONDS);
    }

    /** Exactly one account per query, one the caller may see. */
    @SuppressWarnings("unchecked")
    private static List<AccountNode> accounts(DataFetchingEnvironment env) {
        Map<String, Object> filter = env.getArgument("filter");
        Set<String> tags = new LinkedHashSet<>();
        if (filter.get("accountTag") != null) {
            tags.add((String) filter.get("accountTag"));
        }
        if (filter.get("accountTag_in") != null) {
            tags.addAll((List<String>) filter.get("accountTag_in"));
        }
        if (tags.isEmpty()) {
            throw new QueryError("an account-scoped query needs filter: {accountTag: ...}");
        }
        GraphQLContext context = env.getGraphQlContext();
        String previous = context.get(ACCOUNT);
        Set<String> all = new LinkedHashSet<>(tags);
        if (previous != null) {
            all.add(previous);
        }
        if (all.size() > 1) {
            throw new QueryError("in combination, your request queries too many nodes, zones and accounts "
                    + "(limit: 1 account per query)");
        }
        String account = tags.iterator().next();
        Predicate<String> visible = context.get(VISIBLE);
        if (visible == null || !visible.test(account)) {
            throw new QueryError("not authorized for that account");
        }
        context.put(ACCOUNT, account);
        return List.of(new AccountNode(account));
    }

    /** The dataset rules every adaptive dataset shares: a {@code limit} in range, not too many fields. */
    private static long limit(DataFetchingEnvironment env, int fields) {
        Object limitArg = env.getArgument("limit");
        long limit = limitArg == null ? -1 : ((Number) limitArg).longValue();
        if (limit < 1 || limit > DatasetLimits.MAX_PAGE_SIZE) {
            throw new QueryError("limit must be positive number and not greater than " + DatasetLimits.MAX_PAGE_SIZE);
        }
        if (fields > DatasetLimits.MAX_NUMBER_OF_FIELDS) {
            throw new QueryError("number of fields can't be more than " + DatasetLimits.MAX_NUMBER_OF_FIELDS);
        }
        return limit;
    }

    private static List<ContainersMetricsQuery.Group> containerMetrics(DataFetchingEnvironment env) {
        ContainersMetricsQuery query = env.getGraphQlContext().get(CONTAINERS);
        AccountNode account = env.getSource();
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        long limit = limit(env, selection.getFields("*/*").size() + (selection.contains("count") ? 1 : 0));
        List<String> dimensions = new ArrayList<>();
        for (SelectedField f : selection.getFields("dimensions/*")) {
            String key = f.getName().equals("label") ? ContainersMetricsQuery.labelKey((String) f.getArguments().get("name"))
                    : f.getName();
            if (!dimensions.contains(key)) {
                dimensions.add(key);
            }
        }
        ContainersMetricsFilter filter = ContainersMetricsFilter.of(env.getArgument("filter"));
        java.time.Instant now = env.getGraphQlContext().get(NOW);
        checkRange(filter.lower(), filter.upper(), now);
        return query.run(account.accountTag(), new ContainersMetricsQuery.Spec(dimensions, limit,
                env.getArgument("orderBy")), filter, now);
    }

    private static List<InvocationsQuery.Row> invocations(DataFetchingEnvironment env) {
        InvocationsQuery query = env.getGraphQlContext().get(QUERY);
        AccountNode account = env.getSource();
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        long limit = limit(env, selection.getFields("*/*").size());
        Set<String> dimensions = new LinkedHashSet<>();
        for (SelectedField f : selection.getFields("dimensions/*")) {
            dimensions.add(f.getName());
        }
        List<String> orderBy = env.getArgument("orderBy");
        boolean latency = !selection.getFields("quantiles/*").isEmpty() || !selection.getFields("max/*").isEmpty()
                || selection.contains("sum/wallTime") || selection.contains("sum/duration")
                || (orderBy != null && orderBy.stream().anyMatch(o -> o.startsWith("quantiles_") || o.startsWith("max_")
                || o.startsWith("sum_wallTime") || o.startsWith("sum_duration")));

        InvocationsFilter filter = InvocationsFilter.of(env.getArgument("filter"));
        java.time.Instant now = env.getGraphQlContext().get(NOW);
        checkRange(filter.lower(), filter.upper(), now);
        return query.run(account.accountTag(), new InvocationsQuery.Spec(dimensions, latency, limit, orderBy), filter);
    }

    private static void checkRange(java.time.Instant lower, java.time.Instant upperBound, java.time.Instant now) {
        java.time.Instant upper = upperBound == null ? now : upperBound;
        if (lower == null) {
            throw new QueryError("query time range is too large: the filter needs a lower time bound "
                    + "(datetime_geq, datetime_gt, date_geq, date_gt or date) and may span at most "
                    + DatasetLimits.MAX_DURATION_SECONDS + "s");
        }
        if (lower.isBefore(now.minusSeconds(DatasetLimits.NOT_OLDER_THAN_SECONDS))) {
            throw new QueryError("cannot request data older than " + DatasetLimits.NOT_OLDER_THAN_SECONDS + "s");
        }
        long seconds = upper.getEpochSecond() - lower.getEpochSecond();
        if (seconds > DatasetLimits.MAX_DURATION_SECONDS) {
            throw new QueryError("query time range is too large: " + seconds + "s requested, the maximum is "
                    + DatasetLimits.MAX_DURATION_SECONDS + "s");
        }
    }

    private static GraphQLScalarType stringScalar(String name, String description) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                return value.toString();
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof String || input instanceof Number || input instanceof Boolean) {
                    return input.toString();
                }
                throw new CoercingParseValueException("expected a string for " + name + ", got " + input);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                if (input instanceof StringValue s) {
                    return s.getValue();
                }
                throw new CoercingParseLiteralException("expected a string for " + name);
            }
        }).build();
    }

    private static GraphQLScalarType numberScalar(String name, boolean integral) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                if (!(value instanceof Number n)) {
                    throw new CoercingSerializeException("not a number: " + value);
                }
                if (integral || (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15)) {
                    return n.longValue(); // whole numbers print as 206, as Cloudflare's do
                }
                return n.doubleValue();
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof Number n) {
                    return integral ? (Object) n.longValue() : (Object) n.doubleValue();
                }
                if (input instanceof String s) {
                    try {
                        return integral ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new CoercingParseValueException("not a number: " + s);
                    }
                }
                throw new CoercingParseValueException("not a number: " + input);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                if (input instanceof IntValue i) {
                    return integral ? (Object) i.getValue().longValue() : (Object) i.getValue().doubleValue();
                }
                if (input instanceof FloatValue f && !integral) {
                    return f.getValue().doubleValue();
                }
                throw new CoercingParseLiteralException("expected a number for " + name);
            }
        }).build();
    }
}
