package dev.flareobserver.api.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The body of {@code POST /graphql}: {@code {query, variables, operationName?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphQLRequest(
    @JsonProperty("query") String query,
    @JsonProperty("variables") Map<String, Object> variables,
    @JsonProperty("operationName") String operationName) {

  public GraphQLRequest {
    Objects.requireNonNull(query, "query");
    // Values may be null in GraphQL variables, which Map.copyOf refuses.
    variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
