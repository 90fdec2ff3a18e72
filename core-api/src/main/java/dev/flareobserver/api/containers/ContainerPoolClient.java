package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.NotFoundException;
import java.util.Optional;

/**
 * {@code .../applications/{application_id}/pool}: the container pool of an application, as the emulator's pool
 * manager serves it (the container-pool seed, where a PoolManager Durable Object keeps ready containers).
 *
 * <p><b>Not a documented Cloudflare endpoint.</b> Cloudflare's public API has no pool resource; on a real
 * account every application answers 404 here, which {@link #get} reports as "no pool" (empty), not as an error.
 */
public final class ContainerPoolClient {
  static final String POOL = ApplicationsClient.APPLICATION + "/pool";

  private final HttpTransport transport;

  ContainerPoolClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET .../pool}: the pool's state, or empty when the application has no pool (404). */
  public Optional<ContainerPoolState> get(String accountId, String applicationId) {
    ApiRequest request = ApplicationsClient.application(ApiRequest.get(POOL), accountId, applicationId);
    try {
      return Optional.ofNullable(transport.execute(request, ContainerPoolState.class).result());
    } catch (NotFoundException noPool) {
      return Optional.empty();
    }
  }

  /** {@code PUT .../pool}: creates the pool or changes its settings; answers the new state. */
  public ContainerPoolState configure(String accountId, String applicationId, ContainerPoolState.Settings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("Nothing to configure");
    }
    return transport.execute(ApplicationsClient.application(ApiRequest.put(POOL), accountId, applicationId)
        .jsonBody(settings), ContainerPoolState.class).result();
  }

  /** {@code POST .../pool/allocate}: hands out a ready member (one in {@code location} if any; null for any). */
  public ContainerPoolState.Allocation allocate(String accountId, String applicationId, String location) {
    return transport.execute(ApplicationsClient.application(ApiRequest.post(POOL + "/allocate"), accountId,
        applicationId).jsonBody(new AllocateBody(location)).idempotent(false), ContainerPoolState.Allocation.class)
        .result();
  }

  /** {@code POST .../pool/release}: gives an allocated member back; the pool destroys it. */
  public void release(String accountId, String applicationId, String instanceId) {
    dev.flareobserver.api.Requests.requirePathParam("instance_id", instanceId);
    transport.execute(ApplicationsClient.application(ApiRequest.post(POOL + "/release"), accountId, applicationId)
        .jsonBody(new ReleaseBody(instanceId)).idempotent(false), Object.class);
  }

  record AllocateBody(@JsonProperty("location") String location) {
  }

  record ReleaseBody(@JsonProperty("id") String id) {
  }
}
