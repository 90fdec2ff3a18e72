package dev.flareobserver.api;

/** Checks shared by the resource clients. */
public final class Requests {

  private Requests() {
  }

  /** Fails before any I/O, naming the parameter, when a required path value is missing. */
  public static String requirePathParam(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Required path parameter '" + name + "' is missing or blank");
    }
    return value;
  }

  public static Integer requireRange(String name, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }
}
