package dev.flareobserver.emulator.kv;

import dev.flareobserver.emulator.DemoWorld;
import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.state.Ids;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The demo KV world: which namespaces each demo account starts with, and the keys each gets on first use
 * (thousands of keys with prefixes such as {@code user:}, {@code session:} and {@code config/}; JSON, text and
 * binary values; some with metadata or an expiration; and keys that are awkward to display). Contents derive
 * from fixed seeds; expirations are relative to the moment the keys are generated.
 */
final class KvDemoData {

    static final String LARGE_TITLE = "bench-large";
    private static final String LARGE_SET = "large:";

    private KvDemoData() {
    }

    /** The namespaces a fresh demo account starts with (ids derive from account and title). */
    static List<KvStore.NamespaceRecord> namespacesFor(EmulatorAccount account) {
        List<KvStore.NamespaceRecord> out = new ArrayList<>();
        if (account.id().equals(DemoWorld.PRODUCTION.id())) {
            out.add(demo(account, "app-sessions", "sessions"));
            out.add(demo(account, "user-profiles", "profiles"));
            out.add(demo(account, "site-config", "config"));
        } else if (account.id().equals(DemoWorld.STAGING.id())) {
            out.add(demo(account, "staging-cache", "staging-cache"));
        }
        return out;
    }

    /** The benchmark namespace with {@code keys} generated keys. */
    static KvStore.NamespaceRecord large(EmulatorAccount account, int keys) {
        return new KvStore.NamespaceRecord(Ids.seeded("kv-namespace/" + account.id() + "/" + LARGE_TITLE),
                account.id(), LARGE_TITLE, LARGE_SET + keys);
    }

    private static KvStore.NamespaceRecord demo(EmulatorAccount account, String title, String set) {
        return new KvStore.NamespaceRecord(Ids.seeded("kv-namespace/" + account.id() + "/" + title), account.id(),
                title, set);
    }

    /** Writes the keys of demo set {@code set} into the namespace (inside the caller's transaction). */
    static void generate(Connection c, String namespaceId, String set, long now) throws SQLException {
        if (set.startsWith(LARGE_SET)) {
            generateLarge(c, namespaceId, Integer.parseInt(set.substring(LARGE_SET.length())));
            return;
        }
        List<KvStore.Entry> entries = switch (set) {
            case "sessions" -> sessions(now);
            case "profiles" -> profiles();
            case "config" -> config(now);
            case "staging-cache" -> stagingCache(now);
            default -> List.of();
        };
        KvStore.insert(c, namespaceId, entries);
    }

