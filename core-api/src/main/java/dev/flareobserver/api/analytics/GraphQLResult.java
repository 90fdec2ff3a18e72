package dev.flareobserver.api.analytics;

import java.util.List;

/** A GraphQL answer with data: {@code errors} is non-empty when the data is partial. */
public record GraphQLResult<T>(T data, List<GraphQLError> errors) {

  public GraphQLResult {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public boolean isPartial() {
    return !errors.isEmpty();
  }
}
