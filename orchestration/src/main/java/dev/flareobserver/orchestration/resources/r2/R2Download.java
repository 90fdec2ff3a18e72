package dev.flareobserver.orchestration.resources.r2;

import java.nio.file.Path;

/** A finished download: where the object's bytes now are, how many, and the ETag they came with. */
public record R2Download(String bucket, String key, Path file, long bytes, String etag, String contentType) {
}
