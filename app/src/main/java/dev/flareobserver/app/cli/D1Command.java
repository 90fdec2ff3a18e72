package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.api.d1.D1LocationHint;
import dev.flareobserver.api.d1.D1QueryMeta;
import dev.flareobserver.api.d1.D1RawResult;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.d1.D1ExportResult;
import dev.flareobserver.orchestration.resources.d1.D1QueryRun;
import dev.flareobserver.orchestration.resources.d1.D1Service;
import dev.flareobserver.orchestration.resources.d1.D1SqlException;
import dev.flareobserver.orchestration.task.TaskContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flare-observer d1 ...}: D1 databases and SQL. Writes (create, delete, SQL that changes data) are
 * recorded in the audit trail; a delete needs {@code --confirm} with the database's name typed again.
 */
@Command(name = "d1", mixinStandardHelpOptions = true, description = "D1 databases and SQL.")
final class D1Command implements Callable<Integer> {

    /** Cells wider than this are cut in the text table (--json has them whole). */
    private static final int CELL = 48;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliContext ctx;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    D1Command(CliContext ctx) {
        this.ctx = Objects.requireNonNull(ctx);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return FlareCli.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The account's D1 databases.")
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        return withD1(d1 -> {
            List<D1Database> all = d1.databases();
            if (json) {
                print(all.stream().map(D1Command::databaseJson).toList());
            } else {
                List<List<Object>> rows = new ArrayList<>();
                all.forEach(db -> rows.add(List.of(db.name(), db.uuid(), String.valueOf(db.createdAt()))));
                ctx.out().print(table(List.of("NAME", "UUID", "CREATED"), rows));
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a D1 database.")
    int create(@Parameters(paramLabel = "NAME", description = "a-z, 0-9, '-' and '_', starting with a letter or digit")
               String name,
               @Option(names = "--location", paramLabel = "HINT",
                       description = "Where its primary lives: wnam, enam, weur, eeur, apac or oc.") String location,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        Optional<D1LocationHint> hint = D1LocationHint.parse(location);
        if (location != null && hint.isEmpty()) {
            ctx.err().println("--location must be one of wnam, enam, weur, eeur, apac, oc (got '" + location + "')");
            return FlareCli.USAGE;
        }
        return withD1(d1 -> {
            D1Database db = d1.create(name, hint.orElse(null));
            if (json) {
                print(databaseJson(db));
            } else {
                ctx.out().println("Created D1 database " + db.name() + " (" + db.uuid() + ").");
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a D1 database and all its data. Type its name twice: as DATABASE and after --confirm.")
    int delete(@Parameters(paramLabel = "DATABASE", description = "Its name or UUID.") String database,
               @Option(names = "--confirm", paramLabel = "NAME", required = true,
                       description = "The database's name again, exactly; nothing is deleted otherwise.") String typed,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        return withD1(d1 -> {
            D1Database db = find(d1, database);
            d1.delete(db, typed);
            if (json) {
                print(Map.of("deleted", db.name(), "uuid", db.uuid()));
            } else {
                ctx.out().println("Deleted D1 database " + db.name() + ".");
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Run SQL (one or more statements) on a database and print what each returns.")
    int query(@Parameters(index = "0", paramLabel = "DATABASE", description = "Its name or UUID.") String database,
              @Parameters(index = "1", paramLabel = "SQL") String sql,
              @Option(names = "--param", paramLabel = "VALUE", description = "A value for the next ?, in order (repeat it).")
              List<String> params,
              @Option(names = "--json", description = "Print JSON: per statement its columns, rows and meta.")
              boolean json) throws Exception {
        return withD1(d1 -> {
            D1QueryRun run = d1.query(find(d1, database), sql, params == null ? List.of() : params);
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (D1RawResult r : run.results()) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("columns", r.results().columns());
                    // BLOBs as arrays of byte values, as D1 itself sends them.
                    one.put("rows", r.results().rows().stream().map(row -> java.util.Arrays.stream(row)
                            .map(v -> v instanceof byte[] b ? blob(b) : v).toList()).toList());
                    one.put("meta", r.meta());
                    out.add(one);
                }
                print(out);
                return FlareCli.OK;
            }
            for (D1RawResult r : run.results()) {
                if (!r.results().columns().isEmpty()) {
                    List<List<Object>> rows = new ArrayList<>();
                    r.results().rows().forEach(row -> rows.add(java.util.Arrays.asList(row)));
                    ctx.out().print(table(r.results().columns(), rows));
                }
                ctx.out().println(metaLine(r));
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export a database (schema and rows) to a .sql file; progress goes to stderr.")
    int export(@Parameters(paramLabel = "DATABASE", description = "Its name or UUID.") String database,
               @Option(names = "--output", paramLabel = "FILE", required = true, description = "The .sql file to write.")
               Path output,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        return withD1(d1 -> {
            D1ExportResult result = d1.export(find(d1, database), output.toAbsolutePath(), new Progress());
            if (json) {
                print(Map.of("file", result.file().toString(), "bytes", result.bytes(),
                        "filename", String.valueOf(result.serverFilename())));
            } else {
                ctx.out().println(String.format(Locale.ROOT, "Exported %s to %s (%,d bytes).", database, result.file(),
                        result.bytes()));
            }
            return FlareCli.OK;
        });
    }

    private interface D1Work {
        int run(D1Service d1) throws Exception;
    }

    /** Connects (a demo emulator without a token), then runs {@code work}; refusals print as one line. */
    private int withD1(D1Work work) throws Exception {
        return CliConnections.withConnection(ctx, true, (connection, snapshot) -> {
            ResourceWrites writes = CliConnections.writes(ctx);
            try {
                return work.run(new D1Service(connection, writes));
            } catch (InvalidResourceInputException | ConfirmationMismatchException e) {
                ctx.err().println("Error: " + e.getMessage());
                return FlareCli.USAGE;
            } catch (D1SqlException e) {
                ctx.err().println("Error: D1 could not run the SQL: " + e.getMessage());
                return FlareCli.FAILURE;
            }
        });
    }

    private static D1Database find(D1Service d1, String nameOrId) {
        return d1.databases().stream().filter(db -> db.name().equals(nameOrId) || db.uuid().equals(nameOrId))
                .findFirst().orElseThrow(() -> new InvalidResourceInputException("No D1 database named " + nameOrId
                        + " on this account (flare-observer d1 list shows them)."));
    }

    private static Map<String, Object> databaseJson(D1Database db) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", db.uuid());
        out.put("name", db.name());
        out.put("created_at", db.createdAt() == null ? null : db.createdAt().toString());
        out.put("version", db.version());
        return out;
    }

    private static List<Integer> blob(byte[] bytes) {
        List<Integer> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            out.add(b & 0xff);
        }
        return out;
    }

    private void print(Object value) throws Exception {
        ctx.out().println(JSON.writeValueAsString(value));
    }

    static String metaLine(D1RawResult r) {
        D1QueryMeta m = r.meta();
        if (m == null) {
            return "(" + r.results().size() + " rows)";
        }
        return String.format(Locale.ROOT, "(%,d rows; %,d read, %,d written%s%s)", r.results().size(),
                m.rowsRead() == null ? 0 : m.rowsRead(), m.rowsWritten() == null ? 0 : m.rowsWritten(),
                m.changes() == null || m.changes() == 0 ? "" : ", " + m.changes() + " changed",
                m.duration() == null ? "" : String.format(Locale.ROOT, "; %.2f ms", m.duration()));
    }

    /** Columns padded to their widest cell (cut at {@value #CELL} characters). */
    static String table(List<String> header, List<List<Object>> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        for (List<Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (Object v : row) {
                String text = v == null ? "NULL" : v instanceof byte[] b ? "BLOB(" + b.length + " B)"
                        : v.toString().replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
                line.add(text.length() > CELL ? text.substring(0, CELL - 1) + "…" : text);
            }
            cells.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length && i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String c = i < line.size() ? line.get(i) : "";
                l.append(c).append(" ".repeat(widths[i] - c.length() + (i < widths.length - 1 ? 2 : 0)));
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Prints the export's progress to stderr, one line per new message. */
    private final class Progress implements TaskContext {
        private String last = "";

        @Override
        public void progress(double fraction) {
        }

        @Override
        public void message(String text) {
            // The download reports every 64 KB; one line per 10 % is enough on a terminal.
            String shown = text.startsWith("Downloading") ? text.replaceAll("\\.\\d MB", " MB") : text;
            if (!shown.equals(last)) {
                last = shown;
                ctx.err().println(shown);
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void throwIfCancelled() {
        }
    }
}
