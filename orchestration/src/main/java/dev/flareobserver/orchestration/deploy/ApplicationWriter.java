package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.CreateApplication;
import dev.flareobserver.api.containers.ModifyApplication;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import java.util.Optional;

/** Finds an application by name and creates or modifies it, every change through {@link ResourceWrites}. */
final class ApplicationWriter {

    private static final String PRODUCT = "Containers";

    private final CloudflareClient client;
    private final String accountId;
    private final ResourceWrites writes;

    ApplicationWriter(CloudflareClient client, String accountId, ResourceWrites writes) {
        this.client = client;
        this.accountId = accountId;
        this.writes = writes;
    }

    /** The list's {@code name} filter may match loosely (unconfirmed), so the name is compared exactly here. */
    Optional<ContainerApplication> find(String name) {
        return client.containers().applications().listAll(accountId, ApplicationListParams.named(name)).stream()
                .filter(a -> name.equals(a.name())).findFirst();
    }

    ContainerApplication get(String applicationId) {
        return client.containers().applications().get(accountId, applicationId);
    }

    ContainerApplication create(String name, ContainerConfiguration configuration, int instances) {
        return writes.run(Write.of(accountId, PRODUCT, "create application", name),
                () -> client.containers().applications().create(accountId,
                        CreateApplication.scheduled(name, configuration, instances)),
                ApplicationWriter::describe);
    }

    /** PATCHes {@code configuration} (only its non-null fields change); the instances keep theirs until a rollout. */
    ContainerApplication modify(ContainerApplication app, ContainerConfiguration configuration) {
        return writes.run(Write.of(accountId, PRODUCT, "modify application", app.name()).withBefore(describe(app)),
                () -> client.containers().applications().modify(accountId, app.id(),
                        ModifyApplication.configuration(configuration)),
                ApplicationWriter::describe);
    }

    /** For the audit trail: "version 3, image registry.cloudflare.com/acct/name:tag". */
    static String describe(ContainerApplication app) {
        return "version " + app.version() + ", image " + (app.configuration() == null ? "none"
                : app.configuration().image());
    }
}
