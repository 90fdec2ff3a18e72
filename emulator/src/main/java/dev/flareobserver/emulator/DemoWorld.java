package dev.flareobserver.emulator;

import dev.flareobserver.emulator.state.Ids;

import java.time.Instant;
import java.util.Locale;

/**
 * The fixed demo data: one user who is a member of two accounts. Ids are derived from seeds, so
 * they are the same on every machine and run (tests and screenshots can rely on them).
 */
public final class DemoWorld {

    public static final String USER_EMAIL = "demo@flareobserver.dev";
    public static final String USER_FIRST_NAME = "Dana";
    public static final String USER_LAST_NAME = "Demo";
    public static final String USER_ID = Ids.seeded("user/demo");

    public static final EmulatorAccount PRODUCTION =
            new EmulatorAccount(Ids.seeded("account/acme-production"), "Acme Production");
    public static final EmulatorAccount STAGING =
            new EmulatorAccount(Ids.seeded("account/acme-staging"), "Acme Staging");

    static final Instant USER_CREATED_ON = Instant.parse("2021-03-14T09:26:53.589793Z");
    static final Instant PRODUCTION_CREATED_ON = Instant.parse("2021-03-14T09:27:10.112358Z");
    static final Instant STAGING_CREATED_ON = Instant.parse("2022-06-01T14:02:41.271828Z");

    private DemoWorld() {
    }

    /** The n-th (1-based) extra account added by {@link EmulatorOptions.Builder#extraAccounts(int)}. */
    public static EmulatorAccount extraAccount(int n) {
        return new EmulatorAccount(Ids.seeded("account/extra/" + n),
                String.format(Locale.ROOT, "Acme Sandbox %02d", n));
    }

    static Instant extraAccountCreatedOn(int n) {
        return STAGING_CREATED_ON.plusSeconds(86_400L * n + 37L * n);
    }
}
