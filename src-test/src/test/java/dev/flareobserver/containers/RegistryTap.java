package dev.flareobserver.containers;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Headers;
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
 * A loopback HTTPS proxy in front of the emulator's registry that records each request line and can cut the connection
 * on manifest uploads (503), to break a push after its blobs went through.
 */
public final class RegistryTap implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient forwarder = new OkHttpClient.Builder().retryOnConnectionFailure(false)
            .followRedirects(false).build();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean cutManifestPuts;

    public RegistryTap(String upstreamHost) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest recorded) {
                String line = recorded.getMethod() + " " + recorded.getPath();
                requests.add(line);
                if (cutManifestPuts && recorded.getMethod().equals("PUT") && recorded.getPath().contains("/manifests/")) {
                    // Not a dropped connection: Jib retries I/O errors by itself for minutes. A 503 ends the push.
                    return new MockResponse().setResponseCode(503).setBody("push interrupted by the test");
                }
                return forward(upstreamHost, recorded);
            }
        });
        // HTTPS like the registry's own port (registry clients try HTTPS first); forwarded to the plain-HTTP face.
        server.useHttps(dev.flareobserver.emulator.registry.RegistryTls.context().getSocketFactory(), false);
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    /** {@code 127.0.0.1:PORT} of the proxy. */
    public String host() {
        return "127.0.0.1:" + server.getPort();
    }

    /** While set, every manifest upload fails, so a push ends after its blobs. */
    public void cutManifestPuts(boolean value) {
        cutManifestPuts = value;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    private MockResponse forward(String upstreamHost, RecordedRequest recorded) {
        String method = recorded.getMethod();
        byte[] body = recorded.getBody().readByteArray();
        String type = recorded.getHeader("Content-Type");
        RequestBody requestBody = HttpMethod.permitsRequestBody(method)
                ? RequestBody.create(body, type == null ? null : MediaType.parse(type)) : null;
        Headers.Builder headers = new Headers.Builder();
        for (String name : recorded.getHeaders().names()) {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Transfer-Encoding")) {
                recorded.getHeaders().values(name).forEach(v -> headers.add(name, v));
            }
        }
        Request request = new Request.Builder().url("http://" + upstreamHost + recorded.getPath())
                .headers(headers.build()).method(method, requestBody).build();
        try (Response response = forwarder.newCall(request).execute()) {
            MockResponse out = new MockResponse().setResponseCode(response.code());
            for (String name : response.headers().names()) {
                if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                    response.headers().values(name).forEach(v -> out.addHeader(name, v));
                }
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body().bytes();
            if (method.equals("HEAD")) {
                String length = response.header("Content-Length");
                if (length != null) {
                    out.setHeader("Content-Length", length);
                }
                return out;
            }
            return out.setBody(new okio.Buffer().write(bytes));
        } catch (IOException e) {
            return new MockResponse().setResponseCode(502).setBody(e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
