package dev.flareobserver.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A request body streamed from its source instead of held in memory, of a length known up front (the
 * Cloudflare API wants a {@code Content-Length} for uploads). A body read from a file can be opened again,
 * so a failed attempt may be replayed like any idempotent request; a body read from a caller's
 * {@link InputStream} can be read once, so it is never replayed.
 */
public final class StreamBody {

  /** Opens the bytes to send; called once per attempt. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  private final Source source;
  private final long length;
  private final String contentType;
  private final boolean reopenable;

  private StreamBody(Source source, long length, String contentType, boolean reopenable) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, was " + length);
    }
    this.source = source;
    this.length = length;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.reopenable = reopenable;
  }

  /** The file's bytes; its length is read now, and a file that changes length meanwhile fails the upload. */
  public static StreamBody ofFile(Path file, String contentType) throws IOException {
    Objects.requireNonNull(file, "file");
    return new StreamBody(() -> Files.newInputStream(file), Files.size(file), contentType, true);
  }

  /** Exactly {@code length} bytes of {@code in}, read once (the caller closes nothing: the upload does). */
  public static StreamBody ofStream(InputStream in, long length, String contentType) {
    Objects.requireNonNull(in, "in");
    boolean[] opened = {false};
    return new StreamBody(() -> {
      synchronized (opened) {
        if (opened[0]) {
          throw new IOException("A one-shot body cannot be sent twice");
        }
        opened[0] = true;
      }
      return in;
    }, length, contentType, false);
  }

  public long length() {
    return length;
  }

  public String contentType() {
    return contentType;
  }

  /** Whether a failed attempt can send the body again (files yes, caller streams no). */
  public boolean isReopenable() {
    return reopenable;
  }

  InputStream open() throws IOException {
    return source.open();
  }
}
