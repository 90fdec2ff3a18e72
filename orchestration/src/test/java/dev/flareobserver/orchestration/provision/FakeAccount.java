package dev.flareobserver.orchestration.provision;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** An account in memory that counts requests and can fail chosen creates. */
final class FakeAccount implements AccountResources {

    final Map<ResourceKind, List<LiveResource>> resources = new EnumMap<>(ResourceKind.class);
    final List<String> requests = new ArrayList<>();
    Predicate<String> failCreate = name -> false;
    Predicate<String> failDelete = name -> false;

    FakeAccount() {
        for (ResourceKind k : ResourceKind.values()) {
            resources.put(k, new ArrayList<>());
        }
    }

    LiveResource add(ResourceKind kind, String name) {
        LiveResource r = new LiveResource(kind, kind == ResourceKind.R2_BUCKET ? name : id(), name, null);
        resources.get(kind).add(r);
        return r;
    }

    /** Everything, as one comparable string. */
    String dump() {
        return resources.toString();
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public String accountId() {
        return "acc-1";
    }

    @Override
    public List<LiveResource> list(ResourceKind kind) {
        requests.add("list " + kind);
        return List.copyOf(resources.get(kind));
    }

    @Override
    public LiveResource create(ResourceKind kind, String name, String jurisdiction) {
        requests.add("create " + kind + " " + name);
        if (failCreate.test(name)) {
            throw new IllegalStateException("injected failure creating " + name);
        }
        if (resources.get(kind).stream().anyMatch(r -> r.name().equals(name))) {
            throw new IllegalStateException(name + " exists");
        }
        return add(kind, name);
    }

    com.fasterxml.jackson.databind.JsonNode workerBindings;

    @Override
    public dev.flareobserver.api.workers.ScriptSettings workerSettings(String scriptName) {
        requests.add("settings " + scriptName);
        return new dev.flareobserver.api.workers.ScriptSettings(workerBindings, "2024-09-01", null, null, null, null,
                null, null, null, null);
    }

    @Override
    public boolean delete(LiveResource resource) {
        requests.add("delete " + resource.kind() + " " + resource.name());
        if (failDelete.test(resource.name())) {
            throw new IllegalStateException("injected failure deleting " + resource.name());
        }
        return resources.get(resource.kind()).removeIf(r -> r.id().equals(resource.id()));
    }
}
