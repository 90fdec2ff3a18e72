package dev.flareobserver.orchestration.connection;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.accounts.AccountListParams;
import dev.flareobserver.api.TokenVerification;
import dev.flareobserver.api.user.User;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.RateBudget;
import dev.flareobserver.transport.RateBudgetSnapshot;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to Cloudflare with one credential: verifies the credential, lists the accounts it
 * can see, chooses one, and tells listeners about every change. Failures never escape as exceptions:
 * they become a {@link ConnectionProblem} in the {@link ConnectionSnapshot}.
 *
 * <p>{@link #connect()} blocks; run it from a task. Listeners are called on the connecting thread.
 */
public final class AccountConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountConnection.class);

    /** Cloudflare's answer on /user/tokens/verify for a token that an account owns. */
    static final int ACCOUNT_OWNED_TOKEN_CODE = 1000;

    private final ConnectionSettings settings;
    private final ConnectionOptions options;
    private final RateBudget rateBudget;
    private final List<Consumer<ConnectionSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BudgetSnapshot>> budgetListeners = new CopyOnWriteArrayList<>();
    private final Object connectLock = new Object();

    private volatile ConnectionSnapshot snapshot;
    private volatile List<Account> accounts = List.of();
    private volatile HttpTransport transport;
    private volatile CloudflareClient client;
    private volatile boolean closed;

    public AccountConnection(ConnectionSettings settings) {
        this(settings, ConnectionOptions.defaults());
    }

    public AccountConnection(ConnectionSettings settings, ConnectionOptions options) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.rateBudget = new RateBudget(options.clock());
        this.snapshot = ConnectionSnapshot.disconnected(settings);
        rateBudget.addListener(this::publishBudget);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * Verifies the credential, lists the accounts and chooses {@code CLOUDFLARE_ACCOUNT_ID} or the first.
     * Safe to call again (Retry); one connect runs at a time.
     */
    public ConnectionSnapshot connect() {
        synchronized (connectLock) {
            if (closed) {
                return snapshot;
            }
            publish(new ConnectionSnapshot(ConnectionState.CONNECTING, settings.mode(), settings.baseUrl(),
                    List.of(), null, null, null));
            if (settings.configurationProblem() != null) {
                return publish(snapshot.withState(ConnectionState.FAILED, settings.configurationProblem()));
            }
            try {
                closeClient();
                HttpTransport newTransport = HttpTransport.builder()
                        .baseUrl(settings.baseUrl())
                        .credentials(settings.credentials())
                        .userAgent(options.userAgent())
                        .connectTimeout(options.connectTimeout())
                        .readTimeout(options.readTimeout())
                        .callTimeout(options.callTimeout())
                        .retryPolicy(options.retryPolicy())
                        .rateBudget(rateBudget)
                        .build();
                transport = newTransport;
                client = CloudflareClient.of(newTransport);
                String endpoint = newTransport.baseUrl().toString();

                TokenInfo token = verify(client);
                if (!token.isActive()) {
                    return publish(new ConnectionSnapshot(ConnectionState.FAILED, settings.mode(), endpoint, List.of(),
                            null, inactiveToken(token), token));
                }
                List<Account> listed = client.accounts().listAll(AccountListParams.defaults()).stream()
                        .limit(options.maxAccounts()).toList();
                accounts = listed;
                List<AccountSummary> summaries = listed.stream().map(AccountConnection::summary).toList();
                AccountSummary current = summaries.isEmpty() ? null : summaries.get(0);
                ConnectionProblem warning = null;
                if (summaries.isEmpty()) {
                    warning = new ConnectionProblem("The token sees no account",
                            "The credential is valid but no account is visible to it. Give the token access to an "
                                    + "account (Account Settings: Read).", "Endpoint: " + endpoint);
                } else if (settings.preferredAccountId() != null) {
                    Optional<AccountSummary> preferred = summaries.stream()
                            .filter(a -> a.id().equals(settings.preferredAccountId())).findFirst();
                    if (preferred.isPresent()) {
                        current = preferred.get();
                    } else {
                        warning = new ConnectionProblem("CLOUDFLARE_ACCOUNT_ID names an account this token cannot see",
                                "Showing " + current.label() + " instead. Check the account id, or the token's "
                                        + "account resources.",
                                "CLOUDFLARE_ACCOUNT_ID: " + settings.preferredAccountId() + "\nVisible accounts: "
                                        + summaries.stream().map(AccountSummary::id).toList());
                    }
                }
                LOG.info("Connected to {} ({} account(s), mode {})", endpoint, summaries.size(), settings.mode());
                return publish(new ConnectionSnapshot(ConnectionState.CONNECTED, settings.mode(), endpoint, summaries,
                        current, warning, token));
            } catch (RuntimeException e) {
                if (closed || Thread.currentThread().isInterrupted() || isInterruption(e)) {
                    return publish(snapshot.withState(ConnectionState.DISCONNECTED,
                            new ConnectionProblem("Connecting was cancelled", "Retry to connect again.", null)));
                }
                ConnectionProblem problem = ConnectionProblems.from(e, settings);
                LOG.warn("Connecting to {} failed: {}", settings.baseUrl(), problem.title());
                return publish(snapshot.withState(ConnectionState.FAILED, problem));
            }
        }
    }

    private TokenInfo verify(CloudflareClient api) {
        Credentials credentials = settings.credentials();
        if (credentials instanceof Credentials.LegacyApiKey) {
            // The global key has no verify endpoint; reading the user is what proves it works.
            User user = api.user().get();
            LOG.debug("Global API key accepted for user {}", user.id());
            return new TokenInfo(null, "active", null, TokenInfo.Kind.GLOBAL_API_KEY);
        }
        try {
            TokenVerification v = api.user().tokens().verify();
            return new TokenInfo(v.id(), status(v), v.expiresOn(), TokenInfo.Kind.USER_TOKEN);
        } catch (CloudflareApiException e) {
            if (!e.hasErrorCode(ACCOUNT_OWNED_TOKEN_CODE)) {
                throw e;
            }
            // As wrangler does: code 1000 means the token belongs to an account, verified under that account.
            // Cloudflare answers a plain wrong token with the same code, so if the account route rejects
            // it too, the first answer ("invalid token") is the truth.
            try {
                String accountId = settings.preferredAccountId();
                if (accountId == null) {
                    accountId = api.accounts().listAll(AccountListParams.defaults()).stream().findFirst()
                            .map(Account::id)
                            .orElseThrow(() -> e);
                }
                TokenVerification v = api.accounts().tokens().verify(accountId);
                return new TokenInfo(v.id(), status(v), v.expiresOn(), TokenInfo.Kind.ACCOUNT_TOKEN);
            } catch (CloudflareApiException fallback) {
                if (fallback.httpStatus() == 401 || fallback.httpStatus() == 403 || fallback.httpStatus() == 404) {
                    throw e;
                }
                throw fallback;
            }
        }
    }

    private static String status(TokenVerification v) {
        return v.status() == null ? "unknown" : v.status().name().toLowerCase(Locale.ROOT);
    }

    private ConnectionProblem inactiveToken(TokenInfo token) {
        String what = switch (token.status()) {
            case "expired" -> "The API token has expired";
            case "disabled" -> "The API token is disabled";
            default -> "The API token is not active";
        };
        return new ConnectionProblem(what,
                "Cloudflare knows the token but it cannot be used now (status: " + token.status() + "). Create or "
                        + "re-enable a token in the Cloudflare dashboard and set it in " + settings.tokenSource() + ".",
                "Token id: " + token.id() + (token.expiresOn() == null ? "" : "\nExpired on: " + token.expiresOn())
                        + "\nEndpoint: " + settings.baseUrl());
    }

    private static AccountSummary summary(Account a) {
        return new AccountSummary(a.id(), a.name(), a.type());
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)
                    || t instanceof InterruptedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Every account the credential can see (core-api records), empty before connecting. */
    public List<Account> accounts() {
        return accounts;
    }

    public Optional<Account> currentAccount() {
        AccountSummary current = snapshot.current();
        if (current == null) {
            return Optional.empty();
        }
        return accounts.stream().filter(a -> a.id().equals(current.id())).findFirst();
    }

    /** Switches to another of the listed accounts; unknown ids are refused. */
    public void selectAccount(String accountId) {
        ConnectionSnapshot now = snapshot;
        AccountSummary chosen = now.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No account with id " + accountId + " is listed"));
        if (chosen.equals(now.current())) {
            return;
        }
        ConnectionProblem problem = now.problem();
        // The "preferred account not found" warning no longer applies once the user picked one.
        if (problem != null && now.state() == ConnectionState.CONNECTED) {
            problem = null;
        }
        publish(new ConnectionSnapshot(now.state(), now.mode(), now.endpoint(), now.accounts(), chosen, problem,
                now.token()));
    }

    public ConnectionSnapshot snapshot() {
        return snapshot;
    }

    public void addListener(Consumer<ConnectionSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<ConnectionSnapshot> listener) {
        listeners.remove(listener);
    }

    public BudgetSnapshot rateBudget() {
        return toBudget(rateBudget.snapshot());
    }

    public void addRateBudgetListener(Consumer<BudgetSnapshot> listener) {
        budgetListeners.add(Objects.requireNonNull(listener));
    }

    public void removeRateBudgetListener(Consumer<BudgetSnapshot> listener) {
        budgetListeners.remove(listener);
    }

    /**
     * The API client of this connection, for other orchestration services; empty until {@link #connect()}
     * built it. Not for the app.
     */
    public Optional<CloudflareClient> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public void close() {
        closed = true;
        closeClient();
        ConnectionSnapshot now = snapshot;
        if (now.state() != ConnectionState.DISCONNECTED) {
            publish(now.withState(ConnectionState.DISCONNECTED, null));
        }
        listeners.clear();
        budgetListeners.clear();
    }

    private void closeClient() {
        HttpTransport t = transport;
        transport = null;
        client = null;
        if (t != null) {
            t.close();
        }
    }

    private ConnectionSnapshot publish(ConnectionSnapshot next) {
        snapshot = next;
        for (Consumer<ConnectionSnapshot> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A connection listener failed", e);
            }
        }
        return next;
    }

    private void publishBudget(RateBudgetSnapshot s) {
        if (budgetListeners.isEmpty()) {
            return;
        }
        BudgetSnapshot b = toBudget(s);
        for (Consumer<BudgetSnapshot> l : budgetListeners) {
            try {
                l.accept(b);
            } catch (RuntimeException e) {
                LOG.warn("A rate budget listener failed", e);
            }
        }
    }

    private static BudgetSnapshot toBudget(RateBudgetSnapshot s) {
        return new BudgetSnapshot(s.restLimit(), s.restRemaining(), s.restResetAt(), s.graphqlLimit(),
                s.graphqlRemaining(), s.graphqlResetAt(), s.serverReported());
    }
}
