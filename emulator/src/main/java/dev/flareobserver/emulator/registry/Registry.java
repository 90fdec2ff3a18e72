package dev.flareobserver.emulator.registry;

import com.sun.net.httpserver.HttpHandler;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

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
    private final String host;
    private final Set<String> hosts;

    private Registry(Path dataDir, Clock clock, String host) {
        this.storage = new RegistryStorage(dataDir);
        this.credentials = new RegistryCredentialStore(clock);
        this.handler = new RegistryHandler(storage, credentials);
        this.host = host;
        String port = host.substring(host.lastIndexOf(':') + 1);
        this.hosts = new java.util.HashSet<>(java.util.List.of(MANAGED_HOST, host, "localhost:" + port, "127.0.0.1:" + port));
    }

    /** {@code host} is where the registry listens, {@code 127.0.0.1:PORT}. */
    public static Registry create(Path dataDir, Clock clock, String host) {
        return new Registry(dataDir, clock, host);
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

    /** {@code 127.0.0.1:PORT}: what push credentials name as {@code registry_host}. */
    public String host() {
        return host;
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
