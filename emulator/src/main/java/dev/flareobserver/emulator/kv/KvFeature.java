package dev.flareobserver.emulator.kv;

import dev.flareobserver.emulator.DemoWorld;
import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;
import java.util.List;

/**
 * Workers KV: the REST routes ({@link KvRoutes}), the state ({@link KvStore}) and the demo namespaces
 * ({@link KvDemoData}). Seeding only creates namespace rows; their keys are generated on first use.
 */
public final class KvFeature implements EmulatorFeature {

    private final FeatureContext context;
    private final KvStore store;

    private KvFeature(FeatureContext context) {
        this.context = context;
        this.store = new KvStore(context.state());
    }

    public static KvFeature create(FeatureContext context) {
        KvFeature feature = new KvFeature(context);
        feature.store.createTables();
        return feature;
    }

    @Override
    public void register(Router router) {
        new KvRoutes(store, context.accounts(), context.clock()).register(router);
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
        for (EmulatorAccount account : accounts) {
            if (!store.demoSeeded(account.id())) {
                store.seedDemo(account.id(), KvDemoData.namespacesFor(account));
            }
            int large = context.options().kvLargeNamespaceKeys();
            if (large > 0 && account.id().equals(DemoWorld.PRODUCTION.id())) {
                store.insertNamespace(KvDemoData.large(account, large));
            }
        }
    }
}
