package dev.flareobserver.api.r2;

import dev.flareobserver.transport.StreamedResponse;
import java.io.Closeable;
import java.io.InputStream;

/**
 * An object's bytes as a stream ({@code GET .../objects/{object_key}} answers raw bytes, not an envelope), with
 * the headers that describe them. Close it to release the connection.
 */
public final class R2ObjectBody implements Closeable {
  private final StreamedResponse response;

  R2ObjectBody(StreamedResponse response) {
    this.response = response;
  }

  public InputStream body() {
    return response.body();
  }

  /** {@code -1} when the server did not say. */
  public long contentLength() {
    return response.contentLength();
  }

  public String contentType() {
    return response.contentType();
  }

  /** The ETag without its quotes, or null. */
  public String etag() {
    String etag = response.header("ETag");
    return etag == null ? null : etag.replace("\"", "");
  }

  public String header(String name) {
    return response.header(name);
  }

  @Override
  public void close() {
    response.close();
  }
}
