package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a bucket lives ({@code r2_bucket_location}); as a create parameter it is a hint. {@code oc} (Oceania) is
 * newer than the 2024 spec's enum but wrangler offers it. Read case-insensitively: answers have been seen in
 * upper case.
 */
public enum R2Location {
  APAC, EEUR, ENAM, WEUR, WNAM, OC, UNKNOWN;

  @JsonValue
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static R2Location fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (R2Location l : values()) {
      if (l != UNKNOWN && l.name().equalsIgnoreCase(value.trim())) {
        return l;
      }
    }
    return UNKNOWN;
  }
}
