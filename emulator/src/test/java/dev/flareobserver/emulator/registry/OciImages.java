package dev.flareobserver.emulator.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds a one-layer OCI image by hand and pushes it with the distribution protocol (test side, independent of Jib). */
public final class OciImages {

    public record Image(byte[] layer, byte[] config, byte[] manifest) {
        public String layerDigest() {
            return Digests.of(layer);
        }

        public String configDigest() {
            return Digests.of(config);
        }

        public String manifestDigest() {
            return Digests.of(manifest);
        }
    }

    private OciImages() {
    }

    /** The emulator's demo binary (compiled by the build) as bytes. */
    public static byte[] flareHello() {
        try (InputStream in = OciImages.class.getResourceAsStream("/dev/flareobserver/emulator/containers/demo/flare-hello")) {
            if (in == null) {
                throw new AssertionError("flare-hello was not built: the emulator build compiles it with gcc");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scratch image holding {@code /name} (mode 0755) with {@code entrypoint}. */
    public static Image image(String name, byte[] file, List<String> entrypoint) {
        byte[] tar = tar(name, file);
        byte[] layer = gzip(tar);
        byte[] config = EmulatorHttp.toJson(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Entrypoint", entrypoint, "Env", List.of("FROM_IMAGE=yes")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(Digests.of(tar))))).getBytes(StandardCharsets.UTF_8);
        byte[] manifest = EmulatorHttp.toJson(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json",
                        "digest", Digests.of(config), "size", config.length),
                "layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest", Digests.of(layer), "size", layer.length)))).getBytes(StandardCharsets.UTF_8);
        return new Image(layer, config, manifest);
    }

    /** Pushes every blob (monolithic POST) and the manifest under {@code repo:tag}; returns the manifest digest. */
    public static String push(EmulatorHttp http, String auth, String repo, String tag, Image image) {
        for (byte[] blob : List.of(image.layer(), image.config())) {
            EmulatorHttp.Reply r = http.registry("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digests.of(blob),
                    auth, blob, "application/octet-stream");
            if (r.status() != 201) {
                throw new AssertionError("blob push -> " + r.status() + " " + r.body());
            }
        }
        EmulatorHttp.Reply m = http.registry("PUT", "/v2/" + repo + "/manifests/" + tag, auth, image.manifest(),
                "application/vnd.oci.image.manifest.v1+json");
        if (m.status() != 201) {
            throw new AssertionError("manifest push -> " + m.status() + " " + m.body());
        }
        return m.header("Docker-Content-Digest");
    }

    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000755");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
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

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
