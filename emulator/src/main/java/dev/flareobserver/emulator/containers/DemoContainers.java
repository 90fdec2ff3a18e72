package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.registry.Registry;
import dev.flareobserver.emulator.registry.RegistryStorage;
import dev.flareobserver.emulator.workers.DemoWorkers;
import dev.flareobserver.emulator.workers.DurableObjectNamespaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The demo account's pool-managed application {@value #APP_NAME}: a pool of {@code flare-hello} instances, the
 * static C server the build compiles (emulator/src/main/c). Seeding only writes the application document; the
 * image is built into the registry and the pool starts on the first containers request for the account, in the
 * background, so the emulator starts as fast as without it.
 */
final class DemoContainers {

    static final String APP_NAME = "hello-pool";
    static final String BINARY_RESOURCE = "/dev/flareobserver/emulator/containers/demo/flare-hello";
    private static final Logger LOG = LoggerFactory.getLogger(DemoContainers.class);

    private DemoContainers() {
    }

    static String image(String accountId) {
        return Registry.MANAGED_HOST + "/" + accountId + "/flare-hello:demo";
    }

    /**
     * Creates the application document once (idempotent). It is bound to the demo Worker {@code pool-manager}'s
     * PoolContainer Durable Object namespace, as the seed's containers are (so their output reaches that Worker's
     * tails); a state saved before the binding existed gets it.
     */
    static void seed(ContainersService service, String accountId) {
        String namespace = DurableObjectNamespaces.idFor(accountId, DemoWorkers.POOL_MANAGER,
                DemoWorkers.POOL_CONTAINER_CLASS);
        java.util.Optional<ObjectNode> existing = service.store().applications(accountId).stream()
                .filter(a -> APP_NAME.equals(a.path("name").asText())).findFirst();
        if (existing.isPresent()) {
            if (!existing.get().has("durable_objects")) {
                existing.get().putObject("durable_objects").put("namespace_id", namespace);
                service.store().putApplication(existing.get());
            }
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", APP_NAME);
        body.put("scheduling_policy", "default");
        body.put("instances", 0);
        body.put("max_instances", 10);
        body.putObject("durable_objects").put("namespace_id", namespace);
        ObjectNode config = body.putObject("configuration");
        config.put("image", image(accountId));
        config.put("instance_type", "lite");
        ObjectNode env = config.putArray("environment_variables").addObject();
        env.put("name", "GREETING");
        env.put("value", "Hello from the Flare Observer demo pool");
        config.putObject("observability").putObject("logs").put("enabled", true);
        ObjectNode pool = body.putObject("pool");
        pool.put("target_instances", 3);
        pool.put("batch_size", 2);
        pool.put("batch_spacing_seconds", 2);
        pool.put("max_lifetime_seconds", 600);
        service.create(accountId, body);
    }

    static boolean isDemo(ObjectNode app) {
        return APP_NAME.equals(app.path("name").asText())
                && image(app.path("account_id").asText()).equals(app.path("configuration").path("image").asText());
    }

    /**
     * Puts {@code flare-hello:demo} into the registry unless it is there. False, with a log line, when the build
     * did not compile the binary (no gcc).
     */
    static boolean ensureImage(RegistryStorage storage, String accountId) {
        String repo = accountId + "/flare-hello";
        if (storage.manifest(repo, "demo").isPresent()) {
            return true;
        }
        byte[] binary;
        try (InputStream in = DemoContainers.class.getResourceAsStream(BINARY_RESOURCE)) {
            if (in == null) {
                LOG.info("The demo container binary (flare-hello) was not built (no gcc when the emulator was built);"
                        + " the demo pool '{}' stays empty", APP_NAME);
                return false;
            }
            binary = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] tar = tar("flare-hello", binary, 0755);
        byte[] layer = gzip(tar);
        String layerDigest = storage.putBlob(layer);
        String diffId = dev.flareobserver.emulator.registry.Digests.of(tar);
        Map<String, Object> config = Map.of(
                "architecture", "amd64", "os", "linux",
                "config", Map.of("Entrypoint", List.of("/flare-hello"), "ExposedPorts", Map.of("8080/tcp", Map.of()),
                        "Labels", Map.of("org.opencontainers.image.title", "flare-hello")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)));
        byte[] configBytes = json(config);
        String configDigest = storage.putBlob(configBytes);
        Map<String, Object> manifest = Map.of(
                "schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "digest", configDigest,
                        "size", configBytes.length),
                "layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest", layerDigest, "size", layer.length)));
        byte[] manifestBytes = json(manifest);
        storage.putManifest(repo, dev.flareobserver.emulator.registry.Digests.of(manifestBytes),
                "application/vnd.oci.image.manifest.v1+json", manifestBytes, "demo");
        return true;
    }

    private static byte[] json(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A one-file ustar archive. */
    static byte[] tar(String name, byte[] content, int mode) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, String.format("%07o", mode));
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        header[262] = 0;
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, out, 0, 512);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}
