package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** {@code primary_location_hint}: the region a new database's primary is placed in ({@code d1_primary-location-hint}). */
public enum D1LocationHint {
  WNAM("Western North America"),
  ENAM("Eastern North America"),
  WEUR("Western Europe"),
  EEUR("Eastern Europe"),
  APAC("Asia-Pacific"),
  OC("Oceania"),
  @JsonEnumDefaultValue
  UNKNOWN("unknown");

  private final String description;

  D1LocationHint(String description) {
    this.description = description;
  }

  @JsonValue
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /** "weur" or "WEUR" -> WEUR; empty for anything else (UNKNOWN is never parsed). */
  public static Optional<D1LocationHint> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (D1LocationHint hint : values()) {
      if (hint != UNKNOWN && hint.wireValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(hint);
      }
    }
    return Optional.empty();
  }
}
