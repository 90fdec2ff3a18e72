package dev.flareobserver.contract;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.http.HttpMethod;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A loopback proxy between the client and the emulator that keeps every request and response,
 * so a contract test can hold both sides of each exchange against the OpenAPI document.
 */
final class RecordingProxy implements AutoCloseable {

    record Exchange(String method, HttpUrl url, Headers requestHeaders, byte[] requestBody,
                    int status, Headers responseHeaders, byte[] responseBody) {
        String path() {
            return url.encodedPath();
        }

        String responseContentType() {
            String type = responseHeaders.get("Content-Type");
            return type == null ? "" : type;
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient forwarder = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    RecordingProxy(HttpUrl upstream) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest recorded) {
                return forward(upstream, recorded);
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    /** The proxy's equivalent of the upstream base URL, e.g. http://127.0.0.1:PORT/client/v4. */
    String baseUrl() {
        return server.url("/client/v4").toString();
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private MockResponse forward(HttpUrl upstream, RecordedRequest recorded) {
        HttpUrl target = upstream.newBuilder().encodedPath(recorded.getRequestUrl().encodedPath())
                .encodedQuery(recorded.getRequestUrl().encodedQuery()).build();
        byte[] body = recorded.getBody().readByteArray();
        String contentType = recorded.getHeader("Content-Type");
        RequestBody requestBody = HttpMethod.permitsRequestBody(recorded.getMethod())
                ? RequestBody.create(body, contentType == null ? null : MediaType.parse(contentType))
                : null;
        Headers.Builder headers = recorded.getHeaders().newBuilder();
        headers.removeAll("Host").removeAll("Content-Length").removeAll("Accept-Encoding").removeAll("Connection");
        Request request = new Request.Builder().url(target).headers(headers.build())
                .method(recorded.getMethod(), requestBody).build();
        try (Response response = forwarder.newCall(request).execute()) {
            byte[] responseBody = response.body() == null ? new byte[0] : response.body().bytes();
            exchanges.add(new Exchange(recorded.getMethod(), recorded.getRequestUrl(), recorded.getHeaders(), body,
                    response.code(), response.headers(), responseBody));
            Headers responseHeaders = response.headers().newBuilder()
                    .removeAll("Content-Length").removeAll("Transfer-Encoding").removeAll("Connection").build();
            return new MockResponse().setResponseCode(response.code()).setHeaders(responseHeaders)
                    .setBody(new okio.Buffer().write(responseBody));
        } catch (IOException e) {
            throw new IllegalStateException("proxy could not reach the emulator at " + target, e);
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        forwarder.dispatcher().executorService().shutdown();
        forwarder.connectionPool().evictAll();
    }
}
