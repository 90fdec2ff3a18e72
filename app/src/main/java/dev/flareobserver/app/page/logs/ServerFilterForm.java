package dev.flareobserver.app.page.logs;

import dev.flareobserver.api.workers.TailFilters;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The server-filter fields of the Logs page, as typed, and their translation into {@link TailFilters}
 * (which checks the values as wrangler's flags would). The fields mirror {@code wrangler tail}:
 * --status, --method, --header, --ip, --search, --sampling-rate, --version-id.
 */
public final class ServerFilterForm {

    private final BooleanProperty statusOk = new SimpleBooleanProperty(this, "statusOk");
    private final BooleanProperty statusError = new SimpleBooleanProperty(this, "statusError");
    private final BooleanProperty statusCanceled = new SimpleBooleanProperty(this, "statusCanceled");
    private final StringProperty methods = new SimpleStringProperty(this, "methods", "");
    private final StringProperty header = new SimpleStringProperty(this, "header", "");
    private final StringProperty clientIps = new SimpleStringProperty(this, "clientIps", "");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final StringProperty samplingRate = new SimpleStringProperty(this, "samplingRate", "");
    private final StringProperty versionId = new SimpleStringProperty(this, "versionId", "");

    /**
     * The filters the fields describe.
     *
     * @throws IllegalArgumentException with a sentence for the user when a value is not valid
     */
    public TailFilters build() {
        List<String> statuses = new ArrayList<>();
        if (statusOk.get()) {
            statuses.add("ok");
        }
        if (statusError.get()) {
            statuses.add("error");
        }
        if (statusCanceled.get()) {
            statuses.add("canceled");
        }
        return ServerFilters.build(statuses, ServerFilters.words(methods.get()), header.get(),
                ServerFilters.words(clientIps.get()), search.get(), samplingRate.get(), versionId.get());
    }

    /** Empties every field. */
    public void clear() {
        statusOk.set(false);
        statusError.set(false);
        statusCanceled.set(false);
        methods.set("");
        header.set("");
        clientIps.set("");
        search.set("");
        samplingRate.set("");
        versionId.set("");
    }

    public BooleanProperty statusOkProperty() { return statusOk; }
    public BooleanProperty statusErrorProperty() { return statusError; }
    public BooleanProperty statusCanceledProperty() { return statusCanceled; }
    public StringProperty methodsProperty() { return methods; }
    public StringProperty headerProperty() { return header; }
    public StringProperty clientIpsProperty() { return clientIps; }
    public StringProperty searchProperty() { return search; }
    public StringProperty samplingRateProperty() { return samplingRate; }
    public StringProperty versionIdProperty() { return versionId; }
}
