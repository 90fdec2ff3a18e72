package dev.flareobserver.api.containers;

import dev.flareobserver.api.analytics.GraphQLRequest;
import dev.flareobserver.api.containers.ContainersMetricsFields.Aggregate;
import dev.flareobserver.api.containers.ContainersMetricsFields.Block;
import dev.flareobserver.api.containers.ContainersMetricsFields.Dimension;
import dev.flareobserver.api.containers.ContainersMetricsFields.FilterField;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code containersMetricsAdaptiveGroups} query for one account, e.g. CPU and memory per instance:
 * <pre>{@code
 * ContainersMetricsQuery.builder().accountTag(acct).since(t0).until(t1).filterApplicationId(app)
 *     .dimensions(Dimension.INSTANCE_ID).aggregates(Aggregate.AVG_CPU_UTILIZATION, Aggregate.MAX_MEMORY).build();
 * }</pre>
 * Values are written as literals, as the Workers builder does.
 */
public final class ContainersMetricsQuery {
  public static final int MAX_LIMIT = 10_000;

  private final String accountTag;
  private final Instant since;
  private final Instant until;
  private final int limit;
  private final String instanceId;
  private final String applicationId;
  private final List<Dimension> dimensions;
  private final List<Aggregate> aggregates;
  private final Dimension orderByAsc;

  private ContainersMetricsQuery(Builder b) {
    this.accountTag = b.accountTag;
    this.since = b.since;
    this.until = b.until;
    this.limit = b.limit;
    this.instanceId = b.instanceId;
    this.applicationId = b.applicationId;
    this.dimensions = List.copyOf(b.dimensions);
    this.aggregates = List.copyOf(b.aggregates);
    this.orderByAsc = b.orderByAsc;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String accountTag() {
    return accountTag;
  }

  public List<Aggregate> aggregates() {
    return aggregates;
  }

  public GraphQLRequest toRequest() {
    StringBuilder doc = new StringBuilder(512);
    doc.append("query ContainersMetrics {\n  viewer {\n    accounts(filter: {accountTag: ");
    literal(doc, accountTag);
    doc.append("}) {\n      ").append(ContainersMetricsFields.DATASET).append("(limit: ").append(limit)
        .append(", filter: {").append(FilterField.DATETIME_GEQ.fieldName()).append(": ");
    literal(doc, time(since));
    doc.append(", ").append(FilterField.DATETIME_LEQ.fieldName()).append(": ");
    literal(doc, time(until));
    if (instanceId != null) {
      doc.append(", ").append(FilterField.INSTANCE_ID.fieldName()).append(": ");
      literal(doc, instanceId);
    }
    if (applicationId != null) {
      doc.append(", ").append(FilterField.APPLICATION_ID.fieldName()).append(": ");
      literal(doc, applicationId);
    }
    doc.append('}');
    if (orderByAsc != null) {
      doc.append(", orderBy: [").append(orderByAsc.fieldName()).append("_ASC]");
    }
    doc.append(") {\n");
    if (!dimensions.isEmpty()) {
      doc.append("        dimensions {");
      dimensions.forEach(d -> doc.append(' ').append(d.fieldName()));
      doc.append(" }\n");
    }
    for (Block block : Block.values()) {
      List<Aggregate> in = aggregates.stream().filter(a -> a.block() == block).toList();
      if (!in.isEmpty()) {
        doc.append("        ").append(block.fieldName()).append(" {");
        in.forEach(a -> doc.append(' ').append(a.fieldName()));
        doc.append(" }\n");
      }
    }
    doc.append("      }\n    }\n  }\n}\n");
    return new GraphQLRequest(doc.toString(), null, "ContainersMetrics");
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void literal(StringBuilder doc, String value) {
    doc.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        doc.append('\\').append(c);
      } else if (c < 0x20) {
        doc.append(String.format("\\u%04x", (int) c));
      } else {
        doc.append(c);
      }
    }
    doc.append('"');
  }

  public static final class Builder {
    private String accountTag;
    private Instant since;
    private Instant until;
    private int limit = 1000;
    private String instanceId;
    private String applicationId;
    private final Set<Dimension> dimensions = new LinkedHashSet<>();
    private final Set<Aggregate> aggregates = new LinkedHashSet<>();
    private Dimension orderByAsc;

    private Builder() {
    }

    public Builder accountTag(String value) {
      this.accountTag = value;
      return this;
    }

    public Builder since(Instant value) {
      this.since = value;
      return this;
    }

    public Builder until(Instant value) {
      this.until = value;
      return this;
    }

    public Builder limit(int value) {
      if (value < 1 || value > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + value);
      }
      this.limit = value;
      return this;
    }

    public Builder filterInstanceId(String value) {
      this.instanceId = value;
      return this;
    }

    public Builder filterApplicationId(String value) {
      this.applicationId = value;
      return this;
    }

    public Builder dimensions(Dimension... values) {
      Arrays.stream(values).forEach(v -> dimensions.add(Objects.requireNonNull(v, "dimension")));
      return this;
    }

    public Builder aggregates(Aggregate... values) {
      Arrays.stream(values).forEach(v -> aggregates.add(Objects.requireNonNull(v, "aggregate")));
      return this;
    }

    public Builder orderByAsc(Dimension value) {
      this.orderByAsc = value;
      return this;
    }

    public ContainersMetricsQuery build() {
      if (accountTag == null || accountTag.isBlank()) {
        throw new IllegalArgumentException("accountTag is required: Cloudflare answers one account per query");
      }
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
      if (!since.isBefore(until)) {
        throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
      }
      if (aggregates.isEmpty()) {
        throw new IllegalArgumentException("Select at least one aggregate");
      }
      return new ContainersMetricsQuery(this);
    }
  }
}
