package dev.flareobserver.emulator.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.MutableClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's Workers KV REST API over HTTP: shapes, limits, errors, cursors and expiry. */
class KvRestTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static MutableClock clock;
    private static Emulator emulator;
    private static KvHttp kv;

    @BeforeAll
    static void start() {
        clock = new MutableClock(START);
        emulator = Emulator.start(EmulatorOptions.builder().clock(clock).build());
        kv = new KvHttp(emulator, emulator.accounts().get(0).id());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(KvHttp.Reply list) {
        List<String> out = new ArrayList<>();
        list.json().path("result").forEach(k -> out.add(k.path("name").asText()));
        return out;
    }

    @Test
    void namespacesAreCreatedListedRenamedAndDeletedWithUniqueTitles() {
        String id = kv.createNamespace("crud-a");
        kv.createNamespace("crud-b");

        KvHttp.Reply duplicate = kv.json("POST", kv.namespaces(), "{\"title\":\"crud-a\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.code()).isEqualTo(10014);
        assertThat(duplicate.json().path("success").asBoolean()).isFalse();
        assertThat(duplicate.json().has("result")).isTrue();

        KvHttp.Reply renameClash = kv.json("PUT", kv.ns(id), "{\"title\":\"crud-b\"}");
        assertThat(renameClash.code()).isEqualTo(10014);
        assertThat(kv.json("PUT", kv.ns(id), "{\"title\":\"crud-renamed\"}").status()).isEqualTo(200);
        assertThat(kv.get(kv.ns(id)).json().path("result").path("title").asText()).isEqualTo("crud-renamed");

        KvHttp.Reply blank = kv.json("POST", kv.namespaces(), "{\"title\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(kv.json("POST", kv.namespaces(), "{\"title\":\"" + "t".repeat(513) + "\"}").status()).isEqualTo(400);

        assertThat(kv.delete(kv.ns(id)).status()).isEqualTo(200);
        KvHttp.Reply gone = kv.get(kv.ns(id));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo(10013);
        assertThat(kv.get(kv.ns("not-an-id")).code()).isEqualTo(7003);
    }

    @Test
    void theNamespaceListPagesAndOrdersByTitleOrId() {
        for (String t : List.of("order-c", "order-a", "order-b")) {
            kv.createNamespace(t);
        }
        KvHttp.Reply byTitle = kv.get(kv.namespaces() + "?per_page=100&order=title&direction=desc");
        List<String> titles = new ArrayList<>();
        byTitle.json().path("result").forEach(n -> titles.add(n.path("title").asText()));
        List<String> ours = titles.stream().filter(t -> t.startsWith("order-")).toList();
        assertThat(ours).containsExactly("order-c", "order-b", "order-a");
        assertThat(byTitle.json().path("result").path(0).path("supports_url_encoding").asBoolean()).isTrue();

        KvHttp.Reply page = kv.get(kv.namespaces() + "?page=1&per_page=5");
        JsonNode info = page.json().path("result_info");
        assertThat(info.path("per_page").asInt()).isEqualTo(5);
        assertThat(info.path("total_count").asInt()).isEqualTo(titles.size());
        assertThat(kv.get(kv.namespaces() + "?order=size").status()).isEqualTo(400);
    }

    @Test
    void valuesRoundTripAsRawBytesWithMetadataAndExpiration() {
        String ns = kv.createNamespace("values");
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n'};
        assertThat(kv.put(ns, "bin", binary).status()).isEqualTo(200);
        KvHttp.Reply read = kv.get(kv.value(ns, "bin"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(read.bytes()).isEqualTo(binary);

        long expiration = clock.instant().getEpochSecond() + 3_600;
        KvHttp.Reply put = kv.putWithMetadata(ns, "doc", utf8("{\"a\":1}"), "{\"owner\":\"ops\",\"v\":2}",
                "expiration=" + expiration);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(kv.get(kv.value(ns, "doc")).header("expiration")).isEqualTo(Long.toString(expiration));
        JsonNode meta = kv.get(kv.ns(ns) + "/metadata/doc").json().path("result");
        assertThat(meta.path("owner").asText()).isEqualTo("ops");
        assertThat(kv.get(kv.ns(ns) + "/metadata/bin").json().has("result")).as("no metadata, no result").isFalse();

        JsonNode listed = kv.get(kv.ns(ns) + "/keys").json();
        assertThat(listed.path("result").path(1).path("name").asText()).isEqualTo("doc");
        assertThat(listed.path("result").path(1).path("expiration").asLong()).isEqualTo(expiration);
        assertThat(listed.path("result").path(1).path("metadata").path("v").asInt()).isEqualTo(2);
        assertThat(listed.path("result").path(0).has("metadata")).isFalse();
        assertThat(listed.path("result_info").path("count").asInt()).isEqualTo(2);
        assertThat(listed.path("result_info").path("cursor").asText()).isEmpty();

        assertThat(kv.delete(kv.value(ns, "doc")).status()).isEqualTo(200);
        KvHttp.Reply missing = kv.get(kv.value(ns, "doc"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo(10009);
        assertThat(missing.message()).isEqualTo("get: 'key not found'");
        assertThat(kv.delete(kv.value(ns, "never-there")).status()).as("deleting a missing key succeeds").isEqualTo(200);
    }

    @Test
    void keysWithSlashesSpacesAndUnicodeTravelUrlEncoded() {
        String ns = kv.createNamespace("encoding");
        List<String> keys = List.of("config/app settings.json", "ü/日本語", "100%+?#&=", "emoji/🔥");
        for (String key : keys) {
            assertThat(kv.put(ns, key, utf8("v:" + key)).status()).isEqualTo(200);
        }
        for (String key : keys) {
            assertThat(kv.get(kv.value(ns, key)).text()).isEqualTo("v:" + key);
        }
        assertThat(names(kv.get(kv.ns(ns) + "/keys"))).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void everyLimitAnswersWithCloudflaresErrorShape() {
        String ns = kv.createNamespace("limits");
        KvHttp.Reply longKey = kv.put(ns, "k".repeat(513), utf8("v"));
        assertThat(longKey.status()).isEqualTo(414);
        assertThat(longKey.message()).isEqualTo("UTF-8 encoded length of 513 exceeds key length limit of 512.");
        assertThat(kv.put(ns, "é".repeat(256), utf8("v")).status()).as("512 bytes is allowed").isEqualTo(200);
        assertThat(kv.put(ns, "é".repeat(256) + "x", utf8("v")).status()).as("bytes, not characters").isEqualTo(414);

        KvHttp.Reply big = kv.put(ns, "big", new byte[25 * 1024 * 1024 + 1]);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.message()).isEqualTo("Value length of 26214401 exceeds limit of 26214400.");

        String metadata = "{\"m\":\"" + "x".repeat(1017) + "\"}";
        assertThat(metadata.length()).isEqualTo(1025);
        KvHttp.Reply bigMeta = kv.putWithMetadata(ns, "m", utf8("v"), metadata, null);
        assertThat(bigMeta.status()).isEqualTo(413);
        assertThat(bigMeta.message()).isEqualTo("Metadata length of 1025 exceeds limit of 1024.");
        assertThat(kv.putWithMetadata(ns, "m", utf8("v"), "{not json", null).status()).isEqualTo(400);

        KvHttp.Reply shortTtl = kv.send("PUT", kv.value(ns, "ttl") + "?expiration_ttl=59", utf8("v"), null);
        assertThat(shortTtl.status()).isEqualTo(400);
        assertThat(shortTtl.message()).isEqualTo("Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
        long now = clock.instant().getEpochSecond();
        KvHttp.Reply past = kv.send("PUT", kv.value(ns, "exp") + "?expiration=" + (now - 5), utf8("v"), null);
        assertThat(past.status()).isEqualTo(400);
        assertThat(kv.send("PUT", kv.value(ns, "exp") + "?expiration=" + (now + 30), utf8("v"), null)
                .message()).contains("at least 60 seconds in the future");

        KvHttp.Reply dot = kv.put(ns, ".", utf8("v"));
        assertThat(dot.status()).isEqualTo(400);
        assertThat(dot.message()).isEqualTo("\".\" is not allowed as a key name.");
        assertThat(kv.get(kv.ns(ns) + "/keys?limit=9").status()).isEqualTo(400);
        assertThat(kv.get(kv.ns(ns) + "/keys?limit=1001").status()).isEqualTo(400);
        assertThat(kv.get(kv.ns(ns) + "/keys?cursor=bm9wZQ").code()).isEqualTo(10037);

        StringBuilder tooMany = new StringBuilder("{\"keys\":[");
        for (int i = 0; i <= 100; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
        }
        assertThat(kv.json("POST", kv.ns(ns) + "/bulk/get", tooMany + "]}").status()).isEqualTo(400);
        KvHttp.Reply bulkLongKey = kv.json("PUT", kv.ns(ns) + "/bulk", "[{\"key\":\"" + "k".repeat(513) + "\",\"value\":\"v\"}]");
        assertThat(bulkLongKey.status()).isEqualTo(414);
        KvHttp.Reply bulkTtl = kv.json("PUT", kv.ns(ns) + "/bulk", "[{\"key\":\"a\",\"value\":\"v\",\"expiration_ttl\":10}]");
        assertThat(bulkTtl.status()).isEqualTo(400);
        assertThat(kv.get(kv.value(ns, "a")).status()).as("a refused bulk write stores nothing").isEqualTo(404);
    }

    @Test
    void listingPagesByKeyBytesWithAnOpaqueCursor() {
        String ns = kv.createNamespace("cursor");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            keys.add("item:%02d".formatted(i));
        }
        keys.addAll(List.of("B", "a", "é", "😀", "item"));
        for (String key : keys) {
            kv.put(ns, key, utf8(key));
        }

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            KvHttp.Reply page = kv.get(kv.ns(ns) + "/keys?limit=10" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            seen.addAll(names(page));
            cursor = page.json().path("result_info").path("cursor").asText();
            pages++;
            if (pages == 1) {
                // A key written behind the cursor is not seen; one written ahead of it is.
                kv.put(ns, "A-behind", utf8("x"));
                kv.put(ns, "zzz-ahead", utf8("x"));
            }
        } while (!cursor.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().contains("zzz-ahead").doesNotContain("A-behind");
        assertThat(seen.subList(0, 4)).containsExactly("B", "a", "item", "item:00");
        assertThat(seen.subList(seen.size() - 3, seen.size())).containsExactly("zzz-ahead", "é", "😀");

        assertThat(names(kv.get(kv.ns(ns) + "/keys?prefix=item:1"))).containsExactly(
                "item:10", "item:11", "item:12", "item:13", "item:14", "item:15", "item:16", "item:17", "item:18", "item:19");
    }

    @Test
    void expiredKeysVanishFromReadsAndListings() {
        String ns = kv.createNamespace("expiry");
        kv.send("PUT", kv.value(ns, "short") + "?expiration_ttl=60", utf8("soon gone"), null);
        kv.put(ns, "stays", utf8("here"));
        assertThat(kv.get(kv.value(ns, "short")).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(61));

        assertThat(kv.get(kv.value(ns, "short")).status()).isEqualTo(404);
        assertThat(kv.get(kv.ns(ns) + "/metadata/short").status()).isEqualTo(404);
        assertThat(names(kv.get(kv.ns(ns) + "/keys"))).containsExactly("stays");
    }

    @Test
    void bulkWriteGetAndBothDeleteForms() {
        String ns = kv.createNamespace("bulk");
        KvHttp.Reply write = kv.json("PUT", kv.ns(ns) + "/bulk", """
                [{"key":"text","value":"hello"},
                 {"key":"bin","value":"AP8=","base64":true},
                 {"key":"meta","value":"{\\"n\\":1}","metadata":{"tag":"x"},"expiration_ttl":600}]""");
        assertThat(write.status()).as(write.text()).isEqualTo(200);
        assertThat(write.json().path("result").path("successful_key_count").asInt()).isEqualTo(3);
        assertThat(kv.get(kv.value(ns, "bin")).bytes()).containsExactly(0, 0xff);

        JsonNode plain = kv.json("POST", kv.ns(ns) + "/bulk/get", "{\"keys\":[\"text\",\"missing\"]}").json();
        assertThat(plain.path("result").path("values").path("text").asText()).isEqualTo("hello");
        assertThat(plain.path("result").path("values").path("missing").isNull()).isTrue();
        JsonNode withMeta = kv.json("POST", kv.ns(ns) + "/bulk/get",
                "{\"keys\":[\"meta\"],\"type\":\"json\",\"withMetadata\":true}").json().path("result").path("values");
        assertThat(withMeta.path("meta").path("value").path("n").asInt()).isEqualTo(1);
        assertThat(withMeta.path("meta").path("metadata").path("tag").asText()).isEqualTo("x");
        assertThat(withMeta.path("meta").path("expiration").asLong()).isGreaterThan(START.getEpochSecond());

        assertThat(kv.json("POST", kv.ns(ns) + "/bulk/delete", "[\"text\"]").status()).isEqualTo(200);
        assertThat(kv.json("DELETE", kv.ns(ns) + "/bulk", "[\"bin\"]").status()).isEqualTo(200);
        assertThat(names(kv.get(kv.ns(ns) + "/keys"))).containsExactly("meta");
        assertThat(kv.json("PUT", kv.ns(ns) + "/bulk", "{\"key\":\"x\"}").status()).isEqualTo(400);
    }

    @Test
    void theDemoAccountHasNamespacesWithThousandsOfKeys() {
        List<String> titles = new ArrayList<>();
        kv.get(kv.namespaces() + "?per_page=100").json().path("result").forEach(n -> titles.add(n.path("title").asText()));
        assertThat(titles).contains("app-sessions", "user-profiles", "site-config");
        String profiles = kv.get(kv.namespaces() + "?per_page=100").json().path("result").findParents("title").stream()
                .filter(n -> n.path("title").asText().equals("user-profiles")).findFirst().orElseThrow().path("id").asText();

        int count = 0;
        String cursor = "";
        do {
            JsonNode page = kv.get(kv.ns(profiles) + "/keys?prefix=user:" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)).json();
            count += page.path("result").size();
            cursor = page.path("result_info").path("cursor").asText();
        } while (!cursor.isEmpty());
        assertThat(count).isGreaterThan(3_000);

        byte[] avatar = kv.get(kv.value(profiles, "user:00075:avatar")).bytes();
        assertThat(new String(avatar, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
