package dev.flareobserver.emulator;

import dev.flareobserver.emulator.accounts.AccountStore;
import dev.flareobserver.emulator.auth.Principal;
import dev.flareobserver.emulator.auth.TokenStatus;
import dev.flareobserver.emulator.auth.TokenStore;
import dev.flareobserver.emulator.memberships.MembershipStore;
import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.user.UserStore;
import dev.flareobserver.emulator.workers.DemoWorkers;
import dev.flareobserver.emulator.workers.WorkerStore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Puts the demo world into the state: idempotent, so it runs on every start (a persisted state keeps
 * what it has and gains what is missing, e.g. extra accounts asked for this run).
 */
final class DemoSeeder {

    /** The credentials in effect after seeding. */
    record Seeded(String userToken, String apiKey, List<EmulatorAccount> accounts) {
    }

    private final UserStore users;
    private final AccountStore accounts;
    private final MembershipStore memberships;
    private final TokenStore tokens;
    private final WorkerStore workers;

    DemoSeeder(UserStore users, AccountStore accounts, MembershipStore memberships, TokenStore tokens,
               WorkerStore workers) {
        this.users = users;
        this.accounts = accounts;
        this.memberships = memberships;
        this.tokens = tokens;
        this.workers = workers;
    }

    /**
     * @param userToken the user token to use, or null to reuse the stored demo token / generate one
     * @param apiKey    the global API key to use, or null to reuse the stored one / generate one
     */
    Seeded seed(EmulatorOptions options, String userToken, String apiKey, Instant now) {
        String key = apiKey != null ? apiKey
                : users.find(DemoWorld.USER_ID).map(UserStore.UserRecord::apiKey).orElseGet(() -> Ids.newSecret("cfk_"));
        users.ensure(new UserStore.UserRecord(DemoWorld.USER_ID, DemoWorld.USER_EMAIL, DemoWorld.USER_FIRST_NAME,
                DemoWorld.USER_LAST_NAME, key, DemoWorld.USER_CREATED_ON, DemoWorld.USER_CREATED_ON));

        addAccount(DemoWorld.PRODUCTION, DemoWorld.PRODUCTION_CREATED_ON, 1, List.of("Super Administrator - All Privileges"));
        addAccount(DemoWorld.STAGING, DemoWorld.STAGING_CREATED_ON, 2, List.of("Administrator"));
        for (int n = 1; n <= options.extraAccounts(); n++) {
            addAccount(DemoWorld.extraAccount(n), DemoWorld.extraAccountCreatedOn(n), 2 + n,
                    List.of("Administrator Read Only"));
        }

        boolean generated = userToken == null;
        String token = userToken != null ? userToken
                : tokens.generatedUserToken(DemoWorld.USER_ID).orElseGet(() -> Ids.newSecret("cfut_"));
        tokens.put(token, Principal.Kind.USER_TOKEN, DemoWorld.USER_ID, null, TokenStatus.ACTIVE, null, null, generated, now);

        for (EmulatorOptions.AccountToken t : options.accountTokens()) {
            if (accounts.find(t.accountId()).isEmpty()) {
                throw new IllegalArgumentException("accountToken: no emulated account has id " + t.accountId());
            }
            tokens.put(t.token(), Principal.Kind.ACCOUNT_TOKEN, null, t.accountId(), TokenStatus.ACTIVE, null, null, false, now);
        }
        Instant day = now.truncatedTo(ChronoUnit.SECONDS);
        for (String t : options.expiredTokens()) {
            tokens.put(t, Principal.Kind.USER_TOKEN, DemoWorld.USER_ID, null, TokenStatus.EXPIRED,
                    day.minus(Duration.ofDays(31)), day.minus(Duration.ofDays(1)), false, now);
        }
        for (String t : options.disabledTokens()) {
            tokens.put(t, Principal.Kind.USER_TOKEN, DemoWorld.USER_ID, null, TokenStatus.DISABLED, null, null, false, now);
        }
        seedWorkers(options, now);
        // Every account in the state (including extras from earlier runs), in order.
        List<EmulatorAccount> stored = accounts.all().stream().map(a -> new EmulatorAccount(a.id(), a.name())).toList();
        return new Seeded(token, key, stored);
    }

    /**
     * Demo Workers in the two demo accounts (the scale knob applies to production; staging keeps at
     * most the demo set), and a workers.dev subdomain for every account so {@code wrangler deploy}
     * never stops to ask for one.
     */
    private void seedWorkers(EmulatorOptions options, Instant now) {
        List<WorkerStore.SeedScript> scripts = new java.util.ArrayList<>(
                DemoWorkers.build(DemoWorld.PRODUCTION.id(), options.workers(), now));
        scripts.addAll(DemoWorkers.build(DemoWorld.STAGING.id(),
                Math.min(options.workers(), DemoWorkers.DEMO_NAMES.size()), now));
        workers.seed(scripts);
        for (AccountStore.AccountRecord a : accounts.all()) {
            String sub = DemoWorkers.subdomainFor(a.name());
            // A name already taken (two accounts with similar names) gets the account id appended.
            workers.putSubdomain(a.id(), workers.subdomainOwner(sub).filter(o -> !o.equals(a.id())).isPresent()
                    ? sub + "-" + a.id().substring(0, 6) : sub, true);
        }
        workers.invalidateAll();
    }

    private void addAccount(EmulatorAccount a, Instant createdOn, int position, List<String> roles) {
        accounts.ensure(new AccountStore.AccountRecord(a.id(), a.name(), "standard", false, createdOn, position));
        memberships.ensure(DemoWorld.USER_ID, a.id(), roles);
    }
}
