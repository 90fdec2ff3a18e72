package dev.flareobserver.api.r2;

import java.util.List;

/** One page of buckets and the cursor of the next ({@code null} on the last page). */
public record R2BucketPage(List<R2Bucket> buckets, String cursor) {

  public R2BucketPage {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
    cursor = cursor == null || cursor.isEmpty() ? null : cursor;
  }
}
