package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.failure;
import static dev.flareobserver.transport.TestSupport.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingTransferTest {
  private static final String OBJECT = "/accounts/{account_id}/r2/buckets/{bucket}/objects/{key}";

  @TempDir
  Path dir;
  private MockWebServer server;
  private HttpTransport transport;
  private final List<long[]> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    transport = TestSupport.transportFor(server).build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  private ApiRequest put(String key) {
    return ApiRequest.put(OBJECT).pathParam("account_id", "acc").pathParam("bucket", "photos").pathParam("key", key);
  }

  private Transfer watched() {
    return Transfer.watched((done, total) -> progress.add(new long[] {done, total}));
  }

  private Path file(int size) throws IOException {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    Path f = dir.resolve("upload-" + size + ".bin");
    Files.write(f, bytes);
    return f;
  }

  @Test
  void fileUploadSendsTheBytesWithLengthTypeHeadersAndReportsProgressToTheEnd() throws Exception {
    Path f = file(300_000);
    server.enqueue(success("{\"key\":\"a/b.bin\",\"size\":300000}"));

    ApiResult<Map> result = transport.executeUpload(put("a/b.bin").header("Cache-Control", "max-age=60"),
        StreamBody.ofFile(f, "application/octet-stream"), watched(), Map.class);

    assertThat(result.result()).containsEntry("size", 300000);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PUT");
    // The key is one path segment: its slash travels encoded.
    assertThat(request.getPath()).isEqualTo("/client/v4/accounts/acc/r2/buckets/photos/objects/a%2Fb.bin");
    assertThat(request.getHeader("Content-Length")).isEqualTo("300000");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(request.getHeader("Cache-Control")).isEqualTo("max-age=60");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TestSupport.TOKEN);
    assertThat(request.getBody().readByteArray()).isEqualTo(Files.readAllBytes(f));
    assertThat(progress.get(progress.size() - 1)).containsExactly(300_000, 300_000);
    assertThat(progress).hasSizeGreaterThan(3);
    assertThat(transport.rateBudget().snapshot().restRemaining()).isLessThan(1200);
  }

  @Test
  void aFileUploadIsRetriedWithTheWholeFileAgainButAOneShotStreamNever() throws Exception {
    HttpTransport retrying = TestSupport.transportFor(server)
        .retryPolicy(RetryPolicy.defaults().withJitter(0)).build();
    Path f = file(100_000);
    server.enqueue(failure(503, 10001, "busy"));
    server.enqueue(success("{\"size\":100000}"));
    retrying.executeUpload(put("k"), StreamBody.ofFile(f, "application/octet-stream"), watched(), Map.class);
    assertThat(server.takeRequest().getBodySize()).isEqualTo(100_000);
    assertThat(server.takeRequest().getBody().readByteArray()).isEqualTo(Files.readAllBytes(f));

    server.enqueue(failure(503, 10001, "busy"));
    server.enqueue(success("{\"size\":100000}"));
    InputStream once = new ByteArrayInputStream(Files.readAllBytes(f));
    assertThatThrownBy(() -> retrying.executeUpload(put("k"), StreamBody.ofStream(once, 100_000, "text/plain"),
        Transfer.untracked(), Map.class)).isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
    retrying.close();
  }

  @Test
  void aCancelledUploadStopsMidwayAndSaysCancelled() throws Exception {
    Path f = file(2_000_000);
    server.enqueue(success("{}"));
    Transfer[] transfer = new Transfer[1];
    transfer[0] = Transfer.watched((done, total) -> {
      if (done >= 256 * 1024) {
        transfer[0].cancel();
      }
    });

    assertThatThrownBy(() -> transport.executeUpload(put("big"), StreamBody.ofFile(f, "application/octet-stream"),
        transfer[0], Map.class)).isInstanceOf(CancellationException.class).hasMessageContaining("cancelled");
  }

  @Test
  void aTaskCancelFlagAlsoStopsTheUpload() throws Exception {
    Path f = file(1_000_000);
    server.enqueue(success("{}"));
    boolean[] flag = {false};
    Transfer transfer = Transfer.watched((done, total) -> flag[0] = done > 100_000, () -> flag[0]);

    assertThatThrownBy(() -> transport.executeUpload(put("big"), StreamBody.ofFile(f, "application/octet-stream"),
        transfer, Map.class)).isInstanceOf(CancellationException.class);
  }

  @Test
  void aStreamedDownloadHandsOverTheBodyAndItsHeadersAndCountsWhatWasRead() throws Exception {
    byte[] bytes = Files.readAllBytes(file(500_000));
    server.enqueue(new MockResponse().setBody(new Buffer().write(bytes)).setHeader("Content-Type", "image/png")
        .setHeader("ETag", "\"abc\""));

    try (StreamedResponse response = transport.executeStream(
        ApiRequest.get(OBJECT).pathParam("account_id", "acc").pathParam("bucket", "photos").pathParam("key", "x.png"),
        watched())) {
      assertThat(response.contentType()).isEqualTo("image/png");
      assertThat(response.header("etag")).isEqualTo("\"abc\"");
      assertThat(response.contentLength()).isEqualTo(500_000);
      assertThat(response.body().readAllBytes()).isEqualTo(bytes);
    }
    assertThat(progress.get(progress.size() - 1)).containsExactly(500_000, 500_000);
  }

  @Test
  void aDownloadErrorIsTheTypedErrorWithCloudflaresCode() {
    server.enqueue(failure(404, 10007, "The specified key does not exist."));

    NotFoundException e = catchThrowableOfType(() -> transport.executeStream(
        ApiRequest.get(OBJECT).pathParam("account_id", "acc").pathParam("bucket", "photos").pathParam("key", "nope"),
        Transfer.untracked()), NotFoundException.class);

    assertThat(e.hasErrorCode(10007)).isTrue();
    assertThat(e.getMessage()).contains("The specified key does not exist.");
  }

  @Test
  void aCancelledDownloadEndsTheNextRead() throws Exception {
    server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[400_000]))
        .throttleBody(64 * 1024, 20, java.util.concurrent.TimeUnit.MILLISECONDS));
    Transfer transfer = Transfer.untracked();
    try (StreamedResponse response = transport.executeStream(
        ApiRequest.get(OBJECT).pathParam("account_id", "acc").pathParam("bucket", "b").pathParam("key", "k"),
        transfer)) {
      InputStream in = response.body();
      assertThat(in.read(new byte[1024])).isPositive();
      transfer.cancel();
      assertThatThrownBy(() -> in.read(new byte[1024])).isInstanceOf(CancellationException.class);
    }
  }

  @Test
  void aCutOffDownloadIsAConnectionProblemNotSilentData() throws Exception {
    server.enqueue(new MockResponse().setBody(new Buffer().write(new byte[100_000]))
        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    try (StreamedResponse response = transport.executeStream(
        ApiRequest.get(OBJECT).pathParam("account_id", "acc").pathParam("bucket", "b").pathParam("key", "k"),
        Transfer.untracked())) {
      assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aSourceShorterThanAnnouncedFailsInsteadOfSendingLess() {
    server.enqueue(success("{}"));
    InputStream tooShort = new ByteArrayInputStream(new byte[1000]);

    assertThatThrownBy(() -> transport.executeUpload(put("k"), StreamBody.ofStream(tooShort, 5000, "text/plain"),
        Transfer.untracked(), Map.class)).isInstanceOf(CloudflareConnectionException.class)
        .hasMessageContaining("ended before the 5000 bytes announced");
  }

  @Test
  void transportHeadersCannotBeOverridden() {
    assertThatThrownBy(() -> put("k").header("Authorization", "Bearer other"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
