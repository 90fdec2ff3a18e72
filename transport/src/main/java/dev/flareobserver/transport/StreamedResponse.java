package dev.flareobserver.transport;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import okhttp3.Response;

/**
 * A successful answer whose body is read as a stream (an R2 object), not held in memory. Reading counts the
 * bytes into the {@link Transfer}; a cancelled transfer ends the next read with a {@link CancellationException}.
 * Close it (try-with-resources) to release the connection.
 */
public final class StreamedResponse implements Closeable {
  private final Response response;
  private final InputStream body;

  StreamedResponse(Response response, Transfer transfer) {
    this.response = response;
    long total = response.body().contentLength();
    this.body = new CountingStream(response.body().byteStream(), transfer, total);
  }

  public int status() {
    return response.code();
  }

  /** {@code -1} when the server did not say. */
  public long contentLength() {
    return response.body().contentLength();
  }

  /** The first value of a response header, or null. */
  public String header(String name) {
    return response.header(name);
  }

  public String contentType() {
    return response.header("Content-Type");
  }

  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    response.close();
  }

  private static final class CountingStream extends FilterInputStream {
    private final Transfer transfer;
    private final long total;
    private long done;

    CountingStream(InputStream in, Transfer transfer, long total) {
      super(in);
      this.transfer = transfer;
      this.total = total;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      transfer.throwIfCancelled();
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        // A cancel closes the call under a blocked read; say "cancelled", not "connection reset".
        transfer.throwIfCancelled();
        throw e;
      }
      if (n > 0) {
        done += n;
        transfer.progress(done, total);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      done += skipped;
      return skipped;
    }
  }
}
