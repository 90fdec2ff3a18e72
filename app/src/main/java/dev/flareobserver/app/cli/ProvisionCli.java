package dev.flareobserver.app.cli;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.provision.CloudflareAccountResources;
import dev.flareobserver.orchestration.provision.InvalidConfigException;
import dev.flareobserver.orchestration.provision.PlanItem;
import dev.flareobserver.orchestration.provision.ProvisionJournals;
import dev.flareobserver.orchestration.provision.ProvisionPlan;
import dev.flareobserver.orchestration.provision.WranglerConfig;
import dev.flareobserver.orchestration.provision.WranglerConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What plan, apply and export share: reading the config before connecting, the account, the state folder. */
final class ProvisionCli {

    private ProvisionCli() {
    }

    /** The config, or empty after printing its problems (nothing was sent). */
    static Optional<WranglerConfig> read(CliContext ctx, Path file, String env) {
        try {
            return Optional.of(WranglerConfigReader.read(file, env));
        } catch (InvalidConfigException e) {
            ctx.err().println("Error: " + e.getMessage());
            return Optional.empty();
        } catch (java.io.UncheckedIOException e) {
            ctx.err().println("Error: " + e.getMessage());
            return Optional.empty();
        }
    }

    static CloudflareAccountResources account(AccountConnection connection, ConnectionSnapshot s) {
        return new CloudflareAccountResources(connection.client().orElseThrow(), s.current().id());
    }

    static ProvisionJournals journals(CliContext ctx) {
        return new ProvisionJournals(CliConnections.stateDir(ctx).resolve("provision"), Clock.systemUTC());
    }

    static void print(CliContext ctx, ProvisionPlan plan) {
        WranglerConfig c = plan.config();
        ctx.out().println("Plan for " + c.file() + (c.env() == null ? "" : " (env " + c.env() + ")") + " on account "
                + plan.accountId() + ": " + plan.headline());
        for (PlanItem item : plan.items()) {
            String mark = switch (item.action()) {
                case CREATE -> "+";
                case KEEP -> item.writeBackId() != null ? "~" : "=";
                case DRIFT -> "!";
                case MANUAL -> "?";
            };
            ctx.out().println("  " + mark + " " + item.summary());
        }
    }
}
