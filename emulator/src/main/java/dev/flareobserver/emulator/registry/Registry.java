package dev.flareobserver.emulator.registry;

import com.sun.net.httpserver.HttpHandler;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The emulator's image registry: storage, issued credentials, the {@code /v2/} handler, and which image
 * references it serves. It answers for Cloudflare's managed registry name ({@code registry.cloudflare.com}) and
 * for its own address ({@code 127.0.0.1:PORT}, {@code localhost:PORT}), so an application configured with either
 * runs the image pushed here.
 */
public final class Registry {

    public static final String MANAGED_HOST = "registry.cloudflare.com";

    /** A reference into this registry: repository ({@code <account>/<name>}) and tag or digest. */
    public record ImageRef(String repository, String reference) {
    }

    private final RegistryStorage storage;
    private final RegistryCredentialStore credentials;
    private final RegistryHandler handler;
    private final java.util.function.Function<HttpHandler, String> openTls;
    private final java.util.Set<String> hosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private String tlsHost;

    private Registry(Path dataDir, Clock clock, String plainHost, java.util.function.Function<HttpHandler, String> openTls) {
        this.storage = new RegistryStorage(dataDir);
        this.credentials = new RegistryCredentialStore(clock);
        this.handler = new RegistryHandler(storage, credentials);
        this.openTls = openTls;
        hosts.add(MANAGED_HOST);
        addHost(plainHost);
    }

    /**
     * {@code plainHost} is the plain-HTTP address ({@code 127.0.0.1:PORT}); {@code openTls} opens the HTTPS port
     * serving the given handler and returns its address (called once, when the address is first asked for).
     */
    public static Registry create(Path dataDir, Clock clock, String plainHost,
                                  java.util.function.Function<HttpHandler, String> openTls) {
        return new Registry(dataDir, clock, plainHost, openTls);
    }

    private void addHost(String h) {
        String port = h.substring(h.lastIndexOf(':') + 1);
        hosts.addAll(java.util.List.of(h, "localhost:" + port, "127.0.0.1:" + port));
    }

    public RegistryStorage storage() {
        return storage;
    }

    public RegistryCredentialStore credentials() {
        return credentials;
    }

    public HttpHandler handler() {
        return handler;
    }

    /** {@code 127.0.0.1:PORT} of the HTTPS port: what push credentials name as {@code registry_host}. */
    public synchronized String host() {
        if (tlsHost == null) {
            tlsHost = openTls.apply(handler);
            addHost(tlsHost);
        }
        return tlsHost;
    }

    /** True for a registry domain this emulator serves. */
    public boolean serves(String domain) {
        return hosts.contains(domain);
    }

    /**
     * Parses {@code host/account/name:tag} or {@code host/account/name@sha256:...}; empty when the reference
     * names another registry or is malformed.
     */
    public Optional<ImageRef> resolve(String image) {
        if (image == null) {
            return Optional.empty();
        }
        int slash = image.indexOf('/');
        if (slash < 0 || !serves(image.substring(0, slash))) {
            return Optional.empty();
        }
        String rest = image.substring(slash + 1);
        int at = rest.indexOf('@');
        if (at > 0) {
            return Optional.of(new ImageRef(rest.substring(0, at), rest.substring(at + 1)));
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            return Optional.of(new ImageRef(rest.substring(0, colon), rest.substring(colon + 1)));
        }
        return Optional.of(new ImageRef(rest, "latest"));
    }
}
