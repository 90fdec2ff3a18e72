package dev.flareobserver.emulator.tail;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The HTTP request behind a simulated fetch invocation, as a tail shows it: client, headers, the
 * {@code cf} object and the response status. The simulator only knows method, URL and outcome, so the
 * rest is derived from a seed of the invocation: the same invocation always looks the same, and the
 * few fields kept here are ints, so a minute of a busy Worker costs little until an event is shown.
 * IPs are documentation addresses (RFC 5737 / 3849), except loopback: a trickle of traffic "from you",
 * so that {@code client_ip: ["self"]} has something to show on a local emulator.
 */
final class TailRequest {

    /** A client network: address, where Cloudflare saw it, and its AS. */
    record Client(String ip, String country, String colo, String city, String continent, String timezone,
                  int asn, String asOrganization, int weight) {
    }

    static final Client[] CLIENTS = {
            new Client("203.0.113.7", "US", "IAD", "Ashburn", "NA", "America/New_York", 7922,
                    "Comcast Cable Communications, LLC", 26),
            new Client("198.51.100.23", "DE", "FRA", "Frankfurt am Main", "EU", "Europe/Berlin", 3320,
                    "Deutsche Telekom AG", 18),
            new Client("192.0.2.44", "GB", "LHR", "London", "EU", "Europe/London", 2856,
                    "British Telecommunications PLC", 14),
            new Client("2001:db8:4f2::1c", "JP", "NRT", "Tokyo", "AS", "Asia/Tokyo", 4713,
                    "NTT Communications Corporation", 10),
            new Client("203.0.113.250", "BR", "GRU", "Sao Paulo", "SA", "America/Sao_Paulo", 28573,
                    "Claro NXT Telecomunicacoes Ltda", 8),
            new Client("198.51.100.5", "US", "SJC", "San Jose", "NA", "America/Los_Angeles", 16509,
                    "Amazon.com, Inc.", 10),
            new Client("192.0.2.201", "IN", "BOM", "Mumbai", "AS", "Asia/Kolkata", 55836,
                    "Reliance Jio Infocomm Limited", 10),
            new Client("127.0.0.1", "NL", "AMS", "Amsterdam", "EU", "Europe/Amsterdam", 1136, "KPN B.V.", 4),
    };
    private static final int CLIENT_WEIGHTS;

    static {
        int total = 0;
        for (Client c : CLIENTS) {
            total += c.weight();
        }
        CLIENT_WEIGHTS = total;
    }

    private static final String[] BROWSERS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    };
    private static final String[] PROGRAMS = {
            "curl/8.5.0", "okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/2.0",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    };
    private static final String[] PROTOCOLS = {"HTTP/2", "HTTP/2", "HTTP/3", "HTTP/1.1"};
    private static final String[] CIPHERS = {"AEAD-AES128-GCM-SHA256", "AEAD-AES256-GCM-SHA384",
            "AEAD-CHACHA20-POLY1305-SHA256"};

    private final String method;
    private final String url;
    private final int client;
    private final String userAgent;
    private final boolean browser;
    private final int protocol;
    private final int cipher;
    private final int rttMs;
    private final long ray;
    private final Integer status;

    private TailRequest(String method, String url, int client, String userAgent, boolean browser, int protocol,
                        int cipher, int rttMs, long ray, Integer status) {
        this.method = method;
        this.url = url;
        this.client = client;
        this.userAgent = userAgent;
        this.browser = browser;
        this.protocol = protocol;
        this.cipher = cipher;
        this.rttMs = rttMs;
        this.ray = ray;
        this.status = status;
    }

    /**
     * @param outcome the event's wire outcome (decides the response status; "canceled" has none)
     */
    static TailRequest derive(long seed, String method, String url, String outcome) {
        SplittableRandom r = new SplittableRandom(seed);
        int pick = r.nextInt(CLIENT_WEIGHTS);
        int client = 0;
        while (pick >= CLIENTS[client].weight()) {
            pick -= CLIENTS[client].weight();
            client++;
        }
        String path = pathOf(url);
        String agent;
        boolean browser = false;
        if (path.startsWith("/webhooks/stripe")) {
            agent = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";
        } else if (path.startsWith("/webhooks/paypal")) {
            agent = "PayPal IPN ( https://www.paypal.com/ipn )";
        } else if (path.startsWith("/health")) {
            agent = "Cloudflare-Healthchecks/1.0";
        } else if (r.nextInt(10) < 6) {
            agent = BROWSERS[r.nextInt(BROWSERS.length)];
            browser = true;
        } else {
            agent = PROGRAMS[r.nextInt(PROGRAMS.length)];
        }
        int protocol = r.nextInt(PROTOCOLS.length);
        int cipher = r.nextInt(CIPHERS.length);
        int rtt = 4 + r.nextInt(140);
        long ray = r.nextLong();
        return new TailRequest(method, url, client, agent, browser, protocol, cipher, rtt, ray,
                status(outcome, method, r));
    }

    /** Plausible statuses: successes vary by method; Cloudflare's 1101 / 1102 error pages are 500 / 503. */
    private static Integer status(String outcome, String method, SplittableRandom r) {
        return switch (outcome) {
            case "ok" -> switch (method) {
                case "POST" -> r.nextInt(10) < 7 ? 201 : 200;
                case "DELETE" -> 204;
                case "GET" -> {
                    int p = r.nextInt(100);
                    yield p < 6 ? 304 : p < 10 ? 404 : 200;
                }
                default -> 200;
            };
            case "exceededCpu", "exceededMemory" -> 503;
            case "canceled" -> null;
            default -> 500;
        };
    }

    private static String pathOf(String url) {
        try {
            String p = URI.create(url).getRawPath();
            return p == null ? "/" : p;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    String method() {
        return method;
    }

    String url() {
        return url;
    }

    Client client() {
        return CLIENTS[client];
    }

    String clientIp() {
        return CLIENTS[client].ip();
    }

    /** The response status, or null when the client went away before a response (canceled). */
    Integer status() {
        return status;
    }

    String rayId() {
        return String.format(Locale.ROOT, "%016x-%s", ray, CLIENTS[client].colo());
    }

    /** One header's value (name lower-case), or null when the request has no such header. */
    String header(String lowerName) {
        return headers().get(lowerName);
    }

    /** The request headers as a fetch {@code Headers} object reports them: lower-case names. */
    Map<String, String> headers() {
        Client c = CLIENTS[client];
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", hostOf(url));
        h.put("user-agent", userAgent);
        h.put("accept", browser ? "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" : "*/*");
        h.put("accept-encoding", "gzip, br");
        if (browser) {
            h.put("accept-language", "en-US,en;q=0.9");
        }
        h.put("cf-connecting-ip", c.ip());
        h.put("cf-ipcountry", c.country());
        h.put("cf-ray", rayId());
        h.put("cf-visitor", "{\"scheme\":\"https\"}");
        h.put("x-forwarded-proto", "https");
        h.put("x-real-ip", c.ip());
        if (method.equals("POST") || method.equals("PUT")) {
            h.put("content-type", "application/json");
            h.put("content-length", Integer.toString(48 + (int) Math.floorMod(ray, 900L)));
        }
        return h;
    }

    String httpProtocol() {
        return PROTOCOLS[protocol];
    }

    String tlsCipher() {
        return CIPHERS[cipher];
    }

    int clientTcpRtt() {
        return rttMs;
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "localhost" : host;
        } catch (IllegalArgumentException e) {
            return "localhost";
        }
    }
}
