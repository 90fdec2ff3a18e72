package dev.flareobserver.orchestration.connection;

import java.util.List;
import java.util.Optional;

/**
 * The state of an {@link AccountConnection} at one moment; immutable, handed to listeners.
 *
 * @param endpoint the API base URL in use
 * @param accounts every account the credential can see (empty until connected)
 * @param current  the chosen account, or null
 * @param problem  why it failed (state FAILED), or a warning while CONNECTED (e.g. the preferred
 *                 account was not found), or null
 * @param token    what verifying the credential said, or null before that
 */
public record ConnectionSnapshot(ConnectionState state, ConnectionSettings.Mode mode, String endpoint,
                                 List<AccountSummary> accounts, AccountSummary current, ConnectionProblem problem,
                                 TokenInfo token) {

    public ConnectionSnapshot {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public static ConnectionSnapshot disconnected(ConnectionSettings settings) {
        return new ConnectionSnapshot(ConnectionState.DISCONNECTED, settings.mode(), settings.baseUrl(), List.of(),
                null, null, null);
    }

    public Optional<AccountSummary> currentAccount() {
        return Optional.ofNullable(current);
    }

    public boolean isConnected() {
        return state == ConnectionState.CONNECTED;
    }

    ConnectionSnapshot withState(ConnectionState newState, ConnectionProblem newProblem) {
        return new ConnectionSnapshot(newState, mode, endpoint, accounts, current, newProblem, token);
    }

    ConnectionSnapshot withCurrent(AccountSummary account) {
        return new ConnectionSnapshot(state, mode, endpoint, accounts, account, problem, token);
    }
}
