package dev.flareobserver.app.page.overview;

import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.connection.TokenInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The connection summary of the Overview page, from the session only: nothing invented. */
public final class OverviewViewModel {

    static final String NONE = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper subheading = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper accountName = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper accountId = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper accountsVisible = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper tokenStatus = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper credential = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper endpoint = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();

    public OverviewViewModel(ReadOnlyObjectProperty<SessionSnapshot> session) {
        apply(session.get());
        session.addListener((obs, old, now) -> apply(now));
    }

    void apply(SessionSnapshot s) {
        ConnectionSnapshot c = s.connection();
        ConnectionSettings settings = s.settings();
        AccountSummary current = c.current();
        loading.set(s.busy());
        connected.set(c.isConnected());
        state.set(switch (c.state()) {
            case CONNECTED -> "Connected";
            case CONNECTING -> s.activity() != null ? s.activity() : "Connecting…";
            case FAILED -> "Failed: " + (c.problem() == null ? "see the message above" : c.problem().title());
            case DISCONNECTED -> s.activity() != null ? s.activity() : "Not connected";
        });
        if (current != null) {
            heading.set(current.label());
            subheading.set(s.demo() ? "Demo account served by the local emulator" : "Cloudflare account");
        } else if (c.isConnected()) {
            heading.set("No account");
            subheading.set("The credential works but sees no account");
        } else {
            heading.set(s.busy() ? "Connecting…" : "Not connected");
            subheading.set(s.busy() ? s.activity() : "The connection summary appears once connected");
        }
        accountName.set(current == null ? NONE : current.name());
        accountId.set(current == null ? NONE : current.id());
        accountsVisible.set(c.isConnected() ? c.accounts().size() + (c.accounts().size() == 1 ? " account" : " accounts")
                : NONE);
        tokenStatus.set(token(c.token()));
        credential.set(settings == null ? (s.demo() ? "demo emulator (starting)" : NONE) : settings.credentialDescription());
        endpoint.set(c.endpoint() == null || c.endpoint().isBlank()
                ? (settings == null ? NONE : settings.baseUrl()) : c.endpoint());
        mode.set(switch (c.mode()) {
            case DEMO -> "Demo — local emulator";
            case TOKEN -> "API token";
            case API_KEY -> "Global API key (legacy)";
        });
    }

    static String token(TokenInfo t) {
        if (t == null) {
            return NONE;
        }
        String kind = switch (t.kind()) {
            case USER_TOKEN -> "user token";
            case ACCOUNT_TOKEN -> "account token";
            case GLOBAL_API_KEY -> "global API key";
        };
        String status = t.status().isEmpty() ? "unknown"
                : Character.toUpperCase(t.status().charAt(0)) + t.status().substring(1);
        String expires = t.expiresOn() == null ? "" : " · expires " + DATE.format(t.expiresOn());
        return status + " · " + kind + expires;
    }

    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty subheadingProperty() { return subheading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accountNameProperty() { return accountName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accountIdProperty() { return accountId.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accountsVisibleProperty() { return accountsVisible.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tokenStatusProperty() { return tokenStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty credentialProperty() { return credential.getReadOnlyProperty(); }
    public ReadOnlyStringProperty endpointProperty() { return endpoint.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modeProperty() { return mode.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty connectedProperty() { return connected.getReadOnlyProperty(); }
}
