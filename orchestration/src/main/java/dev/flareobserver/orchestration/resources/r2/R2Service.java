package dev.flareobserver.orchestration.resources.r2;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2BucketCreate;
import dev.flareobserver.api.r2.R2BucketListParams;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.api.r2.R2ObjectBody;
import dev.flareobserver.api.r2.R2ObjectListParams;
import dev.flareobserver.api.r2.R2ObjectPage;
import dev.flareobserver.api.r2.R2ObjectsClient;
import dev.flareobserver.api.r2.R2PutOptions;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.DeleteConfirmation;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.transport.StreamBody;
import dev.flareobserver.transport.Transfer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * R2 on the connection's current account: validated, paged, guarded by {@link ResourceWrites}. Names, keys and
 * sizes are checked before any request; the bucket list and the first page of each folder are cached until a
 * write to them (or {@link #refresh()}). Uploads and downloads stream (a 300 MiB file never sits in memory),
 * report progress to their task and stop when it is cancelled: a cancelled upload leaves no object (the server
 * sees a cut-off body), a cancelled download leaves no file (bytes go to a ".part" file moved in place at the end).
 */
public final class R2Service {

    /** The REST API takes at most 300 MiB per put (wrangler's limit too). */
    public static final long MAX_UPLOAD_BYTES = 300L * 1024 * 1024;
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_CUSTOM_METADATA_BYTES = 8192;
    /** A folder page: enough to fill a screen twice, small enough to arrive at once. */
    public static final int FOLDER_PAGE_SIZE = 200;
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern METADATA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String PRODUCT = "R2";
    /** The task of a transfer nobody watches or cancels. */
    private static final TaskContext UNWATCHED = new TaskContext() {
        @Override
        public void progress(double fraction) {
        }

        @Override
        public void message(String text) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void throwIfCancelled() {
        }
    };

    private final AccountConnection connection;
    private final ResourceWrites writes;
    private volatile List<R2Bucket> buckets;
    private final Map<String, R2FolderPage> firstPages = new ConcurrentHashMap<>();

    public R2Service(AccountConnection connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    // --- validation ----------------------------------------------------------------------------------

    /** @throws InvalidResourceInputException saying what is wrong with the name and what the rule is */
    public static void validateBucketName(String name) {
        if (name == null || !BUCKET_NAME.matcher(name).matches()) {
            throw new InvalidResourceInputException("\"" + (name == null ? "" : name) + "\" is not a valid bucket "
                    + "name: use 3 to 63 characters, lowercase letters, digits and hyphens, starting and ending with "
                    + "a letter or digit.");
        }
    }

    /** @throws InvalidResourceInputException for an empty key, one over 1024 bytes of UTF-8, or one the API cannot address */
    public static void validateKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidResourceInputException("An object key cannot be empty.");
        }
        if (key.isBlank() || key.equals(".") || key.equals("..")) {
            throw new InvalidResourceInputException("The object key \"" + key + "\" cannot be addressed through "
                    + "the Cloudflare API; choose another.");
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(key)) {
            throw new InvalidResourceInputException("The object key is not valid Unicode text.");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new InvalidResourceInputException("The object key is " + bytes + " bytes long (UTF-8); R2 keys "
                    + "are at most " + MAX_KEY_BYTES + " bytes.");
        }
    }

    /** @throws InvalidResourceInputException for names or values a header cannot carry, or over 8 KiB in all */
    public static void validateCustomMetadata(Map<String, String> metadata) {
        int bytes = 0;
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (!METADATA_NAME.matcher(m.getKey()).matches()) {
                throw new InvalidResourceInputException("Metadata name \"" + m.getKey() + "\" is not valid: use "
                        + "letters, digits, '-' and '_'.");
            }
            String value = m.getValue() == null ? "" : m.getValue();
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new InvalidResourceInputException("The value of metadata \"" + m.getKey() + "\" must be "
                        + "printable ASCII text (it travels as an HTTP header).");
            }
            bytes += m.getKey().length() + value.length();
        }
        if (bytes > MAX_CUSTOM_METADATA_BYTES) {
            throw new InvalidResourceInputException("The custom metadata is " + bytes + " bytes; R2 stores at most "
                    + MAX_CUSTOM_METADATA_BYTES + " bytes of it per object.");
        }
    }

    // --- reads ---------------------------------------------------------------------------------------

    /** Every bucket of the account (cached until a bucket is created or deleted). */
    public List<R2Bucket> buckets() {
        List<R2Bucket> cached = buckets;
        if (cached == null) {
            cached = client().r2().buckets().listAll(accountId(), R2BucketListParams.defaults().withPerPage(1000))
                    .stream().toList();
            buckets = cached;
        }
        return cached;
    }

    public R2Bucket bucket(String name) {
        validateBucketName(name);
        return client().r2().buckets().get(accountId(), name);
    }

    /**
     * One page of one folder level ({@code prefix} "" is the bucket's top; a folder's prefix ends in "/"):
     * sub-folders and objects, listed with the delimiter "/", so a bucket of a million keys is browsed a level
     * and a page at a time. {@code cursor} null is the first page (cached).
     */
    public R2FolderPage folder(String bucket, String prefix, String cursor) {
        validateBucketName(bucket);
        String p = prefix == null ? "" : prefix;
        if (!p.isEmpty() && !p.endsWith("/")) {
            throw new InvalidResourceInputException("A folder is a prefix ending in \"/\", not \"" + p + "\".");
        }
        if (cursor == null) {
            R2FolderPage cached = firstPages.get(cacheKey(bucket, p));
            if (cached != null) {
                return cached;
            }
        }
        R2ObjectPage page = objects().list(accountId(), bucket,
                R2ObjectListParams.folder(p).withPerPage(FOLDER_PAGE_SIZE).withCursor(cursor));
        // A folder marker (the key "photos/" itself) is the folder, not a file in it.
        List<R2Object> files = page.objects().stream().filter(o -> !o.key().equals(p)).toList();
        R2FolderPage result = new R2FolderPage(bucket, p, page.delimitedPrefixes(), files, page.cursor());
        if (cursor == null) {
            firstPages.put(cacheKey(bucket, p), result);
        }
        return result;
    }

    /** The object's metadata (size, ETag, content type, custom metadata...), or empty when there is none. */
    public Optional<R2Object> metadata(String bucket, String key) {
        validateBucketName(bucket);
        validateKey(key);
        // No HEAD in the REST API: the listing from the key itself has it first, if it exists.
        R2ObjectPage page = objects().list(accountId(), bucket, R2ObjectListParams.defaults().withPrefix(key)
                .withPerPage(1));
        return page.objects().stream().filter(o -> o.key().equals(key)).findFirst();
    }

    /** Forgets every cached listing; the next read asks Cloudflare again. */
    public void refresh() {
        buckets = null;
        firstPages.clear();
    }

    // --- writes --------------------------------------------------------------------------------------

    public R2Bucket createBucket(String name, R2Location locationHint, R2StorageClass storageClass) {
        Write write = Write.of(accountIdOrNull(), PRODUCT, "create bucket", String.valueOf(name));
        writes.requireUnlocked(write);
        validateBucketName(name);
        R2Bucket created = writes.run(write, () -> client().r2().buckets().create(accountId(),
                new R2BucketCreate(name, locationHint, storageClass)), b -> describe(b));
        buckets = null;
        return created;
    }

    /** Deletes an (empty) bucket once {@code typedName} repeats its name exactly. */
    public void deleteBucket(String name, String typedName) {
        Write write = Write.of(accountIdOrNull(), PRODUCT, "delete bucket", String.valueOf(name));
        writes.requireUnlocked(write);
        DeleteConfirmation.require("R2 bucket", name, typedName);
        validateBucketName(name);
        writes.run(write, () -> client().r2().buckets().delete(accountId(), name));
        buckets = null;
        forget(name);
    }

    /** {@link #upload(R2Upload, TaskContext)} with nobody watching (scripts, tests): no progress, no cancel. */
    public R2Object upload(R2Upload upload) {
        return upload(upload, UNWATCHED);
    }

    /**
     * Uploads a file as an object, streamed, with progress on {@code task}; a cancel stops it mid-body, so
     * nothing is stored. Checked first: the lock, bucket name, key, file (readable, at most 300 MiB), metadata.
     *
     * @throws java.util.concurrent.CancellationException when the task was cancelled
     */
    public R2Object upload(R2Upload upload, TaskContext task) {
        Write write = Write.of(accountIdOrNull(), PRODUCT, "upload object", upload.bucket() + "/" + upload.key());
        writes.requireUnlocked(write);
        validateBucketName(upload.bucket());
        validateKey(upload.key());
        validateCustomMetadata(upload.customMetadata());
        long size = uploadSize(upload.file());
        String contentType = upload.contentType() == null || upload.contentType().isBlank()
                ? R2Files.contentTypeFor(upload.file().getFileName().toString()) : upload.contentType().trim();
        StreamBody body;
        try {
            body = StreamBody.ofFile(upload.file(), validContentType(contentType));
        } catch (IOException e) {
            throw new InvalidResourceInputException("Cannot read " + upload.file() + ": " + e.getMessage());
        }
        R2PutOptions options = R2PutOptions.defaults().withCustomMetadata(upload.customMetadata())
                .withStorageClass(upload.storageClass());
        task.message("Uploading " + R2Files.size(size));
        R2Object stored = writes.run(write, () -> objects().put(accountId(), upload.bucket(), upload.key(), body,
                options, transferFor(task, "Uploading")), o -> R2Files.size(o.size()) + ", etag " + o.etag());
        forget(upload.bucket());
        return stored;
    }

    /**
     * Downloads an object into {@code target}, streamed, with progress on {@code task}. The bytes go to
     * "{@code target}.part" first and replace {@code target} only when complete, so a failure or a cancel leaves
     * no partial file (and an older {@code target} untouched).
     *
     * @throws java.util.concurrent.CancellationException when the task was cancelled
     */
    public R2Download download(String bucket, String key, Path target, TaskContext task) {
        validateBucketName(bucket);
        validateKey(key);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            try (R2ObjectBody object = objects().get(accountId(), bucket, key, transferFor(task, "Downloading"));
                 InputStream in = object.body();
                 OutputStream out = Files.newOutputStream(part)) {
                long bytes = in.transferTo(out);
                if (object.contentLength() >= 0 && bytes != object.contentLength()) {
                    throw new IOException("The download ended after " + bytes + " of " + object.contentLength()
                            + " bytes");
                }
                out.close();
                move(part, target);
                return new R2Download(bucket, key, target, bytes, object.etag(), object.contentType());
            }
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("Downloading " + key + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** Deletes an object once {@code typedKey} repeats its key exactly. */
    public void deleteObject(String bucket, String key, String typedKey) {
        Write write = Write.of(accountIdOrNull(), PRODUCT, "delete object", bucket + "/" + key);
        writes.requireUnlocked(write);
        DeleteConfirmation.require("R2 object", key, typedKey);
        validateBucketName(bucket);
        validateKey(key);
        writes.run(write, () -> objects().delete(accountId(), bucket, key));
        forget(bucket);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static long uploadSize(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidResourceInputException("Cannot read " + file + ": it is not a readable file.");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidResourceInputException("Cannot read " + file + ": " + e.getMessage());
        }
        if (size > MAX_UPLOAD_BYTES) {
            throw new InvalidResourceInputException(file.getFileName() + " is " + R2Files.size(size) + "; the "
                    + "Cloudflare API accepts uploads of at most 300 MiB (" + MAX_UPLOAD_BYTES + " bytes).");
        }
        return size;
    }

    private static String validContentType(String value) {
        if (!value.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[^\\x00-\\x1f\\x7f]*)?")) {
            throw new InvalidResourceInputException("\"" + value + "\" is not a content type (like image/png).");
        }
        return value;
    }

    /** Progress as a fraction and "12.0 of 48.0 MB", published at most once per whole percent. */
    private static Transfer transferFor(TaskContext task, String verb) {
        int[] lastPercent = {-1};
        return Transfer.watched((done, total) -> {
            if (total <= 0) {
                return;
            }
            int percent = (int) (done * 100 / total);
            if (percent != lastPercent[0]) {
                lastPercent[0] = percent;
                task.progress(done / (double) total);
                task.message(verb + " " + R2Files.size(done) + " of " + R2Files.size(total));
            }
        }, task::isCancelled);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing else can be done; the caller reports the failure that brought us here.
        }
    }

    private static String describe(R2Bucket b) {
        return b.name() + (b.location() == null ? "" : " in " + b.location().wireValue())
                + (b.storageClass() == null ? "" : ", " + b.storageClass().wireValue());
    }

    private void forget(String bucket) {
        firstPages.keySet().removeIf(k -> k.startsWith(bucket + "\n"));
    }

    private static String cacheKey(String bucket, String prefix) {
        return bucket + "\n" + prefix;
    }

    private R2ObjectsClient objects() {
        return client().r2().buckets().objects();
    }

    private CloudflareClient client() {
        return connection.client().orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare"));
    }

    private String accountId() {
        return connection.currentAccount().map(Account::id)
                .orElseThrow(() -> new IllegalStateException("No account is selected"));
    }

    private String accountIdOrNull() {
        return connection.currentAccount().map(Account::id).orElse(null);
    }
}
