package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The state of an application's container pool as the emulator's pool manager reports it (the container-pool
 * seed: keep {@code target_instances} ready, start at most {@code batch_size} per batch, {@code
 * batch_spacing_seconds} apart). Not a documented Cloudflare resource: see {@link ContainerPoolClient}.
 *
 * @param ready     members running and waiting to be allocated
 * @param starting  members started for the pool that are not running yet
 * @param allocated members handed out and not yet released or expired
 */
public record ContainerPoolState(
    @JsonProperty("application_id") String applicationId,
    @JsonProperty("target_instances") int targetInstances,
    @JsonProperty("batch_size") int batchSize,
    @JsonProperty("batch_spacing_seconds") int batchSpacingSeconds,
    @JsonProperty("max_lifetime_seconds") int maxLifetimeSeconds,
    @JsonProperty("ready") int ready,
    @JsonProperty("starting") int starting,
    @JsonProperty("allocated") int allocated,
    @JsonProperty("batches") int batches,
    @JsonProperty("orphans_cleaned") int orphansCleaned,
    @JsonProperty("expired") int expired,
    @JsonProperty("last_batch_at") Instant lastBatchAt,
    @JsonProperty("instances") List<Member> instances) {

  public ContainerPoolState {
    instances = instances == null ? List.of() : List.copyOf(instances);
  }

  /** One instance the pool knows; {@code status} is {@code ready}, {@code starting} or {@code allocated}. */
  public record Member(
      @JsonProperty("id") String id,
      @JsonProperty("status") String status,
      @JsonProperty("state") InstanceState state,
      @JsonProperty("location") ContainerInstanceV2.Location location,
      @JsonProperty("created_at") Instant createdAt,
      @JsonProperty("allocated_at") Instant allocatedAt,
      @JsonProperty("expires_at") Instant expiresAt) {
  }

  /** Body of {@code PUT .../pool}: the settings to change (null ones are left as they are). */
  public record Settings(
      @JsonProperty("target_instances") Integer targetInstances,
      @JsonProperty("batch_size") Integer batchSize,
      @JsonProperty("batch_spacing_seconds") Integer batchSpacingSeconds,
      @JsonProperty("max_lifetime_seconds") Integer maxLifetimeSeconds) {
  }

  /** What {@code POST .../pool/allocate} hands out. */
  public record Allocation(
      @JsonProperty("id") String id,
      @JsonProperty("state") InstanceState state,
      @JsonProperty("location") ContainerInstanceV2.Location location) {
  }
}
