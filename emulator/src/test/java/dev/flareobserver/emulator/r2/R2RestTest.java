package dev.flareobserver.emulator.r2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** R2 over plain HTTP (java.net.http and raw sockets, not the project's client), as wrangler and the app use it. */
class R2RestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path stateDir;
    static Emulator emu;
    static String buckets;

    record Reply(int status, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + new String(raw.body(), StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        int errorCode() {
            return json().path("errors").path(0).path("code").asInt();
        }
    }

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.builder().stateDir(stateDir).build());
        buckets = "/accounts/" + emu.accounts().get(0).id() + "/r2/buckets";
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static Reply send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + emu.userToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static Reply get(String path) {
        return send("GET", path, null);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    static Path objectsDir() {
        return stateDir.resolve("data").resolve("r2").resolve("objects");
    }

    static List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.list(objectsDir())) {
            return files.toList();
        }
    }

    @Test
    void bucketListUsesTheObjectFormAndPagesByCursor() {
        Reply all = get(buckets);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("result").isObject()).isTrue();
        assertThat(texts(all.json().path("result").path("buckets"), "name"))
                .contains("data-archive", "scratch-space", "user-uploads", "website-assets");
        JsonNode first = all.json().path("result").path("buckets").get(0);
        assertThat(first.has("creation_date") && first.has("location") && first.has("storage_class")).isTrue();

        Reply page1 = get(buckets + "?per_page=2");
        assertThat(page1.json().path("result").path("buckets")).hasSize(2);
        String cursor = page1.json().path("result_info").path("cursor").asText();
        assertThat(cursor).isNotEmpty();
        Reply page2 = get(buckets + "?per_page=2&cursor=" + cursor);
        assertThat(texts(page2.json().path("result").path("buckets"), "name"))
                .doesNotContainAnyElementsOf(texts(page1.json().path("result").path("buckets"), "name"));

        assertThat(texts(get(buckets + "?name_contains=up").json().path("result").path("buckets"), "name"))
                .containsExactly("user-uploads");
        assertThat(texts(get(buckets + "?direction=desc&order=name").json().path("result").path("buckets"), "name"))
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void bucketsAreCreatedWithHintAndClassAndCloudflaresNameRulesAreEnforced() {
        Reply created = send("POST", buckets, "{\"name\":\"photos-2026\",\"locationHint\":\"weur\",\"storageClass\":\"InfrequentAccess\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("result").path("location").asText()).isEqualTo("weur");
        assertThat(created.json().path("result").path("storage_class").asText()).isEqualTo("InfrequentAccess");
        assertThat(get(buckets + "/photos-2026").json().path("result").path("name").asText()).isEqualTo("photos-2026");

        Reply again = send("POST", buckets, "{\"name\":\"photos-2026\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo(10073);

        for (String bad : List.of("ab", "Photos", "-photos", "photos-", "photo_s", "a".repeat(64))) {
            Reply r = send("POST", buckets, ("{\"name\":\"" + bad + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo(10005);
        }
        assertThat(send("POST", buckets, ("{\"name\":\"" + "a".repeat(63) + "\"}").getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        assertThat(send("POST", buckets, "{\"name\":\"nowhere\",\"locationHint\":\"mars\"}"
                .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(get(buckets + "/No_Such").errorCode()).isEqualTo(10005);
        assertThat(get(buckets + "/no-such-bucket").errorCode()).isEqualTo(10006);
    }

    @Test
    void aBucketWithObjectsCannotBeDeletedAnEmptyOneCan() {
        Reply full = send("DELETE", buckets + "/user-uploads", null);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.errorCode()).isEqualTo(10008);

        send("POST", buckets, "{\"name\":\"short-lived\"}".getBytes(StandardCharsets.UTF_8));
        send("PUT", buckets + "/short-lived/objects/x.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(send("DELETE", buckets + "/short-lived", null).status()).isEqualTo(409);
        assertThat(send("DELETE", buckets + "/short-lived/objects/x.txt", null).status()).isEqualTo(200);
        assertThat(send("DELETE", buckets + "/short-lived", null).status()).isEqualTo(200);
        assertThat(get(buckets + "/short-lived").status()).isEqualTo(404);
    }

    @Test
    void aDelimitedListingShowsFoldersInResultInfoAndPagesAcrossThem() {
        String objects = buckets + "/user-uploads/objects";
        Reply root = get(objects + "?delimiter=/");
        assertThat(root.json().path("result")).isEmpty();
        assertThat(texts(root.json().path("result_info").path("delimited"), null))
                .containsExactly("avatars/", "documents/", "profiles/");

        Reply docs = get(objects + "?delimiter=/&prefix=" + enc("documents/2026/"));
        assertThat(texts(docs.json().path("result_info").path("delimited"), null))
                .containsExactly("documents/2026/contracts/");
        assertThat(texts(docs.json().path("result"), "key")).hasSize(15).allMatch(k -> k.startsWith("documents/2026/invoice-"));
        JsonNode invoice = docs.json().path("result").get(0);
        assertThat(invoice.path("http_metadata").path("contentType").asText()).isEqualTo("application/json");
        assertThat(invoice.path("custom_metadata").path("customer").isTextual()).isTrue();
        assertThat(invoice.path("size").asLong()).isPositive();
        assertThat(invoice.path("etag").asText()).hasSize(32);

        // Page through the same listing 4 entries at a time: every entry once, the folder included.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = get(objects + "?delimiter=/&per_page=4&prefix=" + enc("documents/2026/")
                    + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(texts(page.json().path("result"), "key"));
            seen.addAll(texts(page.json().path("result_info").path("delimited"), null));
            boolean truncated = page.json().path("result_info").path("is_truncated").asText().equals("true");
            cursor = truncated ? page.json().path("result_info").path("cursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(16).doesNotHaveDuplicates().contains("documents/2026/contracts/");

        assertThat(texts(get(objects + "?prefix=avatars/&start_after=" + enc("avatars/user-1010.png"))
                .json().path("result"), "key")).containsExactly("avatars/user-1011.png", "avatars/user-1012.png");
    }

    @Test
    void anUploadIsStoredAsAFileAndReadBackWhetherTheKeysSlashesAreEncodedOrNot() throws IOException {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        // wrangler sends the key's slashes as they are.
        Reply put = send("PUT", buckets + "/scratch-space/objects/reports/2026/q3%20summary.bin", bytes,
                "Content-Type", "application/x-demo", "x-amz-meta-owner", "ann", "Cache-Control", "no-cache");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("result").path("size").asLong()).isEqualTo(200_000);
        assertThat(put.json().path("result").path("uploaded").asText()).isNotEmpty();

        Reply got = get(buckets + "/scratch-space/objects/" + enc("reports/2026/q3 summary.bin"));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.raw().body()).isEqualTo(bytes);
        assertThat(got.header("Content-Type")).isEqualTo("application/x-demo");
        assertThat(got.header("ETag")).isEqualTo("\"" + put.json().path("result").path("etag").asText() + "\"");
        assertThat(got.header("x-amz-meta-owner")).isEqualTo("ann");
        assertThat(got.header("Cache-Control")).isEqualTo("no-cache");

        JsonNode listed = get(buckets + "/scratch-space/objects?prefix=reports/").json().path("result").get(0);
        assertThat(listed.path("key").asText()).isEqualTo("reports/2026/q3 summary.bin");
        assertThat(listed.path("custom_metadata").path("owner").asText()).isEqualTo("ann");
        assertThat(listed.path("http_metadata").path("cacheControl").asText()).isEqualTo("no-cache");

        // The body lives in a file of its own, not in SQLite.
        assertThat(storedFiles()).anySatisfy(f -> assertThat(Files.mismatch(f, writeTemp(bytes))).isEqualTo(-1L));
        assertThat(Files.size(stateDir.resolve("emulator.db"))).isLessThan(200_000);

        byte[] replacement = "v2".getBytes(StandardCharsets.UTF_8);
        send("PUT", buckets + "/scratch-space/objects/reports/2026/q3%20summary.bin", replacement);
        assertThat(get(buckets + "/scratch-space/objects/reports/2026/q3%20summary.bin").raw().body())
                .isEqualTo(replacement);
        assertThat(storedFiles()).noneSatisfy(f -> assertThat(Files.size(f)).isEqualTo(200_000));

        // A folder marker: the key's trailing slash survives the unencoded path.
        assertThat(send("PUT", buckets + "/scratch-space/objects/empty-folder/", new byte[0]).status()).isEqualTo(200);
        assertThat(texts(get(buckets + "/scratch-space/objects?prefix=empty-folder").json().path("result"), "key"))
                .containsExactly("empty-folder/");
    }

    @Test
    void objectLimitsAnswerCloudflaresErrors() throws Exception {
        String tooLong = "k".repeat(1025);
        Reply longKey = send("PUT", buckets + "/scratch-space/objects/" + tooLong, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.errorCode()).isEqualTo(10020);
        // 1024 bytes of UTF-8 (512 two-byte characters) is still allowed.
        assertThat(send("PUT", buckets + "/scratch-space/objects/" + enc("é".repeat(512)),
                "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        assertThat(get(buckets + "/scratch-space/objects/missing.txt").errorCode()).isEqualTo(10007);
        assertThat(send("DELETE", buckets + "/scratch-space/objects/missing.txt", null).errorCode()).isEqualTo(10007);
        assertThat(get(buckets + "/no-such-bucket/objects/a").errorCode()).isEqualTo(10006);
        assertThat(send("PUT", buckets + "/scratch-space/objects/m", "x".getBytes(StandardCharsets.UTF_8),
                "x-amz-meta-big", "v".repeat(9000)).errorCode()).isEqualTo(10012);

        // Over 300 MiB is refused from the declared length: nothing is stored, and the client still reads the answer.
        long overLimit = 300L * 1024 * 1024 + 1;
        List<Path> before = storedFiles();
        HttpResponse<byte[]> huge = HTTP.send(HttpRequest.newBuilder(
                        URI.create(emu.baseUrl() + buckets + "/scratch-space/objects/huge.bin"))
                .header("Authorization", "Bearer " + emu.userToken())
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ZeroStream(overLimit)), overLimit)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(huge.body()).path("errors").path(0).path("code").asInt()).isEqualTo(100100);
        assertThat(get(buckets + "/scratch-space/objects/huge.bin").status()).isEqualTo(404);
        assertThat(storedFiles()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void anUploadCutOffMidwayLeavesNoObjectAndNoFile() throws Exception {
        List<Path> before = storedFiles();
        Path incoming = stateDir.resolve("data").resolve("r2").resolve("incoming");
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /client/v4" + buckets + "/scratch-space/objects/partial.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + emu.userToken() + "\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[10_000]);
            out.flush();
            waitUntil(() -> hasFiles(incoming), "the upload to be under way");
        }
        waitUntil(() -> !hasFiles(incoming), "the cut-off upload to be cleaned up");
        assertThat(get(buckets + "/scratch-space/objects/partial.bin").status()).isEqualTo(404);
        assertThat(storedFiles()).containsExactlyInAnyOrderElementsOf(before);
    }

    interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitUntil(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theLargeDemoFileIsListedAtOnceButOnlyGeneratedWhenFirstRead() throws IOException {
        JsonNode listed = get(buckets + "/data-archive/objects?prefix=datasets/").json().path("result").get(0);
        assertThat(listed.path("size").asLong()).isEqualTo(48L * 1024 * 1024);
        assertThat(storedFiles()).noneSatisfy(f -> assertThat(Files.size(f)).isEqualTo(48L * 1024 * 1024));

        HttpResponse<InputStream> first = stream(buckets + "/data-archive/objects/datasets/telemetry-2026-q3.bin");
        assertThat(first.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(48L * 1024 * 1024);
        byte[] head = new byte[4096];
        long total;
        try (InputStream in = first.body()) {
            in.readNBytes(head, 0, head.length);
            total = head.length + in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(total).isEqualTo(48L * 1024 * 1024);
        assertThat(storedFiles()).anySatisfy(f -> assertThat(Files.size(f)).isEqualTo(48L * 1024 * 1024));
        try (InputStream again = stream(buckets + "/data-archive/objects/datasets/telemetry-2026-q3.bin").body()) {
            assertThat(again.readNBytes(4096)).isEqualTo(head);
        }
    }

    @Test
    void smallDemoObjectsAreRealPngsAndJson() {
        byte[] png = get(buckets + "/website-assets/objects/images/logo.png").raw().body();
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        Reply json = get(buckets + "/user-uploads/objects/documents/2026/invoice-0003.json");
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.json().path("invoice").asText()).isEqualTo("INV-2026-0003");
    }

    @Test
    void anotherAccountsBucketsAreNotVisible() {
        Reply r = get("/accounts/ffffffffffffffffffffffffffffffff/r2/buckets");
        assertThat(r.status()).isEqualTo(403);
    }

    /** {@code length} zero bytes, generated as read. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    private static Path writeTemp(byte[] bytes) {
        try {
            Path f = Files.createTempFile(stateDir, "expected", ".bin");
            Files.write(f, bytes);
            return f;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<InputStream> stream(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + path))
                    .header("Authorization", "Bearer " + emu.userToken()).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
