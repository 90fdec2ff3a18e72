package dev.flareobserver.api.r2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an uploaded object is stored besides its content type (which the {@code StreamBody} carries): cache
 * headers (part of its {@code http_metadata}), custom metadata, and a storage class (null: the bucket's default).
 */
public record R2PutOptions(String cacheControl, String contentDisposition, Map<String, String> customMetadata,
    R2StorageClass storageClass) {

  public R2PutOptions {
    customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
  }

  public static R2PutOptions defaults() {
    return new R2PutOptions(null, null, null, null);
  }

  public R2PutOptions withCacheControl(String value) {
    return new R2PutOptions(value, contentDisposition, customMetadata, storageClass);
  }

  public R2PutOptions withContentDisposition(String value) {
    return new R2PutOptions(cacheControl, value, customMetadata, storageClass);
  }

  public R2PutOptions withCustomMetadata(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(customMetadata);
    all.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new R2PutOptions(cacheControl, contentDisposition, all, storageClass);
  }

  public R2PutOptions withCustomMetadata(Map<String, String> value) {
    return new R2PutOptions(cacheControl, contentDisposition, value, storageClass);
  }

  public R2PutOptions withStorageClass(R2StorageClass value) {
    return new R2PutOptions(cacheControl, contentDisposition, customMetadata, value);
  }
}
