package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code dump_options} of an export: only the schema ({@code noData}), only the rows ({@code noSchema}), and the
 * tables to include (empty = all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record D1ExportOptions(
    @JsonProperty("no_data") Boolean noData,
    @JsonProperty("no_schema") Boolean noSchema,
    @JsonProperty("tables") List<String> tables) {

  public D1ExportOptions {
    tables = tables == null ? null : List.copyOf(tables);
  }

  /** Schema and rows of every table. */
  public static D1ExportOptions everything() {
    return new D1ExportOptions(null, null, null);
  }
}
