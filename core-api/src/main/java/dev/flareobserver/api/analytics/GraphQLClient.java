package dev.flareobserver.api.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.RequestKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /graphql} (the Analytics API). The answer is {@code {data, errors}}, not the v4 envelope: errors
 * with no data throw {@link GraphQLException}; errors beside data are returned with it ({@link #execute}).
 * HTTP errors (400, 401, 403, 429, 5xx) stay the transport's typed exceptions. Queries are read-only, so they
 * are marked idempotent and retried like GETs; every request draws on the GraphQL rate budget.
 */
public final class GraphQLClient {
  private static final Logger LOG = LoggerFactory.getLogger(GraphQLClient.class);
  static final String PATH = "/graphql";

  private final HttpTransport transport;

  public GraphQLClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** The data of a query; throws {@link GraphQLException} when the answer has errors and no data. */
  public <T> T query(String document, Map<String, Object> variables, Class<T> dataType) {
    return query(new GraphQLRequest(document, variables, null), type().constructType(dataType));
  }

  public <T> T query(String document, Map<String, Object> variables, JavaType dataType) {
    return query(new GraphQLRequest(document, variables, null), dataType);
  }

  public <T> T query(GraphQLRequest request, JavaType dataType) {
    GraphQLResult<T> result = execute(request, dataType);
    if (result.isPartial()) {
      LOG.debug("GraphQL query {} answered partial data: {}", request.operationName(), result.errors());
    }
    return result.data();
  }

  /** Data and any errors beside it; errors without data throw {@link GraphQLException}. */
  public <T> GraphQLResult<T> execute(GraphQLRequest request, JavaType dataType) {
    Objects.requireNonNull(request, "request");
    JavaType bodyType = type().constructParametricType(Body.class, dataType);
    Body<T> body = transport.executeJson(ApiRequest.post(PATH)
        .kind(RequestKind.GRAPHQL)
        .idempotent(true)
        .jsonBody(request), bodyType);
    List<GraphQLError> errors = body.errors() == null ? List.of() : body.errors();
    if (body.data() == null) {
      throw new GraphQLException(request.operationName(), errors);
    }
    return new GraphQLResult<>(body.data(), errors);
  }

  /**
   * Runs one document of {@link WorkersInvocationsQuery} selections and returns the rows per alias (an alias
   * the answer lacks maps to an empty list). Errors beside data come back in the result.
   */
  public GraphQLResult<Map<String, List<WorkersInvocationsRow>>> workersInvocations(String operationName,
      List<WorkersInvocationsQuery> selections) {
    GraphQLRequest request = WorkersInvocationsQuery.document(operationName, selections);
    JavaType rows = type().constructCollectionType(List.class, WorkersInvocationsRow.class);
    JavaType account = type().constructMapType(LinkedHashMap.class, type().constructType(String.class), rows);
    JavaType data = type().constructParametricType(ViewerData.class, account);
    GraphQLResult<ViewerData<Map<String, List<WorkersInvocationsRow>>>> result = execute(request, data);
    Map<String, List<WorkersInvocationsRow>> byAlias = new LinkedHashMap<>();
    Map<String, List<WorkersInvocationsRow>> first = result.data().firstAccount();
    for (WorkersInvocationsQuery q : selections) {
      List<WorkersInvocationsRow> list = first == null ? null : first.get(q.alias());
      byAlias.put(q.alias(), list == null ? List.of() : list);
    }
    return new GraphQLResult<>(byAlias, result.errors());
  }

  /** The {@code settings} node for {@code workersInvocationsAdaptive}: the dataset's limits for this account. */
  public DatasetSettings workersInvocationsSettings(String accountTag) {
    if (accountTag == null || accountTag.isBlank()) {
      throw new IllegalArgumentException("accountTag is required");
    }
    StringBuilder doc = new StringBuilder("query WorkersInvocationsSettings {\n  viewer {\n    accounts(filter: {accountTag: ");
    WorkersInvocationsQuery.literal(doc, accountTag);
    doc.append("}) {\n      settings {\n        ").append(WorkersInvocationsFields.DATASET).append(" {");
    WorkersInvocationsFields.SETTINGS_FIELDS.forEach(f -> doc.append(' ').append(f));
    doc.append(" }\n      }\n    }\n  }\n}\n");
    JavaType data = type().constructParametricType(ViewerData.class, SettingsNode.class);
    ViewerData<SettingsNode> result = query(new GraphQLRequest(doc.toString(), null, "WorkersInvocationsSettings"), data);
    SettingsNode node = result.firstAccount();
    if (node == null || node.settings() == null || node.settings().get(WorkersInvocationsFields.DATASET) == null) {
      return null;
    }
    return node.settings().get(WorkersInvocationsFields.DATASET);
  }

  private TypeFactory type() {
    return transport.mapper().getTypeFactory();
  }

  /** Makes a JavaType for {@link #query(String, Map, JavaType)} from a type reference. */
  public JavaType typeOf(TypeReference<?> reference) {
    return type().constructType(reference);
  }

  record Body<T>(@JsonProperty("data") T data, @JsonProperty("errors") List<GraphQLError> errors) {
  }

  record ViewerData<A>(@JsonProperty("viewer") Viewer<A> viewer) {
    A firstAccount() {
      return viewer == null || viewer.accounts() == null || viewer.accounts().isEmpty() ? null
          : viewer.accounts().get(0);
    }
  }

  record Viewer<A>(@JsonProperty("accounts") List<A> accounts) {
  }

  record SettingsNode(@JsonProperty("settings") Map<String, DatasetSettings> settings) {
  }
}
