package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;

/**
 * {@code .../applications/{application_id}/instances} (v1: list, get, create, delete, exec, fetch) and
 * {@code .../instances-v2} (the list with states and locations).
 */
public final class InstancesClient {
  private static final TypeReference<List<ContainerInstanceV2>> V2 = new TypeReference<>() { };
  static final String INSTANCES = ApplicationsClient.APPLICATION + "/instances";
  static final String INSTANCE = INSTANCES + "/{instance_id}";

  private final HttpTransport transport;

  InstancesClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** The v1 list's {@code result}: {@code {instances: [...]}}. */
  record V1Result(@JsonProperty("instances") List<ContainerInstance> instances) {
  }

  /** One page of the v1 list ({@code pageToken} null for the first). */
  public Page<ContainerInstance> list(String accountId, String applicationId, Integer perPage, String pageToken) {
    ApiResult<List<ContainerInstance>> r = listV1(accountId, applicationId, perPage, pageToken);
    return new Page<>(r.result(), r.resultInfo());
  }

  public Pager<ContainerInstance> listAll(String accountId, String applicationId, Integer perPage) {
    ApplicationsClient.application(ApiRequest.get(INSTANCES), accountId, applicationId);
    return Pagers.pageTokenPaginated(token -> listV1(accountId, applicationId, perPage, token));
  }

  private ApiResult<List<ContainerInstance>> listV1(String accountId, String applicationId, Integer perPage,
      String pageToken) {
    ApiResult<V1Result> r = transport.execute(ApplicationsClient.application(ApiRequest.get(INSTANCES), accountId,
        applicationId).query("per_page", perPage).query("page_token", pageToken), V1Result.class);
    List<ContainerInstance> items = r.result() == null || r.result().instances() == null
        ? List.of() : r.result().instances();
    return new ApiResult<>(items, r.resultInfo(), r.messages(), r.httpStatus(), r.cfRay());
  }

  /** One page of {@code GET .../instances-v2}. */
  public Page<ContainerInstanceV2> listV2(String accountId, String applicationId, InstanceListParams params,
      String pageToken) {
    return Page.of(v2Page(accountId, applicationId, params, pageToken));
  }

  public Pager<ContainerInstanceV2> listAllV2(String accountId, String applicationId, InstanceListParams params) {
    ApplicationsClient.application(ApiRequest.get(INSTANCES), accountId, applicationId);
    return Pagers.pageTokenPaginated(token -> v2Page(accountId, applicationId, params, token));
  }

  private ApiResult<List<ContainerInstanceV2>> v2Page(String accountId, String applicationId,
      InstanceListParams params, String pageToken) {
    InstanceListParams p = params == null ? InstanceListParams.all() : params;
    return transport.execute(ApplicationsClient.application(
        ApiRequest.get(ApplicationsClient.APPLICATION + "/instances-v2"), accountId, applicationId)
        .query("name_prefix", p.namePrefix()).query("state", p.state()).query("per_page", p.perPage())
        .query("page_token", pageToken), V2);
  }

  public ContainerInstance get(String accountId, String applicationId, String instanceId) {
    return transport.execute(instance(ApiRequest.get(INSTANCE), accountId, applicationId, instanceId),
        ContainerInstance.class).result();
  }

  /** {@code POST .../instances}: starts one more instance. Not retried (a replay would start two). */
  public ContainerInstance create(String accountId, String applicationId, CreateInstance body) {
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw new IllegalArgumentException("An instance needs a name");
    }
    return transport.execute(ApplicationsClient.application(ApiRequest.post(INSTANCES), accountId, applicationId)
        .jsonBody(body).idempotent(false), ContainerInstance.class).result();
  }

  /** {@code DELETE .../instances/{id}}: stops the instance and removes it. */
  public void delete(String accountId, String applicationId, String instanceId) {
    transport.execute(instance(ApiRequest.delete(INSTANCE), accountId, applicationId, instanceId), Object.class);
  }

  /** Runs a command in the instance. Not retried: the command may have side effects. */
  public ExecRequest.Result exec(String accountId, String applicationId, String instanceId, ExecRequest body) {
    return transport.execute(instance(ApiRequest.post(INSTANCE + "/exec"), accountId, applicationId, instanceId)
        .jsonBody(body).idempotent(false), ExecRequest.Result.class).result();
  }

  /** Sends an HTTP request to the instance's port. Not retried unless the method is GET or HEAD. */
  public FetchRequest.Result fetch(String accountId, String applicationId, String instanceId, FetchRequest body) {
    boolean safe = body.method() == null || body.method().equals("GET") || body.method().equals("HEAD");
    return transport.execute(instance(ApiRequest.post(INSTANCE + "/fetch"), accountId, applicationId, instanceId)
        .jsonBody(body).idempotent(safe), FetchRequest.Result.class).result();
  }

  static ApiRequest instance(ApiRequest request, String accountId, String applicationId, String instanceId) {
    Requests.requirePathParam("instance_id", instanceId);
    return ApplicationsClient.application(request, accountId, applicationId).pathParam("instance_id", instanceId);
  }
}
