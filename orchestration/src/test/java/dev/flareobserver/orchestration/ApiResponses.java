package dev.flareobserver.orchestration;

import okhttp3.mockwebserver.MockResponse;

/** Cloudflare v4 envelopes for MockWebServer fixtures. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    public static String ok(String result) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}";
    }

    public static String error(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
    }
}
