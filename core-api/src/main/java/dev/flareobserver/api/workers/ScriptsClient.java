package dev.flareobserver.api.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.MultipartForm;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /accounts/{account_id}/workers/scripts}. */
public final class ScriptsClient {
  private static final TypeReference<List<WorkerScript>> SCRIPTS = new TypeReference<>() { };
  static final String SCRIPT = "/accounts/{account_id}/workers/scripts/{script_name}";

  private final HttpTransport transport;

  public ScriptsClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET .../scripts}: every script of the account in one answer (the list is not paginated). */
  public List<WorkerScript> list(String accountId) {
    Requests.requirePathParam("account_id", accountId);
    List<WorkerScript> scripts = transport.execute(ApiRequest.get("/accounts/{account_id}/workers/scripts")
        .pathParam("account_id", accountId), SCRIPTS).result();
    return scripts == null ? List.of() : List.copyOf(scripts);
  }

  /** {@code GET .../scripts/{script_name}}: the script's content as Cloudflare returns it (not an envelope). */
  public String get(String accountId, String scriptName) {
    return new String(transport.executeBytes(script(ApiRequest.get(SCRIPT), accountId, scriptName)),
        StandardCharsets.UTF_8);
  }

  /** {@code GET .../scripts/{script_name}/settings}. */
  public ScriptSettings settings(String accountId, String scriptName) {
    return transport.execute(script(ApiRequest.get(SCRIPT + "/settings"), accountId, scriptName),
        ScriptSettings.class).result();
  }

  /**
   * {@code PUT .../scripts/{script_name}}: uploads the modules, which creates a version and deploys it to 100 %.
   * Not retried: a replay after a lost answer would create a second version.
   */
  public WorkerScript upload(String accountId, String scriptName, ScriptUpload upload) {
    MultipartForm form = new MultipartForm();
    try {
      form.field("metadata", "application/json", transport.mapper().writeValueAsBytes(upload.metadata()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The upload metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    for (ScriptUpload.Module module : upload.modules()) {
      form.file(module.name(), module.contentType(), module.content());
    }
    ApiRequest request = script(ApiRequest.put(SCRIPT), accountId, scriptName)
        .body(form.bytes(), form.contentType())
        .idempotent(false);
    return transport.execute(request, WorkerScript.class).result();
  }

  /** {@code DELETE .../scripts/{script_name}}; {@code force} also removes what binds to it. */
  public void delete(String accountId, String scriptName, boolean force) {
    transport.execute(script(ApiRequest.delete(SCRIPT), accountId, scriptName).query("force", force ? "true" : null),
        Object.class);
  }

  /** {@code .../scripts/{script_name}/versions}. */
  public ScriptVersionsClient versions(String accountId, String scriptName) {
    return new ScriptVersionsClient(transport, Requests.requirePathParam("account_id", accountId),
        Requests.requirePathParam("script_name", scriptName));
  }

  /** {@code .../scripts/{script_name}/deployments}. */
  public ScriptDeploymentsClient deployments(String accountId, String scriptName) {
    return new ScriptDeploymentsClient(transport, Requests.requirePathParam("account_id", accountId),
        Requests.requirePathParam("script_name", scriptName));
  }

  static ApiRequest script(ApiRequest request, String accountId, String scriptName) {
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("script_name", scriptName);
    return request.pathParam("account_id", accountId).pathParam("script_name", scriptName);
  }
}
