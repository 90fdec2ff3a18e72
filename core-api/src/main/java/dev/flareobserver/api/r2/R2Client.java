package dev.flareobserver.api.r2;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/** {@code /accounts/{account_id}/r2}. */
public final class R2Client {
  private final R2BucketsClient buckets;

  public R2Client(HttpTransport transport) {
    this.buckets = new R2BucketsClient(Objects.requireNonNull(transport, "transport"));
  }

  /** {@code .../r2/buckets} (and, below it, each bucket's objects). */
  public R2BucketsClient buckets() {
    return buckets;
  }
}
