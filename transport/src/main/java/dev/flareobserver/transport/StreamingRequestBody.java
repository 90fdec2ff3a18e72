package dev.flareobserver.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Writes a {@link StreamBody} in 64 KiB chunks, reporting progress after each and stopping at the next chunk
 * once the transfer is cancelled. Each attempt opens the source again and counts from zero.
 */
final class StreamingRequestBody extends RequestBody {
  private static final int CHUNK = 64 * 1024;

  private final StreamBody body;
  private final Transfer transfer;
  private final MediaType mediaType;

  StreamingRequestBody(StreamBody body, Transfer transfer) {
    this.body = body;
    this.transfer = transfer;
    this.mediaType = MediaType.get(body.contentType());
  }

  @Override
  public MediaType contentType() {
    return mediaType;
  }

  @Override
  public long contentLength() {
    return body.length();
  }

  @Override
  public boolean isOneShot() {
    return !body.isReopenable();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    long total = body.length();
    long done = 0;
    transfer.progress(0, total);
    try (InputStream in = body.open(); Source source = Okio.source(in)) {
      while (done < total) {
        if (transfer.isCancelled()) {
          // An I/O exception ends the call and closes the connection, so the server sees a cut-off body.
          throw new InterruptedIOException("The upload was cancelled");
        }
        long n = Math.min(CHUNK, total - done);
        try {
          // Straight from the source into the sink's segments: no copy through a buffer of our own.
          sink.write(source, n);
        } catch (EOFException shorter) {
          throw new IOException("The upload source ended before the " + total + " bytes announced", shorter);
        }
        done += n;
        transfer.progress(done, total);
      }
      if (body.isReopenable() && in.read() >= 0) {
        throw new IOException("The file grew during the upload (it was " + total + " bytes)");
      }
    }
  }
}
