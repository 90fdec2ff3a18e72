package dev.flareobserver.emulator.kv;

import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;
import java.util.List;

/** Workers KV. */
public final class KvFeature implements EmulatorFeature {

    private final FeatureContext context;

    private KvFeature(FeatureContext context) {
        this.context = context;
    }

    public static KvFeature create(FeatureContext context) {
        return new KvFeature(context);
    }

    @Override
    public void register(Router router) {
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
    }
}
