package dev.flareobserver.api.analytics;

import dev.flareobserver.api.analytics.WorkersInvocationsFields.Dimension;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.FilterField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.MaxField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.QuantileField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.SumField;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One aliased {@code workersInvocationsAdaptive} selection. Several selections for the same account combine into
 * one document with {@link #document}, so an account-wide overview is one request:
 *
 * <pre>{@code
 * query AccountOverview { viewer { accounts(filter: {accountTag: "..."}) {
 *   current: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "...", datetime_leq: "..."},
 *                                       orderBy: [sum_requests_DESC]) { dimensions { scriptName } sum { requests } }
 *   previous: workersInvocationsAdaptive(...) { ... }
 * } } }
 * }</pre>
 *
 * Values are written as literals rather than variables: Cloudflare's scalar names ({@code string}, {@code Time})
 * are not documented consistently, and a literal is valid whichever the schema declares.
 */
public final class WorkersInvocationsQuery {
  public static final int MAX_LIMIT = 10_000;

  private final String alias;
  private final String accountTag;
  private final Instant since;
  private final Instant until;
  private final int limit;
  private final String scriptName;
  private final String status;
  private final List<Dimension> dimensions;
  private final List<SumField> sums;
  private final List<QuantileField> quantiles;
  private final List<MaxField> maxes;
  private final List<OrderBy> orderBy;

  private WorkersInvocationsQuery(Builder b) {
    this.alias = b.alias;
    this.accountTag = b.accountTag;
    this.since = b.since;
    this.until = b.until;
    this.limit = b.limit;
    this.scriptName = b.scriptName;
    this.status = b.status;
    this.dimensions = List.copyOf(b.dimensions);
    this.sums = List.copyOf(b.sums);
    this.quantiles = List.copyOf(b.quantiles);
    this.maxes = List.copyOf(b.maxes);
    this.orderBy = List.copyOf(b.orderBy);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String alias() {
    return alias;
  }

  public String accountTag() {
    return accountTag;
  }

  public Instant since() {
    return since;
  }

  public Instant until() {
    return until;
  }

  public int limit() {
    return limit;
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** A document with this one selection. */
  public GraphQLRequest toRequest(String operationName) {
    return document(operationName, List.of(this));
  }

  /** One document with every selection (same account, distinct aliases) under one {@code accounts} node. */
  public static GraphQLRequest document(String operationName, List<WorkersInvocationsQuery> selections) {
    requireName("operation name", operationName);
    if (selections == null || selections.isEmpty()) {
      throw new IllegalArgumentException("A query needs at least one selection");
    }
    String account = selections.get(0).accountTag;
    Set<String> aliases = new HashSet<>();
    for (WorkersInvocationsQuery q : selections) {
      if (!q.accountTag.equals(account)) {
        throw new IllegalArgumentException("Cloudflare answers one account per query; got " + account + " and "
            + q.accountTag);
      }
      if (!aliases.add(q.alias)) {
        throw new IllegalArgumentException("Alias '" + q.alias + "' is used twice");
      }
    }
    StringBuilder doc = new StringBuilder(256 * selections.size());
    doc.append("query ").append(operationName).append(" {\n  viewer {\n    accounts(filter: {accountTag: ");
    literal(doc, account);
    doc.append("}) {\n");
    for (WorkersInvocationsQuery q : selections) {
      q.appendSelection(doc);
    }
    doc.append("    }\n  }\n}\n");
    return new GraphQLRequest(doc.toString(), null, operationName);
  }

  private void appendSelection(StringBuilder doc) {
    doc.append("      ").append(alias).append(": ").append(WorkersInvocationsFields.DATASET)
        .append("(limit: ").append(limit).append(", filter: {")
        .append(FilterField.DATETIME_GEQ.fieldName()).append(": ");
    literal(doc, time(since));
    doc.append(", ").append(FilterField.DATETIME_LEQ.fieldName()).append(": ");
    literal(doc, time(until));
    if (scriptName != null) {
      doc.append(", ").append(FilterField.SCRIPT_NAME.fieldName()).append(": ");
      literal(doc, scriptName);
    }
    if (status != null) {
      doc.append(", ").append(FilterField.STATUS.fieldName()).append(": ");
      literal(doc, status);
    }
    doc.append('}');
    if (!orderBy.isEmpty()) {
      doc.append(", orderBy: [");
      for (int i = 0; i < orderBy.size(); i++) {
        doc.append(i == 0 ? "" : ", ").append(orderBy.get(i).wireName());
      }
      doc.append(']');
    }
    doc.append(") {\n");
    block(doc, "dimensions", dimensions.stream().map(Dimension::fieldName).toList());
    block(doc, "sum", sums.stream().map(SumField::fieldName).toList());
    block(doc, "quantiles", quantiles.stream().map(QuantileField::fieldName).toList());
    block(doc, "max", maxes.stream().map(MaxField::fieldName).toList());
    doc.append("      }\n");
  }

  private static void block(StringBuilder doc, String name, List<String> fields) {
    if (fields.isEmpty()) {
      return;
    }
    doc.append("        ").append(name).append(" {");
    for (String f : fields) {
      doc.append(' ').append(f);
    }
    doc.append(" }\n");
  }

  /** RFC 3339 at second precision, as the documented examples send. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A GraphQL string literal (the escapes are JSON's). */
  static void literal(StringBuilder doc, String value) {
    doc.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> doc.append("\\\"");
        case '\\' -> doc.append("\\\\");
        case '\n' -> doc.append("\\n");
        case '\r' -> doc.append("\\r");
        case '\t' -> doc.append("\\t");
        default -> {
          if (c < 0x20) {
            doc.append(String.format("\\u%04x", (int) c));
          } else {
            doc.append(c);
          }
        }
      }
    }
    doc.append('"');
  }

