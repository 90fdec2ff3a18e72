package dev.flareobserver.api.containers;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;

/** {@code /accounts/{account_id}/containers/applications}. */
public final class ApplicationsClient {
  private static final TypeReference<List<ContainerApplication>> APPLICATIONS = new TypeReference<>() { };
  static final String APPLICATIONS_PATH = ContainersClient.BASE + "/applications";
  static final String APPLICATION = APPLICATIONS_PATH + "/{application_id}";

  private final HttpTransport transport;
  private final InstancesClient instances;
  private final RolloutsClient rollouts;
  private final ContainerPoolClient pool;

  ApplicationsClient(HttpTransport transport) {
    this.transport = transport;
    this.instances = new InstancesClient(transport);
    this.rollouts = new RolloutsClient(transport);
    this.pool = new ContainerPoolClient(transport);
  }

  /** {@code .../applications/{id}/instances} (v1) and {@code instances-v2}. */
  public InstancesClient instances() {
    return instances;
  }

  /** {@code .../applications/{id}/rollouts}. */
  public RolloutsClient rollouts() {
    return rollouts;
  }

  /** {@code .../applications/{id}/pool}: the emulator's container pools (not a documented Cloudflare endpoint). */
  public ContainerPoolClient pool() {
    return pool;
  }

  /** One page of {@code GET .../applications} ({@code pageToken} null for the first). */
  public Page<ContainerApplication> list(String accountId, ApplicationListParams params, String pageToken) {
    Requests.requirePathParam("account_id", accountId);
    ApplicationListParams p = params == null ? ApplicationListParams.all() : params;
    ApiRequest request = ApiRequest.get(APPLICATIONS_PATH).pathParam("account_id", accountId)
        .query("name", p.name()).query("image", p.image()).query("label", p.label())
        .query("per_page", p.perPage()).query("page_token", pageToken);
    return Page.of(transport.execute(request, APPLICATIONS));
  }

  /** Every application, fetched page by page as the iteration goes. */
  public Pager<ContainerApplication> listAll(String accountId, ApplicationListParams params) {
    Requests.requirePathParam("account_id", accountId);
    return Pagers.pageTokenPaginated(token -> {
      ApplicationListParams p = params == null ? ApplicationListParams.all() : params;
      return transport.execute(ApiRequest.get(APPLICATIONS_PATH).pathParam("account_id", accountId)
          .query("name", p.name()).query("image", p.image()).query("label", p.label())
          .query("per_page", p.perPage()).query("page_token", token), APPLICATIONS);
    });
  }

  public ContainerApplication get(String accountId, String applicationId) {
    return transport.execute(application(ApiRequest.get(APPLICATION), accountId, applicationId),
        ContainerApplication.class).result();
  }

  /** {@code POST .../applications}. Not retried: a replay after a lost answer would create a second application. */
  public ContainerApplication create(String accountId, CreateApplication body) {
    Requests.requirePathParam("account_id", accountId);
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw new IllegalArgumentException("An application needs a name");
    }
    if (body.schedulingPolicy() != SchedulingPolicy.DURABLE_OBJECT
        && (body.configuration() == null || body.configuration().image() == null
        || body.configuration().image().isBlank())) {
      throw new IllegalArgumentException("An application needs configuration.image");
    }
    return transport.execute(ApiRequest.post(APPLICATIONS_PATH).pathParam("account_id", accountId)
        .jsonBody(body).idempotent(false), ContainerApplication.class).result();
  }

  /** {@code PATCH .../applications/{id}}: changes only the fields set in {@code body}. */
  public ContainerApplication modify(String accountId, String applicationId, ModifyApplication body) {
    if (body == null) {
      throw new IllegalArgumentException("Nothing to modify");
    }
    return transport.execute(application(ApiRequest.patch(APPLICATION), accountId, applicationId)
        .jsonBody(body).idempotent(false), ContainerApplication.class).result();
  }

  /** {@code DELETE .../applications/{id}}: the application and its instances. */
  public void delete(String accountId, String applicationId) {
    transport.execute(application(ApiRequest.delete(APPLICATION), accountId, applicationId), Object.class);
  }

  /** {@code GET .../applications/{id}/versions}: every configuration version and its share of instances. */
  public List<ApplicationVersion> versions(String accountId, String applicationId) {
    List<ApplicationVersion> out = transport.execute(application(ApiRequest.get(APPLICATION + "/versions"),
        accountId, applicationId), new TypeReference<List<ApplicationVersion>>() { }).result();
    return out == null ? List.of() : List.copyOf(out);
  }

  static ApiRequest application(ApiRequest request, String accountId, String applicationId) {
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("application_id", applicationId);
    return request.pathParam("account_id", accountId).pathParam("application_id", applicationId);
  }
}
