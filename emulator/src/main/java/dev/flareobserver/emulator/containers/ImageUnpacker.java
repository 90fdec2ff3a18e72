package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.registry.RegistryStorage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Turns a pushed image into a directory: applies the manifest's layers in order (gzip or plain tar; OCI
 * whiteouts remove files) and reads the config's entrypoint, command, environment and working directory.
 * Only regular files, directories and symbolic links are created; nothing escapes the target directory.
 */
final class ImageUnpacker {

    /** What the image's config says about how to start it. */
    record ImageConfig(List<String> entrypoint, List<String> cmd, Map<String, String> env, String workingDir) {
    }

    private ImageUnpacker() {
    }

    static ImageConfig unpack(RegistryStorage storage, RegistryStorage.Manifest manifest, Path target) throws IOException {
        JsonNode json = manifest.json();
        if (json.has("manifests")) {
            throw new IOException("the image is an index (multi-platform); push a single linux/amd64 image");
        }
        Files.createDirectories(target);
        for (JsonNode layer : json.path("layers")) {
            String digest = layer.path("digest").asText();
            if (!storage.hasBlob(digest)) {
                throw new IOException("layer " + digest + " is missing from the registry");
            }
            boolean gzip = layer.path("mediaType").asText().contains("gzip") || isGzip(storage.blobPath(digest));
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(storage.blobPath(digest)));
                 InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                extract(in, target);
            }
        }
        String configDigest = json.path("config").path("digest").asText();
        JsonNode config = Json.MAPPER.readTree(storage.blobPath(configDigest).toFile()).path("config");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : config.path("Env")) {
            String s = e.asText();
            int eq = s.indexOf('=');
            if (eq > 0) {
                env.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return new ImageConfig(strings(config.path("Entrypoint")), strings(config.path("Cmd")), env,
                config.path("WorkingDir").asText(""));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** A minimal ustar/PAX reader: enough for the layers Jib, docker and buildkit write. */
    private static void extract(InputStream in, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        byte[] header = new byte[512];
        String paxPath = null;
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512) {
            if (isZero(header)) {
                break;
            }
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12);
            int mode = (int) octal(header, 100, 8);
            char type = (char) header[156];
            String linkName = string(header, 157, 100);
            byte[] data = null;
            if (type == 'x' || type == 'L' || type == 'g') {
                data = in.readNBytes((int) size);
                skipPadding(in, size);
                if (type == 'x') {
                    paxPath = paxValue(new String(data, StandardCharsets.UTF_8), "path");
                } else if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                }
                continue;
            }
            if (paxPath != null) {
                name = paxPath;
            } else if (longName != null) {
                name = longName;
            }
            paxPath = null;
            longName = null;
            Path dest = root.resolve(stripLeading(name)).normalize();
            if (!dest.startsWith(root)) {
                throw new IOException("layer entry escapes the image directory: " + name);
            }
            String fileName = dest.getFileName() == null ? "" : dest.getFileName().toString();
            if (fileName.startsWith(".wh.")) {
                // OCI whiteout: the named file of a lower layer is deleted.
                deleteTree(dest.resolveSibling(fileName.substring(4)));
                skip(in, size);
                skipPadding(in, size);
                continue;
            }
            switch (type) {
                case '5' -> Files.createDirectories(dest);
                case '2' -> {
                    Files.createDirectories(dest.getParent());
                    Files.deleteIfExists(dest);
                    Files.createSymbolicLink(dest, Path.of(linkName));
                }
                case '0', '\0', '7' -> {
                    Files.createDirectories(dest.getParent());
                    Files.copy(new BoundedInputStream(in, size), dest, StandardCopyOption.REPLACE_EXISTING);
                    skipPadding(in, size);
                    Files.setPosixFilePermissions(dest, permissions(mode));
                    continue;
                }
                default -> {
                    // Hard links, devices, FIFOs: not needed for a static binary's image.
                }
            }
            skip(in, size);
            skipPadding(in, size);
        }
    }

    private static String stripLeading(String name) {
        String n = name;
        while (n.startsWith("/") || n.startsWith("./")) {
            n = n.startsWith("/") ? n.substring(1) : n.substring(2);
        }
        return n;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    private static String paxValue(String records, String key) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            int eq = line.indexOf('=');
            if (space > 0 && eq > space && line.substring(space + 1, eq).equals(key)) {
                return line.substring(eq + 1);
            }
        }
        return null;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) {
        String s = string(b, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("layer ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = (512 - size % 512) % 512;
        skip(in, pad);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    /** Reads at most {@code limit} bytes of the tar stream without closing it. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // The tar stream stays open for the next entry.
        }
    }
}
