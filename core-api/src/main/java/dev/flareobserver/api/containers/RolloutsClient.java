package dev.flareobserver.api.containers;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.List;
import java.util.Map;

/**
 * {@code .../applications/{application_id}/rollouts}: create is public; list, get and the step actions are in
 * wrangler's internal client only (containers.md §2).
 */
public final class RolloutsClient {
  static final String ROLLOUTS = ApplicationsClient.APPLICATION + "/rollouts";
  static final String ROLLOUT = ROLLOUTS + "/{rollout_id}";

  private final HttpTransport transport;

  RolloutsClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code POST .../rollouts}: starts replacing instances with {@code target_configuration}. Not retried. */
  public Rollout create(String accountId, String applicationId, CreateRollout body) {
    if (body == null) {
      throw new IllegalArgumentException("A rollout needs a body");
    }
    return transport.execute(ApplicationsClient.application(ApiRequest.post(ROLLOUTS), accountId, applicationId)
        .jsonBody(body).idempotent(false), Rollout.class).result();
  }

  public List<Rollout> list(String accountId, String applicationId) {
    List<Rollout> out = transport.execute(ApplicationsClient.application(ApiRequest.get(ROLLOUTS), accountId,
        applicationId), new TypeReference<List<Rollout>>() { }).result();
    return out == null ? List.of() : List.copyOf(out);
  }

  public Rollout get(String accountId, String applicationId, String rolloutId) {
    return transport.execute(rollout(ApiRequest.get(ROLLOUT), accountId, applicationId, rolloutId), Rollout.class)
        .result();
  }

  /** {@code POST .../rollouts/{id}} {@code {action}}: next step, previous step, or revert. Not retried. */
  public Rollout update(String accountId, String applicationId, String rolloutId, RolloutAction action) {
    if (action == null) {
      throw new IllegalArgumentException("Choose an action: next, previous or revert");
    }
    return transport.execute(rollout(ApiRequest.post(ROLLOUT), accountId, applicationId, rolloutId)
        .jsonBody(Map.of("action", action)).idempotent(false), Rollout.class).result();
  }

  private static ApiRequest rollout(ApiRequest request, String accountId, String applicationId, String rolloutId) {
    Requests.requirePathParam("rollout_id", rolloutId);
    return ApplicationsClient.application(request, accountId, applicationId).pathParam("rollout_id", rolloutId);
  }
}
