package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import dev.flareobserver.api.analytics.GraphQLClient;
import dev.flareobserver.api.analytics.GraphQLResult;
import dev.flareobserver.transport.HttpTransport;
import java.util.List;

/** Container CPU, memory and uptime from the GraphQL Analytics API ({@code containersMetricsAdaptiveGroups}). */
public final class ContainersMetricsClient {
  private final GraphQLClient graphql;

  ContainersMetricsClient(HttpTransport transport) {
    this.graphql = new GraphQLClient(transport);
  }

  /** The rows of one query; errors beside data come back in the result, errors alone throw. */
  public GraphQLResult<List<ContainersMetricsRow>> query(ContainersMetricsQuery query) {
    JavaType data = graphql.typeOf(new com.fasterxml.jackson.core.type.TypeReference<Data>() { });
    GraphQLResult<Data> result = graphql.execute(query.toRequest(), data);
    List<ContainersMetricsRow> rows = result.data().viewer() == null || result.data().viewer().accounts() == null
        || result.data().viewer().accounts().isEmpty()
        || result.data().viewer().accounts().get(0).rows() == null
        ? List.of() : result.data().viewer().accounts().get(0).rows();
    return new GraphQLResult<>(rows, result.errors());
  }

  record Data(@JsonProperty("viewer") Viewer viewer) {
  }

  record Viewer(@JsonProperty("accounts") List<AccountNode> accounts) {
  }

  record AccountNode(@JsonProperty(ContainersMetricsFields.DATASET) List<ContainersMetricsRow> rows) {
  }
}
