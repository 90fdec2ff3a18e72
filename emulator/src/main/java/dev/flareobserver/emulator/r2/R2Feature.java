package dev.flareobserver.emulator.r2;

import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** R2 buckets and objects: rows in the state, bodies as files under the data directory. */
public final class R2Feature implements EmulatorFeature {

    private final FeatureContext context;
    private final R2Store store;

    private R2Feature(FeatureContext context, R2Store store) {
        this.context = context;
        this.store = store;
    }

    public static R2Feature create(FeatureContext context) {
        R2Store store = new R2Store(context.state(), context.dataDir());
        store.open();
        return new R2Feature(context, store);
    }

    @Override
    public void register(Router router) {
        new R2Routes(store, context.accounts(), context.clock()).register(router);
    }

    /** Each account gets the demo buckets once (rows only; bodies are generated when first read). */
    @Override
    public void seed(List<EmulatorAccount> accounts) {
        Set<String> done = store.seededAccounts();
        Instant now = context.clock().instant();
        for (EmulatorAccount account : accounts) {
            if (!done.contains(account.id())) {
                store.seed(account.id(), R2DemoData.buckets(account.id(), now), R2DemoData.objects(account.id(), now));
            }
        }
    }

    @Override
    public void stateCleared() {
        store.clearFiles();
    }
}
