package dev.flareobserver.orchestration.resources.d1;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.d1.D1Bookmark;
import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.api.d1.D1DatabaseListParams;
import dev.flareobserver.api.d1.D1DatabasesClient;
import dev.flareobserver.api.d1.D1ExportOptions;
import dev.flareobserver.api.d1.D1ExportStatus;
import dev.flareobserver.api.d1.D1LocationHint;
import dev.flareobserver.api.d1.D1RawResult;
import dev.flareobserver.api.d1.D1Restore;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.DeleteConfirmation;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import dev.flareobserver.orchestration.task.Task;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.transport.ApiMessage;
import dev.flareobserver.transport.BadRequestException;
import dev.flareobserver.transport.CloudflareException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * D1 on the connection's current account: validated, paged, guarded by {@link ResourceWrites}.
 *
 * <p>Every write goes through {@code writes}: creating and deleting a database (deletes need the typed name),
 * restoring a bookmark, and running SQL that can change the database ({@link D1Statements} says which; read-only
 * SQL runs freely). A writing query records the database's bookmark before it as its "before", so the audit
 * trail says where to restore to.
 */
public final class D1Service {

    /** D1's documented name characters; the length limit is unconfirmed (the emulator uses the same). */
    public static final int MAX_NAME_LENGTH = 64;
    /** D1's limits: "Maximum SQL statement length" and "Maximum bound parameters per query". */
    public static final int MAX_SQL_BYTES = 100_000;
    public static final int MAX_PARAMETERS = 100;
    static final Duration EXPORT_POLL_PAUSE = Duration.ofMillis(300);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-_]*$");
    private static final String PRODUCT = "D1";

    private final AccountConnection connection;
    private final ResourceWrites writes;
    private volatile List<D1Database> cached;

    public D1Service(AccountConnection connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    // --- databases ---------------------------------------------------------------------------------------

    /** Every database of the account, by name; fetched page by page once and kept until a write or {@link #refresh()}. */
    public List<D1Database> databases() {
        List<D1Database> now = cached;
        if (now == null) {
            List<D1Database> all = new ArrayList<>(databasesClient()
                    .listAll(accountId(), D1DatabaseListParams.defaults()).stream().toList());
            all.sort(java.util.Comparator.comparing(D1Database::name));
            now = List.copyOf(all);
            cached = now;
        }
        return now;
    }

    /** Forgets the cached list; the next {@link #databases()} asks Cloudflare again. */
    public void refresh() {
        cached = null;
    }

    /** {@code GET .../database/{id}}: with its size and number of tables. */
    public D1Database details(D1Database database) {
        return databasesClient().get(accountId(), database.uuid());
    }

    /**
     * Creates a database ({@code hint} may be null).
     *
     * @throws InvalidResourceInputException for a name D1 would refuse, or one the account already uses (checked
     *                                       against the list of databases, loaded first if needed)
     */
    public D1Database create(String name, D1LocationHint hint) {
        Write write = Write.of(accountId(), PRODUCT, "create database", String.valueOf(name));
        writes.requireUnlocked(write);
        checkName(name);
        if (databases().stream().anyMatch(db -> db.name().equals(name))) {
            throw new InvalidResourceInputException("The account already has a D1 database named " + name + ".");
        }
        D1Database created = writes.run(write, () -> databasesClient().create(accountId(), name, hint),
                D1Database::uuid);
        refresh();
        return created;
    }

    /**
     * Deletes a database and all its data.
     *
     * @param typedName what the user typed to confirm; must be the database's exact name
     */
    public void delete(D1Database database, String typedName) {
        Write write = Write.of(accountId(), PRODUCT, "delete database", database.name())
                .withBefore("uuid " + database.uuid());
        writes.requireUnlocked(write);
        DeleteConfirmation.require("D1 database", database.name(), typedName);
        try {
            writes.run(write, () -> databasesClient().delete(accountId(), database.uuid()));
        } finally {
            refresh();
        }
    }

    /** Checks a new database's name as D1 would, before any request. */
    public static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidResourceInputException("Enter a name for the database.");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new InvalidResourceInputException("\"" + name + "\" is not a valid D1 database name: use a-z, 0-9,"
                    + " '-' and '_', start with a letter or digit, at most " + MAX_NAME_LENGTH + " characters.");
        }
    }

    // --- schema ------------------------------------------------------------------------------------------

    /** The tables and views of the database (D1's and SQLite's own left out), each with its columns. */
    public List<D1Table> tables(D1Database database) {
        D1RawResult master = raw(database, "SELECT type, name, sql FROM sqlite_master"
                + " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY type = 'view', name", List.of()).get(0);
        List<Object[]> objects = master.results().rows();
        if (objects.isEmpty()) {
            return List.of();
        }
        StringBuilder pragmas = new StringBuilder();
        for (Object[] o : objects) {
            pragmas.append("PRAGMA table_info(").append(quote((String) o[1])).append(");\n");
        }
        List<D1RawResult> infos = raw(database, pragmas.toString(), List.of());
        List<D1Table> tables = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Object[] o = objects.get(i);
            List<D1Table.Column> columns = new ArrayList<>();
            if (i < infos.size()) {
                List<String> names = infos.get(i).results().columns();
                for (Object[] c : infos.get(i).results().rows()) {
                    columns.add(new D1Table.Column(text(c, names, "name"), text(c, names, "type"),
                            number(c, names, "notnull") != 0, (int) number(c, names, "pk"),
                            (String) value(c, names, "dflt_value")));
                }
            }
            tables.add(new D1Table((String) o[1], (String) o[0], (String) o[2], columns));
        }
        return tables;
    }

    // --- SQL ---------------------------------------------------------------------------------------------

    /**
     * Runs SQL (one or more statements, as one batch) with {@code params} bound to its placeholders in order.
     * Checked before anything is sent: not blank, within D1's size limits, as many parameters as placeholders.
     * SQL that can write goes through the write door: refused in read-only mode, recorded in the audit trail.
     */
    public D1QueryRun query(D1Database database, String sql, List<String> params) {
        List<String> values = params == null ? List.of() : List.copyOf(params);
        List<D1Statements.Statement> statements = check(sql, values);
        boolean wrote = statements.stream().anyMatch(s -> !s.readOnly());
        long started = System.nanoTime();
        if (!wrote) {
            List<D1RawResult> results = raw(database, sql, values);
            return new D1QueryRun(results, false, Duration.ofNanos(System.nanoTime() - started));
        }
        Write write = Write.of(accountId(), PRODUCT, "execute SQL", database.name());
        writes.requireUnlocked(write);
        String before = bookmarkOrNull(database);
        D1QueryRun run = writes.run(before == null ? write : write.withBefore("bookmark " + before),
                () -> new D1QueryRun(raw(database, sql, values), true, Duration.ofNanos(System.nanoTime() - started)),
                r -> abbreviate(sql) + "\n-> " + r.changes() + " rows changed, " + r.rowsWritten() + " rows written");
        return run;
    }

    /** {@code POST .../raw}, with D1's refusal of the SQL turned into a {@link D1SqlException} in its own words. */
    private List<D1RawResult> raw(D1Database database, String sql, List<String> params) {
        try {
            return databasesClient().raw(accountId(), database.uuid(), sql, params);
        } catch (BadRequestException e) {
            ApiMessage first = e.errors().isEmpty() ? null : e.errors().get(0);
            if (first == null || first.message() == null) {
                throw e;
            }
            throw new D1SqlException(first.message(), first.code(), e);
        }
    }

    /**
     * The statements of {@code sql}, refused with a clear message when D1 would refuse them anyway or they
     * cannot bind {@code params}; nothing is sent.
     */
    public static List<D1Statements.Statement> check(String sql, List<String> params) {
        if (sql == null || sql.isBlank()) {
            throw new InvalidResourceInputException("Enter SQL to run.");
        }
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SQL_BYTES) {
            throw new InvalidResourceInputException(String.format(Locale.ROOT,
                    "The SQL is %,d bytes; D1 accepts at most %,d bytes in one query.", bytes, MAX_SQL_BYTES));
        }
        List<D1Statements.Statement> statements = D1Statements.split(sql);
        if (statements.isEmpty()) {
            throw new InvalidResourceInputException("The SQL holds only comments; enter a statement to run.");
        }
        int placeholders = statements.stream().mapToInt(D1Statements.Statement::parameters).sum();
        int given = params == null ? 0 : params.size();
        if (given > MAX_PARAMETERS) {
            throw new InvalidResourceInputException(given + " parameters given; D1 binds at most " + MAX_PARAMETERS
                    + " in one query.");
        }
        if (placeholders != given) {
            throw new InvalidResourceInputException("The SQL has " + placeholders + " parameter placeholder"
                    + (placeholders == 1 ? "" : "s") + " (?) but " + given + " parameter" + (given == 1 ? " was" : "s were")
                    + " given.");
        }
        return statements;
    }

    // --- time travel -------------------------------------------------------------------------------------

    /** The current bookmark, or with {@code at} the one of the state the database had then. */
    public D1Bookmark bookmark(D1Database database, Instant at) {
        return databasesClient().timeTravel().bookmark(accountId(), database.uuid(), at);
    }

    /** Returns the database to the state a bookmark names; the answer's previous bookmark undoes it. */
    public D1Restore restore(D1Database database, String bookmark) {
        Write write = Write.of(accountId(), PRODUCT, "restore bookmark", database.name());
        writes.requireUnlocked(write);
        if (bookmark == null || bookmark.isBlank()) {
            throw new InvalidResourceInputException("Enter the bookmark to restore to.");
        }
        String before = bookmarkOrNull(database);
        return writes.run(before == null ? write : write.withBefore("bookmark " + before),
                () -> databasesClient().timeTravel().restore(accountId(), database.uuid(), bookmark.trim()),
                r -> "bookmark " + r.bookmark() + " (restored to " + bookmark.trim() + ")");
    }

    // --- export ------------------------------------------------------------------------------------------

    /**
     * Exports the database to a .sql file, as a task: Cloudflare makes the dump while this polls (progress
     * unknown, its messages shown), then the file is downloaded from the signed URL (progress by bytes). The
     * file appears at {@code target} only when complete; on cancel or failure nothing is left there.
     */
    public D1ExportResult export(D1Database database, Path target, TaskContext task) {
        Objects.requireNonNull(target, "target");
        D1DatabasesClient client = databasesClient();
        String account = accountId();
        task.progress(Task.INDETERMINATE);
        task.message("Asking Cloudflare to export " + database.name());
        D1ExportStatus status = client.export(account, database.uuid(), D1ExportOptions.everything(), null);
        while (!status.isComplete()) {
            if (status.isError()) {
                throw new D1ExportException("Cloudflare could not export " + database.name() + ": "
                        + (status.error() == null ? "no reason given" : status.error()));
            }
            if (!status.messages().isEmpty()) {
                task.message("Exporting " + database.name() + " on Cloudflare: "
                        + status.messages().get(status.messages().size() - 1));
            }
            pause(task);
            status = client.export(account, database.uuid(), D1ExportOptions.everything(), status.atBookmark());
        }
        if (status.result() == null || status.result().signedUrl() == null) {
            throw new D1ExportException("Cloudflare finished the export of " + database.name() + " without a download URL.");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        long[] written = {0};
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                client.download(status.result().signedUrl(), out, (bytes, total) -> {
                    task.throwIfCancelled();
                    written[0] = bytes;
                    if (total > 0) {
                        task.progress((double) bytes / total);
                    }
                    task.message(String.format(Locale.ROOT, "Downloading %s: %s%s", database.name(), size(bytes),
                            total > 0 ? " of " + size(total) : ""));
                });
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        task.progress(1);
        task.message("Exported " + database.name() + " to " + target.getFileName() + " (" + size(written[0]) + ")");
        return new D1ExportResult(target, written[0], status.result().filename());
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private String bookmarkOrNull(D1Database database) {
        try {
            return bookmark(database, null).bookmark();
        } catch (CloudflareException e) {
            // The write does not depend on it; the audit entry then has no "before".
            return null;
        }
    }

    private static void pause(TaskContext task) {
        task.throwIfCancelled();
        try {
            Thread.sleep(EXPORT_POLL_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("The export was cancelled");
        }
        task.throwIfCancelled();
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** The SQL for the audit trail: as typed, cut at 2,000 characters. */
    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "…";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a partial file the user never asked for; nothing more to do
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static Object value(Object[] row, List<String> columns, String name) {
        int i = columns.indexOf(name);
        return i < 0 || i >= row.length ? null : row[i];
    }

    private static String text(Object[] row, List<String> columns, String name) {
        Object v = value(row, columns, name);
        return v == null ? "" : v.toString();
    }

    private static long number(Object[] row, List<String> columns, String name) {
        return value(row, columns, name) instanceof Number n ? n.longValue() : 0;
    }

    private D1DatabasesClient databasesClient() {
        CloudflareClient client = connection.client()
                .orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare."));
        return client.d1().databases();
    }

    private String accountId() {
        return connection.currentAccount().map(Account::id)
                .orElseThrow(() -> new IllegalStateException("No account is selected."));
    }
}
