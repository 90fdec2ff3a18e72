package dev.flareobserver.api.analytics;

import dev.flareobserver.transport.CloudflareException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The GraphQL API answered with {@code errors[]} and no data (Cloudflare does so with HTTP 200 too), e.g.
 * "unknown field ...", "query time range is too large", "cannot request data older than 2678400s".
 */
public class GraphQLException extends CloudflareException {
  private final String queryName;
  private final List<GraphQLError> errors;

  public GraphQLException(String queryName, List<GraphQLError> errors) {
    super(describe(queryName, errors));
    this.queryName = queryName;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  private static String describe(String queryName, List<GraphQLError> errors) {
    String what = errors == null || errors.isEmpty()
        ? "no data and no error message"
        : errors.stream().map(GraphQLError::toString).collect(Collectors.joining("; "));
    return "GraphQL query " + (queryName == null ? "(unnamed)" : queryName) + " failed: " + what;
  }

  /** The operation name of the query, e.g. {@code AccountOverview}. */
  public String queryName() {
    return queryName;
  }

  public List<GraphQLError> errors() {
    return errors;
  }

  /** The first error's message, as Cloudflare wrote it. */
  public String firstMessage() {
    return errors.isEmpty() ? null : errors.get(0).message();
  }

  /** The first error's path ({@code viewer.accounts.0.current}), or empty. */
  public String path() {
    return errors.isEmpty() ? "" : errors.get(0).pathText();
  }
}
