package dev.flareobserver.api.r2;

import java.util.List;

/**
 * One page of an object listing: the objects, and with a delimiter the common prefixes ("folders", from
 * {@code result_info.delimited}) on this page; {@code cursor} continues the listing ({@code null} at the end).
 */
public record R2ObjectPage(List<R2Object> objects, List<String> delimitedPrefixes, String cursor, boolean truncated) {

  public R2ObjectPage {
    objects = objects == null ? List.of() : List.copyOf(objects);
    delimitedPrefixes = delimitedPrefixes == null ? List.of() : List.copyOf(delimitedPrefixes);
    cursor = cursor == null || cursor.isEmpty() ? null : cursor;
  }
}
