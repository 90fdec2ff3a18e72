package dev.flareobserver.transport;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import okhttp3.Call;

/**
 * Watches and can stop one streamed upload or download: bytes moved so far (reported per chunk, from the
 * thread doing the I/O) and a cancel that may come from any thread. A cancel stops the transfer at the next
 * chunk and cancels the HTTP call, so a blocked read or write ends too; the transfer then fails with a
 * {@link CancellationException}.
 */
public final class Transfer {

  /** Told the bytes moved so far and the total ({@code -1} when unknown). */
  @FunctionalInterface
  public interface Listener {
    void progress(long done, long total);
  }

  private final Listener listener;
  private final BooleanSupplier cancelledElsewhere;
  private volatile boolean cancelled;
  private volatile Call call;

  private Transfer(Listener listener, BooleanSupplier cancelledElsewhere) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.cancelledElsewhere = Objects.requireNonNull(cancelledElsewhere, "cancelledElsewhere");
  }

  /** A transfer nobody watches or cancels. */
  public static Transfer untracked() {
    return new Transfer((done, total) -> { }, () -> false);
  }

  public static Transfer watched(Listener listener) {
    return new Transfer(listener, () -> false);
  }

  /**
   * @param cancelledElsewhere also polled at every chunk, e.g. the cancel flag of the task the transfer runs in
   */
  public static Transfer watched(Listener listener, BooleanSupplier cancelledElsewhere) {
    return new Transfer(listener, cancelledElsewhere);
  }

  public void cancel() {
    cancelled = true;
    Call current = call;
    if (current != null) {
      current.cancel();
    }
  }

  public boolean isCancelled() {
    return cancelled || cancelledElsewhere.getAsBoolean();
  }

  /** Throws once the transfer was cancelled; the I/O loops call it between chunks. */
  void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("The transfer was cancelled");
    }
  }

  void attach(Call value) {
    call = value;
    if (cancelled) {
      value.cancel();
    }
  }

  void progress(long done, long total) {
    listener.progress(done, total);
  }
}
