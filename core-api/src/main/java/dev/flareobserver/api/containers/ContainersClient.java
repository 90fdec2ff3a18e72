package dev.flareobserver.api.containers;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/**
 * {@code /accounts/{account_id}/containers} (containers.md): applications with their instances, rollouts and
 * versions; image registries and their credentials; and the {@code containersMetricsAdaptiveGroups} analytics.
 */
public final class ContainersClient {
  static final String BASE = "/accounts/{account_id}/containers";

  private final ApplicationsClient applications;
  private final RegistriesClient registries;
  private final ContainersMetricsClient metrics;

  public ContainersClient(HttpTransport transport) {
    Objects.requireNonNull(transport, "transport");
    this.applications = new ApplicationsClient(transport);
    this.registries = new RegistriesClient(transport);
    this.metrics = new ContainersMetricsClient(transport);
  }

  /** {@code .../containers/applications}, and below them instances, rollouts, versions. */
  public ApplicationsClient applications() {
    return applications;
  }

  /** {@code .../containers/registries}. */
  public RegistriesClient registries() {
    return registries;
  }

  /** GraphQL {@code containersMetricsAdaptiveGroups}. */
  public ContainersMetricsClient metrics() {
    return metrics;
  }
}
