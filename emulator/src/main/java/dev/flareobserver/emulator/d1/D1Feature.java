package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.DemoWorld;
import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;
import java.time.Instant;
import java.util.List;

/**
 * D1 databases as real SQLite files under the feature's data directory. Demo data: the production account
 * gets "shop" (customers, products, orders, order items: 100,000 rows) and the staging account a small
 * "shop-staging"; their rows are written on first use, so starting the emulator stays quick.
 */
public final class D1Feature implements EmulatorFeature {

    static final String DEMO_DATABASE = "shop";
    static final String DEMO_STAGING_DATABASE = "shop-staging";
    private static final Instant DEMO_CREATED = Instant.parse("2024-02-12T10:31:07.284113Z");

    private final D1Databases databases;
    private final FeatureContext context;

    private D1Feature(FeatureContext context) {
        this.context = context;
        this.databases = new D1Databases(context.state(), context.dataDir(), context.clock());
    }

    public static D1Feature create(FeatureContext context) {
        return new D1Feature(context);
    }

    @Override
    public void register(Router router) {
        new D1Routes(databases, context.accounts()).register(router);
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
        for (EmulatorAccount account : accounts) {
            boolean production = account.id().equals(DemoWorld.PRODUCTION.id());
            boolean staging = account.id().equals(DemoWorld.STAGING.id());
            if ((production || staging) && databases.catalog().markDemoSeeded(account.id())) {
                databases.createDemo(account.id(), production ? DEMO_DATABASE : DEMO_STAGING_DATABASE,
                        production ? "wnam" : "weur", production ? 1 : 100, DEMO_CREATED);
            }
        }
    }

    @Override
    public void stateCleared() {
        databases.clear();
    }

    @Override
    public void close() {
        databases.close();
    }
}
