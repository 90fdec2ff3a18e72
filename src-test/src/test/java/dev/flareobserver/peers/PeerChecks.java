package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.WorkerRow;

/** What the app would show after a peer client changed the account. */
final class PeerChecks {

    /** The Workers table the app shows (the account monitor's snapshot) lists the script. */
    static void assertScriptListed(Emulator emulator, String accountId, String scriptName) throws Exception {
        try (AccountConnection connection = Monitors.connect(emulator);
             AccountMonitor monitor = new AccountMonitor(connection, MonitorOptions.defaults())) {
            connection.selectAccount(accountId);
            AccountSnapshot snapshot = Monitors.refresh(monitor, AccountSnapshot::isLoaded);
            assertThat(snapshot.workers()).extracting(WorkerRow::scriptName).contains(scriptName);
        }
    }

    private PeerChecks() {}
}
