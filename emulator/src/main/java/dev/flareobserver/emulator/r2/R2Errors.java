package dev.flareobserver.emulator.r2;

import dev.flareobserver.emulator.http.ApiException;

/**
 * R2's limits and the errors Cloudflare answers when they are broken. Codes and HTTP statuses follow R2's
 * error-code table (developers.cloudflare.com/r2/api/error-codes): 10005 InvalidBucketName 400, 10006
 * NoSuchBucket 404, 10007 NoSuchKey 404 (also wrangler's {@code NO_SUCH_OBJECT_KEY}), 10008 BucketNotEmpty 409,
 * 10073 BucketConflict 409, 10012 MetadataTooLarge. Unconfirmed, as the table could not be read in full offline:
 * 10020 InvalidObjectName and 100100 EntityTooLarge, both 400, and that the REST API answers with the same
 * codes as the S3 and Workers APIs do.
 */
final class R2Errors {

    /** {@code PUT .../objects/{key}} takes at most 300 MiB (wrangler's MAX_UPLOAD_SIZE_BYTES, 300 * 1024 * 1024). */
    static final long MAX_PUT_BYTES = 300L * 1024 * 1024;
    /** Object keys are at most 1024 bytes of UTF-8. */
    static final int MAX_KEY_BYTES = 1024;
    /** Custom metadata (names and values) is at most 8192 bytes per object (R2's limits page). */
    static final int MAX_METADATA_BYTES = 8192;

    static final int INVALID_BUCKET_NAME = 10005;
    static final int NO_SUCH_BUCKET = 10006;
    static final int NO_SUCH_KEY = 10007;
    static final int BUCKET_NOT_EMPTY = 10008;
    static final int METADATA_TOO_LARGE = 10012;
    static final int INVALID_OBJECT_NAME = 10020;
    static final int BUCKET_CONFLICT = 10073;
    static final int ENTITY_TOO_LARGE = 100100;

    private R2Errors() {
    }

    /** 3..63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
    static boolean isValidBucketName(String name) {
        return name != null && name.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    }

    static ApiException invalidBucketName(String name) {
        return new ApiException(400, INVALID_BUCKET_NAME, "The specified bucket name is not valid. Bucket names "
                + "must begin and end with an alphanumeric character, only contain lowercase letters, numbers, and "
                + "hyphens, and be between 3 and 63 characters long. (" + name + ")");
    }

    static ApiException noSuchBucket() {
        return new ApiException(404, NO_SUCH_BUCKET, "The specified bucket does not exist.");
    }

    static ApiException noSuchKey() {
        return new ApiException(404, NO_SUCH_KEY, "The specified key does not exist.");
    }

    static ApiException bucketNotEmpty() {
        return new ApiException(409, BUCKET_NOT_EMPTY, "The bucket you tried to delete is not empty.");
    }

    static ApiException bucketExists() {
        return new ApiException(409, BUCKET_CONFLICT,
                "The bucket you tried to create already exists, and you own it.");
    }

    static ApiException keyTooLong(int bytes) {
        return new ApiException(400, INVALID_OBJECT_NAME, "The specified object name is not valid: the key is "
                + bytes + " bytes of UTF-8, the limit is " + MAX_KEY_BYTES + ".");
    }

    static ApiException entityTooLarge() {
        return new ApiException(400, ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed object "
                + "size: the API accepts at most " + MAX_PUT_BYTES + " bytes (300 MiB) per upload.");
    }

    static ApiException metadataTooLarge() {
        return new ApiException(400, METADATA_TOO_LARGE,
                "Your metadata headers exceed the maximum allowed metadata size.");
    }
}
