package dev.flareobserver.emulator.r2;

import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;
import java.util.List;

/** R2 buckets and objects. */
public final class R2Feature implements EmulatorFeature {

    private final FeatureContext context;

    private R2Feature(FeatureContext context) {
        this.context = context;
    }

    public static R2Feature create(FeatureContext context) {
        return new R2Feature(context);
    }

    @Override
    public void register(Router router) {
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
    }
}
