package dev.flareobserver.api.workers;

import dev.flareobserver.transport.HttpTransport;

/** {@code /accounts/{account_id}/workers}. */
public final class WorkersClient {
  private final ScriptsClient scripts;
  private final SubdomainClient subdomain;
  private final TailsClient tails;
  private final DurableObjectNamespacesClient durableObjects;

  public WorkersClient(HttpTransport transport) {
    this.scripts = new ScriptsClient(transport);
    this.subdomain = new SubdomainClient(transport);
    this.tails = new TailsClient(transport);
    this.durableObjects = new DurableObjectNamespacesClient(transport);
  }

  public ScriptsClient scripts() {
    return scripts;
  }

  public SubdomainClient subdomain() {
    return subdomain;
  }

  /** {@code .../workers/scripts/{script_name}/tails}: live tails. */
  public TailsClient tails() {
    return tails;
  }

  /** {@code .../workers/durable_objects/namespaces}. */
  public DurableObjectNamespacesClient durableObjects() {
    return durableObjects;
  }
}
