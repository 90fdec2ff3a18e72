package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;
import java.util.List;

/** D1 databases. */
public final class D1Feature implements EmulatorFeature {

    private final FeatureContext context;

    private D1Feature(FeatureContext context) {
        this.context = context;
    }

    public static D1Feature create(FeatureContext context) {
        return new D1Feature(context);
    }

    @Override
    public void register(Router router) {
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
    }
}
