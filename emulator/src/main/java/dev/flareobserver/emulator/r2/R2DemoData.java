package dev.flareobserver.emulator.r2;

import dev.flareobserver.emulator.state.Ids;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo buckets: a website's assets, user uploads (avatars, JSON documents in nested folders), a data
 * archive holding one large file, and an empty bucket. Every body is described by a spec ("png:...",
 * "json:...", "text:...", "large:...") and generated from it, the same bytes on every machine. Seeding only
 * writes rows (small bodies are generated in memory to learn size and ETag); files appear on first read, and
 * the large file is never generated unless someone downloads it.
 */
final class R2DemoData {

    /** Big enough that a download visibly takes a moment and shows progress; small enough for any disk. */
    static final long LARGE_FILE_BYTES = 48L * 1024 * 1024;
    static final String LARGE_FILE_KEY = "datasets/telemetry-2026-q3.bin";
    private static final int MULTIPART_PART_BYTES = 8 * 1024 * 1024;

    private record Item(String bucket, String key, String contentType, String demo, Map<String, String> custom,
                        String cacheControl, int daysAgo) {
    }

    private R2DemoData() {
    }

    static List<R2Store.BucketRow> buckets(String accountId, Instant now) {
        return List.of(
                new R2Store.BucketRow(accountId, "website-assets", days(now, 120), "wnam", "Standard"),
                new R2Store.BucketRow(accountId, "user-uploads", days(now, 90), "enam", "Standard"),
                new R2Store.BucketRow(accountId, "data-archive", days(now, 60), "weur", "InfrequentAccess"),
                new R2Store.BucketRow(accountId, "scratch-space", days(now, 3), "apac", "Standard"));
    }

    static List<R2Store.ObjectRow> objects(String accountId, Instant now) {
        List<R2Store.ObjectRow> rows = new ArrayList<>();
        for (Item item : items()) {
            long size;
            String etag;
            if (item.demo().startsWith("large:")) {
                size = LARGE_FILE_BYTES;
                // A file this size is uploaded in parts, and R2 gives such an object a multipart ETag.
                etag = Ids.seeded(item.demo()) + "-" + (size + MULTIPART_PART_BYTES - 1) / MULTIPART_PART_BYTES;
            } else {
                byte[] bytes = small(item.demo());
                size = bytes.length;
                etag = Ids.hex(R2Store.md5().digest(bytes), 16);
            }
            Map<String, String> http = new LinkedHashMap<>();
            http.put("contentType", item.contentType());
            if (item.cacheControl() != null) {
                http.put("cacheControl", item.cacheControl());
            }
            String storageClass = item.bucket().equals("data-archive") ? "InfrequentAccess" : "Standard";
            rows.add(new R2Store.ObjectRow(accountId, item.bucket(), item.key(), size, etag, days(now, item.daysAgo()),
                    http, item.custom(), storageClass, null, item.demo()));
        }
        return rows;
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        String cache = "public, max-age=3600";
        items.add(new Item("website-assets", "index.html", "text/html; charset=utf-8", "text:index", Map.of(), cache, 2));
        items.add(new Item("website-assets", "robots.txt", "text/plain; charset=utf-8", "text:robots", Map.of(), cache, 40));
        items.add(new Item("website-assets", "css/site.css", "text/css; charset=utf-8", "text:css", Map.of(), cache, 2));
        items.add(new Item("website-assets", "js/app.js", "application/javascript", "text:js", Map.of(), cache, 2));
        items.add(new Item("website-assets", "images/logo.png", "image/png", "png:1:96x96", Map.of(), cache, 30));
        items.add(new Item("website-assets", "images/hero.png", "image/png", "png:2:160x90", Map.of(), cache, 30));
        String[] icons = {"cloud", "bolt", "lock", "globe"};
        for (int i = 0; i < icons.length; i++) {
            items.add(new Item("website-assets", "images/icons/" + icons[i] + ".png", "image/png",
                    "png:" + (10 + i) + ":32x32", Map.of(), cache, 30));
        }
        for (int u = 1001; u <= 1012; u++) {
            items.add(new Item("user-uploads", "avatars/user-" + u + ".png", "image/png", "png:" + u + ":48x48",
                    Map.of("uploaded-by", "user-" + u), null, u % 20));
        }
        String[] customers = {"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli"};
        for (int n = 1; n <= 15; n++) {
            items.add(new Item("user-uploads", String.format("documents/2026/invoice-%04d.json", n), "application/json",
                    "json:invoice:" + n, Map.of("customer", customers[n % customers.length]), null, 60 - n * 3));
        }
        items.add(new Item("user-uploads", "documents/2026/contracts/contract-acme.json", "application/json",
                "json:contract:1", Map.of("customer", "Acme Corp"), null, 80));
        items.add(new Item("user-uploads", "documents/2026/contracts/contract-globex.json", "application/json",
                "json:contract:2", Map.of("customer", "Globex"), null, 75));
        for (int u = 1001; u <= 1005; u++) {
            items.add(new Item("user-uploads", "profiles/user-" + u + ".json", "application/json",
                    "json:profile:" + u, Map.of(), null, 10));
        }
        items.add(new Item("data-archive", "README.txt", "text/plain; charset=utf-8", "text:readme", Map.of(), null, 60));
        items.add(new Item("data-archive", "exports/2026-10/events.json", "application/json", "json:events:10",
                Map.of("source", "events-pipeline"), null, 25));
        items.add(new Item("data-archive", "exports/2026-11/events.json", "application/json", "json:events:11",
                Map.of("source", "events-pipeline"), null, 1));
        items.add(new Item("data-archive", LARGE_FILE_KEY, "application/octet-stream", "large:" + LARGE_FILE_BYTES,
                Map.of("source", "telemetry-pipeline", "rows", "1250000"), null, 20));
        return items;
    }

