package dev.flareobserver.app.page.kv;

import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;

/**
 * The KV page: namespaces, the key browser of the chosen one, and the value of the chosen key. Choosing a
 * namespace browses it; choosing a key opens it; a save or delete reloads the list; another account reloads
 * the namespaces. FX thread.
 */
public final class KvViewModel {

    private final KvNamespacesViewModel namespaces;
    private final KvBrowserViewModel browser;
    private final KvValueViewModel value;
    private String accountId;
    private boolean shown;

    public KvViewModel(Supplier<Optional<KvService>> service, TaskRunner tasks, Executor fx,
                       ObservableValue<SessionSnapshot> session) {
        Objects.requireNonNull(session);
        this.namespaces = new KvNamespacesViewModel(service, tasks, fx);
        this.browser = new KvBrowserViewModel(service, tasks, fx);
        this.value = new KvValueViewModel(service, tasks, fx);
        namespaces.selectedProperty().addListener((obs, old, now) -> {
            if (now == null || old == null || !now.id().equals(old.id())) {
                value.clear();
                browser.show(now);
            }
        });
        browser.selectedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                value.open(browser.namespaceProperty().get(), now);
            }
        });
        value.setOnWritten(browser::reload);
        accountId = accountOf(session.getValue());
        session.addListener((obs, old, now) -> {
            String account = accountOf(now);
            if (!Objects.equals(account, accountId)) {
                accountId = account;
                namespaces.selectedProperty().set(null);
                if (shown) {
                    namespaces.refresh();
                }
            }
        });
    }

    /** The page became visible: the first time (or after an account change) the namespaces load. */
    public void onShow() {
        if (!shown) {
            shown = true;
            namespaces.refresh();
        }
    }

    public KvNamespacesViewModel namespaces() {
        return namespaces;
    }

    public KvBrowserViewModel browser() {
        return browser;
    }

    public KvValueViewModel value() {
        return value;
    }

    private static String accountOf(SessionSnapshot s) {
        return s == null || s.connection() == null || s.connection().current() == null || !s.connection().isConnected()
                ? null : s.connection().current().id();
    }
}
