package dev.flareobserver.api;

import dev.flareobserver.api.accounts.AccountsClient;
import dev.flareobserver.api.analytics.GraphQLClient;
import dev.flareobserver.api.containers.ContainersClient;
import dev.flareobserver.api.d1.D1Client;
import dev.flareobserver.api.kv.KvClient;
import dev.flareobserver.api.memberships.MembershipsClient;
import dev.flareobserver.api.queues.QueuesClient;
import dev.flareobserver.api.r2.R2Client;
import dev.flareobserver.api.user.UserClient;
import dev.flareobserver.api.workers.WorkersClient;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.RateBudget;
import dev.flareobserver.transport.RetryPolicy;
import dev.flareobserver.transport.Sleeper;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Root of the typed Cloudflare API; the tree mirrors the URL ({@code client.accounts().tokens().verify(id)}
 * is {@code GET /accounts/{id}/tokens/verify}). Thread-safe; holds no state beyond its transport.
 */
public final class CloudflareClient implements AutoCloseable {
  private final HttpTransport transport;
  private final UserClient user;
  private final AccountsClient accounts;
  private final MembershipsClient memberships;
  private final WorkersClient workers;
  private final GraphQLClient analytics;
  private final KvClient kv;
  private final R2Client r2;
  private final D1Client d1;
  private final QueuesClient queues;
  private final ContainersClient containers;

  private CloudflareClient(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.user = new UserClient(transport);
    this.accounts = new AccountsClient(transport);
    this.memberships = new MembershipsClient(transport);
    this.workers = new WorkersClient(transport);
    this.analytics = new GraphQLClient(transport);
    this.kv = new KvClient(transport);
    this.r2 = new R2Client(transport);
    this.d1 = new D1Client(transport);
    this.queues = new QueuesClient(transport);
    this.containers = new ContainersClient(transport);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A client over an existing transport; closing the client closes the transport. */
  public static CloudflareClient of(HttpTransport transport) {
    return new CloudflareClient(transport);
  }

  public UserClient user() {
    return user;
  }

  public AccountsClient accounts() {
    return accounts;
  }

  public MembershipsClient memberships() {
    return memberships;
  }

  public WorkersClient workers() {
    return workers;
  }

  /** Workers KV ({@code .../storage/kv}). */
  public KvClient kv() {
    return kv;
  }

  /** R2 buckets and objects ({@code .../r2}). */
  public R2Client r2() {
    return r2;
  }

  /** D1 databases ({@code .../d1}). */
  public D1Client d1() {
    return d1;
  }

  /** Queues ({@code .../queues}). */
  public QueuesClient queues() {
    return queues;
  }

  /** Cloudflare Containers ({@code .../containers}): applications, instances, rollouts, registries, metrics. */
  public ContainersClient containers() {
    return containers;
  }

  /** The GraphQL Analytics API ({@code POST /graphql}). */
  public GraphQLClient analytics() {
    return analytics;
  }

  public RateBudget rateBudget() {
    return transport.rateBudget();
  }

  public URI baseUrl() {
    return transport.baseUrl();
  }

  /** For bindings that live outside this module and need the same transport. */
  public HttpTransport transport() {
    return transport;
  }

  @Override
  public void close() {
    transport.close();
  }

  public static final class Builder {
    private final HttpTransport.Builder transport = HttpTransport.builder();

    private Builder() {
    }

    public Builder baseUrl(String value) {
      transport.baseUrl(value);
      return this;
    }

    public Builder credentials(Credentials value) {
      transport.credentials(value);
      return this;
    }

    public Builder userAgent(String value) {
      transport.userAgent(value);
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      transport.retryPolicy(value);
      return this;
    }

    public Builder rateBudget(RateBudget value) {
      transport.rateBudget(value);
      return this;
    }

    public Builder connectTimeout(Duration value) {
      transport.connectTimeout(value);
      return this;
    }

    public Builder readTimeout(Duration value) {
      transport.readTimeout(value);
      return this;
    }

    public Builder sleeper(Sleeper value) {
      transport.sleeper(value);
      return this;
    }

    public CloudflareClient build() {
      return new CloudflareClient(transport.build());
    }
  }
}
