package dev.flareobserver.emulator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The registry's files under {@code dataDir/registry}: content-addressed blobs ({@code blobs/sha256/<hex>}, shared
 * by every repository, as a registry may deduplicate), uploads in progress ({@code uploads/<uuid>}), and per
 * repository its tags ({@code repos/<name>/tags/<tag>} holding a digest) and manifests
 * ({@code repos/<name>/manifests/<hex>} holding the media type; the bytes are a blob).
 */
public final class RegistryStorage {

    /** A stored manifest: its digest, media type and bytes. */
    public record Manifest(String digest, String mediaType, byte[] content) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path root;

    public RegistryStorage(Path dataDir) {
        this.root = dataDir.resolve("registry");
    }

    public Path blobPath(String digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    public boolean hasBlob(String digest) {
        return Digests.isValid(digest) && Files.isRegularFile(blobPath(digest));
    }

    /** Stores content as a blob (for images the emulator builds itself); returns its digest. */
    public String putBlob(byte[] content) {
        String digest = Digests.of(content);
        if (!hasBlob(digest)) {
            write(blobPath(digest), content, true);
        }
        return digest;
    }

    // ---- uploads ----

    public String startUpload() {
        String id = UUID.randomUUID().toString();
        write(uploadPath(id), new byte[0], false);
        return id;
    }

    public boolean hasUpload(String id) {
        return isUuid(id) && Files.isRegularFile(uploadPath(id));
    }

    public long uploadSize(String id) {
        try {
            return Files.size(uploadPath(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a chunk; returns the upload's new size. */
    public long append(String id, InputStream chunk) {
        try (OutputStream out = Files.newOutputStream(uploadPath(id), StandardOpenOption.APPEND)) {
            chunk.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uploadSize(id);
    }

    /**
     * Verifies the upload against {@code digest} and makes it a blob. A mismatch deletes the upload and returns
     * the digest the content really has.
     */
    public Optional<String> finishUpload(String id, String digest) {
        Path upload = uploadPath(id);
        MessageDigest sha = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(upload), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
            String actual = Digests.of(sha);
            if (!actual.equals(digest)) {
                Files.deleteIfExists(upload);
                return Optional.of(actual);
            }
            Path blob = blobPath(digest);
            Files.createDirectories(blob.getParent());
            Files.move(upload, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void cancelUpload(String id) {
        try {
            Files.deleteIfExists(uploadPath(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- manifests and tags ----

    public void putManifest(String repo, String digest, String mediaType, byte[] content, String tag) {
        Path blob = blobPath(digest);
        if (!Files.exists(blob)) {
            write(blob, content, true);
        }
        write(repoDir(repo).resolve("manifests").resolve(hex(digest)), mediaType.getBytes(StandardCharsets.UTF_8), true);
        if (tag != null) {
            write(repoDir(repo).resolve("tags").resolve(tag), digest.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    /** The manifest a tag or digest names in this repository. */
    public Optional<Manifest> manifest(String repo, String reference) {
        String digest = Digests.isValid(reference) ? reference : read(repoDir(repo).resolve("tags").resolve(reference));
        if (digest == null) {
            return Optional.empty();
        }
        String mediaType = read(repoDir(repo).resolve("manifests").resolve(hex(digest)));
        if (mediaType == null || !hasBlob(digest)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Manifest(digest, mediaType, Files.readAllBytes(blobPath(digest))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a tag, or (by digest) a manifest and every tag pointing at it. True if something was removed. */
    public boolean deleteManifest(String repo, String reference) {
        try {
            if (!Digests.isValid(reference)) {
                return Files.deleteIfExists(repoDir(repo).resolve("tags").resolve(reference));
            }
            for (String tag : tags(repo)) {
                if (reference.equals(read(repoDir(repo).resolve("tags").resolve(tag)))) {
                    Files.deleteIfExists(repoDir(repo).resolve("tags").resolve(tag));
                }
            }
            return Files.deleteIfExists(repoDir(repo).resolve("manifests").resolve(hex(reference)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> tags(String repo) {
        return list(repoDir(repo).resolve("tags"));
    }

    /** Every repository name ({@code account/name}, possibly deeper), sorted. */
    public List<String> repositories() {
        Path repos = root.resolve("repos");
        if (!Files.isDirectory(repos)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(repos)) {
            return walk.filter(p -> p.getFileName().toString().equals("manifests") && Files.isDirectory(p))
                    .map(p -> repos.relativize(p.getParent()).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path repoDir(String repo) {
        return root.resolve("repos").resolve(repo);
    }

    private Path uploadPath(String id) {
        return root.resolve("uploads").resolve(id);
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static boolean isUuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>(files.map(p -> p.getFileName().toString()).toList());
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes via a temporary file and a rename, so a reader never sees half a file. */
    private static void write(Path file, byte[] content, boolean atomic) {
        try {
            Files.createDirectories(file.getParent());
            if (!atomic) {
                Files.write(file, content);
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
