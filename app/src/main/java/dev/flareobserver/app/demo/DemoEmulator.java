package dev.flareobserver.app.demo;

import java.util.List;

/** A running local Cloudflare emulator, as the app sees it. Closing stops it. */
public interface DemoEmulator extends AutoCloseable {

    /** e.g. {@code http://127.0.0.1:PORT/client/v4}: what CLOUDFLARE_API_BASE_URL would be set to. */
    String baseUrl();

    /** The user API token the emulator accepts. A secret like any token: never log it. */
    String token();

    /** "id  name" of each account it serves. */
    List<String> accountDescriptions();

    @Override
    void close();
}
