package dev.flareobserver.transport;

/** The client's version, from the jar manifest when packaged. */
final class Version {
  private static final String FALLBACK = "0.1.0-SNAPSHOT";

  private Version() {
  }

  static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? FALLBACK : version;
  }
}
