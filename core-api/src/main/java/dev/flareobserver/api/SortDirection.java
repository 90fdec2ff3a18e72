package dev.flareobserver.api;

import java.util.Locale;

/** The {@code direction} query parameter of list endpoints. */
public enum SortDirection {
  ASC,
  DESC;

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