    /** One SQL statement: a million keys in about a second, with no row crossing JDBC. */
    private static void generateLarge(Connection c, String namespaceId, int keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO kv_entries (namespace_id, key, expiration, metadata, value)
                SELECT ?, CAST(printf('key:%07d', i) AS BLOB), NULL,
                       CASE WHEN i % 10 = 0 THEN printf('{"shard":%d}', i % 64) END,
                       CAST(printf('{"n":%d,"payload":"value %d"}', i, i) AS BLOB)
                FROM n""")) {
            ps.setInt(1, keys);
            ps.setString(2, namespaceId);
            ps.executeUpdate();
        }
    }

    private static List<KvStore.Entry> sessions(long now) {
        SplittableRandom rnd = new SplittableRandom(11);
        List<KvStore.Entry> out = new ArrayList<>();
        for (int n = 0; n < 2_000; n++) {
            String id = hex(rnd, 12);
            int user = 1 + rnd.nextInt(3_000);
            String value = "{\"user\":\"user:%05d\",\"ip\":\"203.0.113.%d\",\"roles\":[\"reader\"%s],\"csrf\":\"%s\"}"
                    .formatted(user, rnd.nextInt(1, 255), n % 7 == 0 ? ",\"editor\"" : "", hex(rnd, 8));
            // A handful expire within minutes, so the demo shows keys vanishing; the rest within a week.
            long ttl = n < 8 ? 90 + n * 60L : 3_600L + rnd.nextLong(7 * 86_400L);
            String metadata = n % 2 == 0 ? "{\"user\":\"user:%05d\",\"device\":\"%s\"}".formatted(user,
                    rnd.nextBoolean() ? "mobile" : "desktop") : null;
            out.add(new KvStore.Entry("session:" + id, utf8(value), metadata, now + ttl));
        }
        return out;
    }

    private static List<KvStore.Entry> profiles() {
        SplittableRandom rnd = new SplittableRandom(23);
        String[] plans = {"free", "pro", "business", "enterprise"};
        String[] names = {"Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Radia", "Tim", "Frances"};
        List<KvStore.Entry> out = new ArrayList<>();
        for (int n = 1; n <= 3_000; n++) {
            String name = names[rnd.nextInt(names.length)];
            String plan = plans[rnd.nextInt(plans.length)];
            String value = ("{\"id\":%d,\"name\":\"%s %d\",\"email\":\"%s.%d@example.com\",\"plan\":\"%s\","
                    + "\"settings\":{\"theme\":\"%s\",\"newsletter\":%b},\"tags\":[\"%s\"]}")
                    .formatted(n, name, n, name.toLowerCase(java.util.Locale.ROOT), n, plan,
                            rnd.nextBoolean() ? "dark" : "light", rnd.nextBoolean(), plan);
            String metadata = n % 3 == 0 ? "{\"plan\":\"%s\",\"schema\":2}".formatted(plan) : null;
            out.add(new KvStore.Entry("user:%05d".formatted(n), utf8(value), metadata, null));
            if (n % 75 == 0) {
                out.add(new KvStore.Entry("user:%05d:avatar".formatted(n), png(32, 32, n),
                        "{\"content_type\":\"image/png\"}", null));
            }
        }
        return out;
    }

    private static List<KvStore.Entry> config(long now) {
        SplittableRandom rnd = new SplittableRandom(37);
        List<KvStore.Entry> out = new ArrayList<>();
        out.add(text("config/app.json", """
                {"name":"checkout","version":"4.12.0","features":{"newPricing":true,"giftCards":false},\
                "regions":["weur","enam","apac"],"limits":{"cartItems":200,"sessionMinutes":30}}"""));
        out.add(text("config/limits.yaml", "cart_items: 200\nsession_minutes: 30\nrate_per_minute: 600\n"));
        out.add(text("config/banner.html", "<p class=\"banner\">Spring sale: <b>20% off</b> until Friday</p>"));
        out.add(text("config/motd.txt", "Deploy freeze from Friday 18:00 UTC. Ping #ops for exceptions."));
        String[] flags = {"new-checkout", "gift-cards", "dark-mode", "beta-search", "one-click", "edge-cache",
            "wasm-images", "passkeys"};
        for (String flag : flags) {
            out.add(new KvStore.Entry("config/flags/" + flag, utf8(Boolean.toString(rnd.nextBoolean())),
                    "{\"owner\":\"team-%s\"}".formatted(flag.substring(0, 3)), null));
        }
        String[] regions = {"weur", "eeur", "enam", "wnam", "apac", "oc", "sam", "afr", "me"};
        for (String region : regions) {
            out.add(text("config/regions/" + region, "{\"enabled\":%b,\"weight\":%d}".formatted(rnd.nextInt(5) > 0,
                    rnd.nextInt(100))));
        }
        for (int n = 1; n <= 120; n++) {
            out.add(text("config/routes/%03d".formatted(n), "/shop/%d/* -> checkout-api".formatted(n)));
        }
        out.add(new KvStore.Entry("config/maintenance", utf8("{\"until\":\"soon\"}"), null, now + 3_600));
        // Keys and values that are awkward to show: the app must display them safely.
        out.add(text("i18n/greeting/日本語", "こんにちは"));
        out.add(text("i18n/greeting/español", "¡Hola!"));
        out.add(text("emoji/🔥", "fire"));
        out.add(text("with space/key name", "spaces in the key"));
        out.add(text("symbols/100%+?#&=", "URL-special characters in the key"));
        out.add(text("control/bell\u0007char", "a control character in the key"));
        out.add(text("control/tab\there", "a tab in the key"));
        out.add(text("bidi/\u202Egnp.exe", "a right-to-left override in the key"));
        out.add(text("zero-width/a\u200Bb", "a zero-width space in the key"));
        out.add(text("long-key/" + "k".repeat(512 - "long-key/".length()), "the longest key Cloudflare allows"));
        byte[] random = new byte[256];
        rnd.nextBytes(random);
        out.add(new KvStore.Entry("binary/random-256", random, null, null));
        out.add(new KvStore.Entry("binary/latin1-text", "café crème".getBytes(StandardCharsets.ISO_8859_1), null, null));
        out.add(new KvStore.Entry("images/logo.png", png(64, 64, 7), "{\"content_type\":\"image/png\"}", null));
        StringBuilder large = new StringBuilder();
        for (int line = 1; large.length() < 200_000; line++) {
            large.append("line ").append(line).append(": the quick brown fox jumps over the lazy dog\n");
        }
        out.add(text("blobs/large-text.txt", large.toString()));
        return out;
    }

    private static List<KvStore.Entry> stagingCache(long now) {
        List<KvStore.Entry> out = new ArrayList<>();
        for (int n = 1; n <= 500; n++) {
            out.add(new KvStore.Entry("cache:/products/%04d".formatted(n),
                    utf8("<html><body>product %d (staging render)</body></html>".formatted(n)), null,
                    n % 5 == 0 ? now + 86_400L : null));
        }
        return out;
    }

    private static KvStore.Entry text(String key, String value) {
        return new KvStore.Entry(key, utf8(value), null, null);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(SplittableRandom rnd, int bytes) {
        byte[] b = new byte[bytes];
        rnd.nextBytes(b);
        return Ids.hex(b, bytes);
    }

    /** A small RGB gradient as a real PNG (signature, IHDR, one zlib IDAT, IEND), so the app's image view has data. */
    static byte[] png(int width, int height, int hue) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0); // filter: none
            for (int x = 0; x < width; x++) {
                raw.write((x * 255 / width + hue * 40) & 0xff);
                raw.write((y * 255 / height) & 0xff);
                raw.write((hue * 90 + (x ^ y) * 3) & 0xff);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            zipped.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", zipped.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
