package dev.flareobserver.app.page.kv;

import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.page.workers.PanelProblem;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.kv.KvExpiry;
import dev.flareobserver.orchestration.resources.kv.KvKeyNames;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.resources.kv.KvValue;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The value viewer and editor: shows a key's value as text, pretty JSON, hex or an image (chosen from the
 * bytes, switchable), and edits the value (as text, or replaced from a file), its metadata (JSON) and its
 * expiration. Save and delete run as tasks through the {@link KvService}; {@link #setOnWritten} hears of
 * success so the key list can reload. FX thread.
 */
public final class KvValueViewModel {

    static final DateTimeFormatter AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Supplier<Optional<KvService>> service;
    private final TaskRunner tasks;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<KvNamespace> namespace = new ReadOnlyObjectWrapper<>(this, "namespace");
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating");
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final ReadOnlyStringWrapper keyDisplay = new ReadOnlyStringWrapper(this, "keyDisplay", "");
    private final ReadOnlyObjectWrapper<byte[]> value = new ReadOnlyObjectWrapper<>(this, "value");
    private final ReadOnlyObjectWrapper<Set<KvViewMode>> modes = new ReadOnlyObjectWrapper<>(this, "modes",
            Set.of());
    private final ObjectProperty<KvViewMode> mode = new SimpleObjectProperty<>(this, "mode", KvViewMode.TEXT);
    private final ReadOnlyStringWrapper rendered = new ReadOnlyStringWrapper(this, "rendered", "");
    private final StringProperty editText = new SimpleStringProperty(this, "editText", "");
    private final ReadOnlyBooleanWrapper textEditable = new ReadOnlyBooleanWrapper(this, "textEditable");
    private final StringProperty metadata = new SimpleStringProperty(this, "metadata", "");
    private final ObjectProperty<KvExpiryChoice> expiry = new SimpleObjectProperty<>(this, "expiry",
            KvExpiryChoice.NEVER);
    private final StringProperty expiryText = new SimpleStringProperty(this, "expiryText", "");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<PanelProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final BooleanProperty replaced = new SimpleBooleanProperty(this, "replaced");
    private String originalText;
    private Runnable onWritten = () -> { };

    public KvValueViewModel(Supplier<Optional<KvService>> service, TaskRunner tasks, Executor fx) {
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
        mode.addListener((obs, old, now) -> render());
    }

    /** Told after a successful save or delete (the key list reloads). */
    public void setOnWritten(Runnable action) {
        this.onWritten = Objects.requireNonNull(action);
    }

    /** Nothing open (another namespace was chosen). */
    public void clear() {
        open.set(false);
        creating.set(false);
        namespace.set(null);
        key.set("");
        keyDisplay.set("");
        show(new byte[0]);
        metadata.set("");
        expiry.set(KvExpiryChoice.NEVER);
        expiryText.set("");
        info.set("");
        status.set("");
        problem.set(null);
    }

    /** Reads the key's value and metadata (a task) and shows them. */
    public void open(KvNamespace ns, KvKeyRow row) {
        Optional<KvService> kv = service.get();
        if (ns == null || row == null || kv.isEmpty()) {
            return;
        }
        problem.set(null);
        status.set("Reading " + row.display() + "…");
        busy.set(true);
        tasks.submit("Read KV value " + row.display(), ctx -> kv.get().read(ns.id(), row.key()))
                .result().whenComplete((read, error) -> fx.execute(() -> {
                    busy.set(false);
                    if (error != null) {
                        status.set("");
                        problem.set(KvProblems.of("Could not read " + row.display(), error));
                        return;
                    }
                    loaded(ns, read, row.expiration());
                }));
    }

    private void loaded(KvNamespace ns, KvValue read, Long expiration) {
        namespace.set(ns);
        open.set(true);
        creating.set(false);
        key.set(read.key());
        keyDisplay.set(KvKeyNames.forDisplay(read.key()));
        show(read.bytes());
        mode.set(KvValueFormats.preferred(read.bytes()));
        render();
        metadata.set(KvValueFormats.prettyMetadata(read.metadata()));
        if (expiration == null) {
            expiry.set(KvExpiryChoice.NEVER);
            expiryText.set("");
        } else {
            expiry.set(KvExpiryChoice.AT);
            expiryText.set(AT_FORMAT.format(Instant.ofEpochSecond(expiration).atOffset(ZoneOffset.UTC)));
        }
        info.set(KvValueFormats.size(read.bytes().length) + " · expires: " + KvValueFormats.expiration(expiration)
                + (read.metadata() == null ? "" : " · has metadata"));
        status.set("");
    }

    /** An empty editor for a new key in {@code ns}. */
    public void startNew(KvNamespace ns) {
        if (ns == null) {
            return;
        }
        namespace.set(ns);
        open.set(true);
        creating.set(true);
        key.set("");
        keyDisplay.set("");
        show(new byte[0]);
        mode.set(KvViewMode.TEXT);
        metadata.set("");
        expiry.set(KvExpiryChoice.NEVER);
        expiryText.set("");
        info.set("New key: type its name and value, then Save");
        status.set("");
        problem.set(null);
    }

    /** Makes {@code bytes} (read from a file) the value to save; binary values are edited this way. */
    public void replaceValue(byte[] bytes, String source) {
        show(bytes);
        replaced.set(true);
        mode.set(KvValueFormats.preferred(bytes));
        render();
        info.set(KvValueFormats.size(bytes.length) + " from " + source + " · not saved yet");
    }

    /** Saves key, value, metadata and expiration (a task); the service checks every limit before sending. */
    public void save() {
        Optional<KvService> kv = service.get();
        KvNamespace ns = namespace.get();
        if (ns == null || kv.isEmpty() || busy.get()) {
            return;
        }
        String name = key.get();
        byte[] bytes = bytesToSave();
        String meta = metadata.get();
        KvExpiry when;
        try {
            when = expiryToSave();
        } catch (InvalidResourceInputException e) {
            problem.set(KvProblems.of("Not saved", e));
            return;
        }
        problem.set(null);
        busy.set(true);
        status.set("Saving " + KvKeyNames.forDisplay(name) + "…");
        tasks.submit("Save KV value " + KvKeyNames.forDisplay(name), ctx -> {
            kv.get().put(ns, name, bytes, meta, when);
            return kv.get().read(ns.id(), name);
        }).result().whenComplete((read, error) -> fx.execute(() -> {
            busy.set(false);
            if (error != null) {
                status.set("");
                problem.set(KvProblems.of("Could not save " + KvKeyNames.forDisplay(name), error));
                return;
            }
            loaded(ns, read, when.at() != null ? Long.valueOf(when.at().getEpochSecond())
                    : when.ttlSeconds() != null ? Instant.now().getEpochSecond() + when.ttlSeconds() : null);
            status.set("Saved " + KvKeyNames.forDisplay(name));
            onWritten.run();
        }));
    }

    /** Deletes the open key (a task); the view asks the user first. */
    public void delete() {
        Optional<KvService> kv = service.get();
        KvNamespace ns = namespace.get();
        if (ns == null || kv.isEmpty() || busy.get() || creating.get()) {
            return;
        }
        String name = key.get();
        problem.set(null);
        busy.set(true);
        tasks.submit("Delete KV key " + KvKeyNames.forDisplay(name), ctx -> {
            kv.get().delete(ns, name);
            return name;
        }).result().whenComplete((deleted, error) -> fx.execute(() -> {
            busy.set(false);
            if (error != null) {
                problem.set(KvProblems.of("Could not delete " + KvKeyNames.forDisplay(name), error));
                return;
            }
            clear();
            status.set("Deleted " + KvKeyNames.forDisplay(name));
            onWritten.run();
        }));
    }

    /** Writes the value's exact bytes to a file (a task). */
    public void saveValueTo(Path file) {
        byte[] bytes = value.get();
        if (bytes == null) {
            return;
        }
        tasks.submit("Save KV value to " + file.getFileName(), ctx -> {
            try {
                Files.write(file, bytes);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
            }
        }).result().whenComplete((written, error) -> fx.execute(() -> {
            if (error != null) {
                problem.set(KvProblems.of("Could not save the value to a file", error));
            } else {
                status.set("Value written to " + file);
            }
        }));
    }

    /** The edited text when the value is text and was changed, the replacement file, else the bytes as read. */
    private byte[] bytesToSave() {
        if (replaced.get()) {
            return value.get();
        }
        if (textEditable.get() && (creating.get() || !Objects.equals(editText.get(), originalText))) {
            return editText.get().getBytes(StandardCharsets.UTF_8);
        }
        return value.get();
    }

    private KvExpiry expiryToSave() {
        String text = expiryText.get() == null ? "" : expiryText.get().strip();
        return switch (expiry.get()) {
            case NEVER -> KvExpiry.never();
            case TTL -> {
                try {
                    yield KvExpiry.ttl(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new InvalidResourceInputException("Write the TTL as a whole number of seconds (at least 60),"
                            + " not \"" + text + "\".");
                }
            }
            case AT -> {
                try {
                    yield KvExpiry.at(LocalDateTime.parse(text, AT_FORMAT).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw new InvalidResourceInputException("Write the expiration as yyyy-MM-dd HH:mm:ss in UTC, not \""
                            + text + "\".");
                }
            }
        };
    }

    private void show(byte[] bytes) {
        value.set(bytes);
        replaced.set(false);
        modes.set(KvValueFormats.modes(bytes));
        String text = bytes.length <= KvValueFormats.MAX_SHOWN ? KvValueFormats.utf8(bytes) : null;
        originalText = text;
        textEditable.set(text != null);
        editText.set(text == null ? "" : text);
        render();
    }

    private void render() {
        byte[] bytes = value.get();
        KvViewMode m = mode.get();
        rendered.set(bytes == null || m == null ? "" : KvValueFormats.render(bytes, m));
    }

    public ReadOnlyObjectProperty<KvNamespace> namespaceProperty() {
        return namespace.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    /** The raw key (editable only for a new key). */
    public StringProperty keyProperty() {
        return key;
    }

    public ReadOnlyStringProperty keyDisplayProperty() {
        return keyDisplay.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<byte[]> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<KvViewMode>> modesProperty() {
        return modes.getReadOnlyProperty();
    }

    public ObjectProperty<KvViewMode> modeProperty() {
        return mode;
    }

    public ReadOnlyStringProperty renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    public StringProperty editTextProperty() {
        return editText;
    }

    public ReadOnlyBooleanProperty textEditableProperty() {
        return textEditable.getReadOnlyProperty();
    }

    public StringProperty metadataProperty() {
        return metadata;
    }

    public ObjectProperty<KvExpiryChoice> expiryProperty() {
        return expiry;
    }

    public StringProperty expiryTextProperty() {
        return expiryText;
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PanelProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
