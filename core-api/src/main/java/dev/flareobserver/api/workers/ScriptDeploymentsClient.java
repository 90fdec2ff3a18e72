package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.List;
import java.util.Objects;

/** {@code /accounts/{account_id}/workers/scripts/{script_name}/deployments} for one script. */
public final class ScriptDeploymentsClient {
  private final HttpTransport transport;
  private final String accountId;
  private final String scriptName;

  ScriptDeploymentsClient(HttpTransport transport, String accountId, String scriptName) {
    this.transport = transport;
    this.accountId = accountId;
    this.scriptName = scriptName;
  }

  /** The recent deployments in Cloudflare's order; sort by {@code createdOn} where order matters. */
  public List<Deployment> list() {
    Deployments result = transport.execute(request(ApiRequest.get(ScriptsClient.SCRIPT + "/deployments")),
        Deployments.class).result();
    return result == null || result.deployments() == null ? List.of() : List.copyOf(result.deployments());
  }

  /** {@code GET .../deployments/{deployment_id}}. */
  public Deployment get(String deploymentId) {
    Requests.requirePathParam("deployment_id", deploymentId);
    return transport.execute(request(ApiRequest.get(ScriptsClient.SCRIPT + "/deployments/{deployment_id}"))
        .pathParam("deployment_id", deploymentId), Deployment.class).result();
  }

  /** {@code POST .../deployments}: not retried, a replay would deploy twice. */
  public Deployment create(CreateDeployment body) {
    Objects.requireNonNull(body, "body");
    return transport.execute(request(ApiRequest.post(ScriptsClient.SCRIPT + "/deployments")).jsonBody(body),
        Deployment.class).result();
  }

  private ApiRequest request(ApiRequest request) {
    return ScriptsClient.script(request, accountId, scriptName);
  }

  private record Deployments(@JsonProperty("deployments") List<Deployment> deployments) {
  }
}