  static void requireName(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " is missing");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        throw new IllegalArgumentException("The " + what + " '" + name + "' is not a GraphQL name");
      }
    }
  }

  public static final class Builder {
    private String alias = WorkersInvocationsFields.DATASET;
    private String accountTag;
    private Instant since;
    private Instant until;
    private int limit = MAX_LIMIT;
    private String scriptName;
    private String status;
    private final Set<Dimension> dimensions = new LinkedHashSet<>();
    private final Set<SumField> sums = new LinkedHashSet<>();
    private final Set<QuantileField> quantiles = new LinkedHashSet<>();
    private final Set<MaxField> maxes = new LinkedHashSet<>();
    private final List<OrderBy> orderBy = new ArrayList<>();

    private Builder() {
    }

    /** The response key of this selection, e.g. {@code current}. */
    public Builder alias(String value) {
      requireName("alias", value);
      this.alias = value;
      return this;
    }

    public Builder accountTag(String value) {
      this.accountTag = value;
      return this;
    }

    /** Inclusive start ({@code datetime_geq}). */
    public Builder since(Instant value) {
      this.since = value;
      return this;
    }

    /** Inclusive end ({@code datetime_leq}). */
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

    public Builder filterScriptName(String value) {
      this.scriptName = value;
      return this;
    }

    public Builder filterStatus(String value) {
      this.status = value;
      return this;
    }

    public Builder dimensions(Dimension... values) {
      return dimensions(Arrays.asList(values));
    }

    public Builder dimensions(Collection<Dimension> values) {
      values.forEach(v -> dimensions.add(Objects.requireNonNull(v, "dimension")));
      return this;
    }

    public Builder sum(SumField... values) {
      Arrays.stream(values).forEach(v -> sums.add(Objects.requireNonNull(v, "sum field")));
      return this;
    }

    public Builder quantiles(QuantileField... values) {
      Arrays.stream(values).forEach(v -> quantiles.add(Objects.requireNonNull(v, "quantile field")));
      return this;
    }

    public Builder max(MaxField... values) {
      Arrays.stream(values).forEach(v -> maxes.add(Objects.requireNonNull(v, "max field")));
      return this;
    }

    public Builder orderBy(OrderBy... values) {
      Arrays.stream(values).forEach(v -> orderBy.add(Objects.requireNonNull(v, "orderBy")));
      return this;
    }

    public WorkersInvocationsQuery build() {
      if (accountTag == null || accountTag.isBlank()) {
        throw new IllegalArgumentException("accountTag is required: Cloudflare answers one account per query");
      }
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
      if (!since.isBefore(until)) {
        throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
      }
      if (sums.isEmpty() && quantiles.isEmpty() && maxes.isEmpty() && dimensions.isEmpty()) {
        throw new IllegalArgumentException("Select at least one dimension or aggregate");
      }
      return new WorkersInvocationsQuery(this);
    }
  }
}
