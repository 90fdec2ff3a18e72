package dev.flareobserver.api.kv;

import java.util.Locale;

/** The {@code order} query parameter of the namespace list. */
public enum KvNamespaceOrder {
  ID,
  TITLE;

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