    /** Writes the bytes of {@code demo}. */
    static void write(String demo, OutputStream out) throws IOException {
        if (demo.startsWith("large:")) {
            writeLarge(Long.parseLong(demo.substring("large:".length())), out);
        } else {
            out.write(small(demo));
        }
    }

    private static byte[] small(String demo) {
        String[] p = demo.split(":");
        return switch (p[0]) {
            case "png" -> {
                String[] size = p[2].split("x");
                yield DemoPng.picture(Integer.parseInt(size[0]), Integer.parseInt(size[1]), Long.parseLong(p[1]));
            }
            case "json" -> json(p[1], Integer.parseInt(p[2])).getBytes(StandardCharsets.UTF_8);
            case "text" -> text(p[1]).getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("Unknown demo body " + demo);
        };
    }

    /** Pseudo-random bytes (xorshift), so the file does not compress to nothing and every byte is reproducible. */
    private static void writeLarge(long size, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long x = 0x2545F4914F6CDD1DL;
        long left = size;
        while (left > 0) {
            for (int i = 0; i < buffer.length; i += 8) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                for (int b = 0; b < 8; b++) {
                    buffer[i + b] = (byte) (x >>> (b * 8));
                }
            }
            int n = (int) Math.min(buffer.length, left);
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String json(String kind, int n) {
        return switch (kind) {
            case "invoice" -> String.format(java.util.Locale.ROOT, """
                    {
                      "invoice": "INV-2026-%04d",
                      "customer": "%s",
                      "issued": "2026-%02d-%02d",
                      "currency": "EUR",
                      "lines": [
                        {"item": "Workers Paid", "quantity": 1, "unit_price": 5.00},
                        {"item": "R2 storage (GB-month)", "quantity": %d, "unit_price": 0.015},
                        {"item": "KV reads (millions)", "quantity": %d, "unit_price": 0.50}
                      ],
                      "total": %.2f
                    }
                    """, n, new String[] {"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli"}[n % 5],
                    1 + n % 12, 1 + n % 28, 10 * n, n % 7, 5.0 + 0.15 * n + 0.5 * (n % 7));
            case "contract" -> String.format(java.util.Locale.ROOT, """
                    {
                      "contract": "C-%03d",
                      "party": "%s",
                      "starts": "2026-01-01",
                      "ends": "2027-12-31",
                      "plan": "Enterprise",
                      "signed": true
                    }
                    """, n, n == 1 ? "Acme Corp" : "Globex");
            case "profile" -> String.format(java.util.Locale.ROOT, """
                    {"id": "user-%d", "name": "Demo User %d", "avatar": "avatars/user-%d.png", "plan": "%s"}
                    """, n, n - 1000, n, n % 2 == 0 ? "pro" : "free");
            case "events" -> {
                StringBuilder b = new StringBuilder("[\n");
                for (int i = 0; i < 40; i++) {
                    b.append(String.format(java.util.Locale.ROOT,
                            "  {\"at\": \"2026-%02d-%02dT%02d:00:00Z\", \"event\": \"%s\", \"count\": %d}%s%n",
                            n, 1 + i % 28, i % 24, i % 3 == 0 ? "signup" : i % 3 == 1 ? "upload" : "purchase",
                            (i * 37 + n) % 500, i == 39 ? "" : ","));
                }
                yield b.append("]\n").toString();
            }
            default -> throw new IllegalArgumentException("Unknown demo JSON " + kind);
        };
    }

    private static String text(String name) {
        return switch (name) {
            case "index" -> """
                    <!doctype html>
                    <html><head><title>Demo site</title><link rel="stylesheet" href="/css/site.css"></head>
                    <body><img src="/images/logo.png" alt="logo"><h1>Served from R2</h1><script src="/js/app.js"></script></body>
                    </html>
                    """;
            case "css" -> "body { font-family: system-ui, sans-serif; margin: 2rem; }\nh1 { color: #f38020; }\n";
            case "js" -> "document.querySelector('h1').addEventListener('click', () => alert('Hello from R2'));\n";
            case "robots" -> "User-agent: *\nAllow: /\n";
            case "readme" -> """
                    Data archive (demo)
                    exports/ holds monthly event exports as JSON.
                    datasets/ holds a large binary dataset: download it to see a transfer with progress.
                    """;
            default -> throw new IllegalArgumentException("Unknown demo text " + name);
        };
    }

    private static Instant days(Instant now, int daysAgo) {
        return now.minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    }
}
