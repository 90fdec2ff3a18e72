package dev.flareobserver.api.workers;

import dev.flareobserver.transport.HttpTransport;

/** {@code /accounts/{account_id}/workers}. */
public final class WorkersClient {
  private final ScriptsClient scripts;
  private final SubdomainClient subdomain;

  public WorkersClient(HttpTransport transport) {
    this.scripts = new ScriptsClient(transport);
    this.subdomain = new SubdomainClient(transport);
  }

  public ScriptsClient scripts() {
    return scripts;
  }

  public SubdomainClient subdomain() {
    return subdomain;
  }
}
