package dev.flareobserver.api.memberships;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One permission group of a membership, e.g. {@code "analytics": {"read": true, "write": false}}. */
public record PermissionGrant(@JsonProperty("read") boolean read, @JsonProperty("write") boolean write) {
}
