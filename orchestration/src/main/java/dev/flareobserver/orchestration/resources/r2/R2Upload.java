package dev.flareobserver.orchestration.resources.r2;

import dev.flareobserver.api.r2.R2StorageClass;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A file to upload as an object.
 *
 * @param contentType    null: guessed from the file name ({@link R2Files#contentTypeFor})
 * @param customMetadata stored with the object (ASCII, at most 8 KiB in all)
 * @param storageClass   null: the bucket's default
 */
public record R2Upload(String bucket, String key, Path file, String contentType, Map<String, String> customMetadata,
                       R2StorageClass storageClass) {

    public R2Upload {
        Objects.requireNonNull(file, "file");
        customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
    }

    public static R2Upload of(String bucket, String key, Path file) {
        return new R2Upload(bucket, key, file, null, Map.of(), null);
    }

    public R2Upload withContentType(String value) {
        return new R2Upload(bucket, key, file, value, customMetadata, storageClass);
    }

    public R2Upload withCustomMetadata(Map<String, String> value) {
        return new R2Upload(bucket, key, file, contentType, value, storageClass);
    }

    public R2Upload withStorageClass(R2StorageClass value) {
        return new R2Upload(bucket, key, file, contentType, customMetadata, value);
    }
}
