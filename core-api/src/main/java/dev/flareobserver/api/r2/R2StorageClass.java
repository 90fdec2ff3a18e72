package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** {@code r2_storage_class}: a bucket's default for new objects, or an object's own. */
public enum R2StorageClass {
  STANDARD("Standard"),
  INFREQUENT_ACCESS("InfrequentAccess"),
  UNKNOWN("Unknown");

  private final String wire;

  R2StorageClass(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wireValue() {
    return wire;
  }

  @JsonCreator
  public static R2StorageClass fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (R2StorageClass c : values()) {
      if (c != UNKNOWN && c.wire.equalsIgnoreCase(value.trim())) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
