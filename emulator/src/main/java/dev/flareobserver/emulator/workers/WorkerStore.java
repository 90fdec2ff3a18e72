package dev.flareobserver.emulator.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.state.StateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Workers tables (scripts, versions, modules, deployments, account subdomains) plus an in-memory
 * copy of each account's Workers without module bodies. The traffic simulator asks the
 * {@link WorkerDirectory} side for every analytics query and the REST side lists all scripts at
 * once, so both read the copy; any write drops the account's copy and the next read reloads it.
 */
public final class WorkerStore implements WorkerDirectory {

    public record ScriptRecord(String accountId, String name, String tag, Instant createdOn, String usageModel,
                               boolean logpush, Map<String, Object> scriptSettings, boolean workersDev,
                               boolean previewsEnabled, String lastDeployedFrom) {
        public ScriptRecord {
            // JSON null means "unset": dropped, so the map can be copied and echoed without nulls.
            Map<String, Object> kept = new LinkedHashMap<>();
            scriptSettings.forEach((k, v) -> {
                if (v != null) {
                    kept.put(k, v);
                }
            });
            scriptSettings = java.util.Collections.unmodifiableMap(kept);
        }
    }

    /**
     * One uploaded version. {@code metadata} is the upload's metadata part as parsed (bindings,
     * compatibility date...); {@code annotations} include the emulator's own keys, which REST hides.
     */
    public record VersionRecord(String id, String accountId, String scriptName, int number, Instant createdOn,
                                String authorEmail, String authorId, String source, Map<String, String> annotations,
                                Map<String, Object> metadata, List<String> handlers, String etag) {
        public VersionRecord {
            annotations = Map.copyOf(annotations);
            handlers = List.copyOf(handlers);
        }
    }

    public record ModuleRecord(String name, String contentType, byte[] content) {
    }

    public record Share(String versionId, double percentage) {
    }

    public record DeploymentRecord(String id, String accountId, String scriptName, Instant createdOn, String source,
                                   String authorEmail, Map<String, String> annotations, List<Share> versions) {
        public DeploymentRecord {
            annotations = Map.copyOf(annotations);
            versions = List.copyOf(versions);
        }
    }

    /** A version with its module bodies, as uploaded or seeded. */
    public record NewVersion(VersionRecord version, List<ModuleRecord> modules) {
        public NewVersion {
            modules = List.copyOf(modules);
        }
    }

    /** Everything about one script: versions by number, deployments oldest first. */
    public record ScriptState(ScriptRecord script, List<VersionRecord> versions, List<DeploymentRecord> deployments,
                              List<DeploymentEvent> events) {

        public Optional<VersionRecord> version(String id) {
            return versions.stream().filter(v -> v.id().equals(id)).findFirst();
        }

        public Optional<DeploymentRecord> latestDeployment() {
            return deployments.isEmpty() ? Optional.empty() : Optional.of(deployments.get(deployments.size() - 1));
        }

        /** The version serving most traffic now (the first on a tie), else the newest version. */
        public Optional<VersionRecord> currentVersion() {
            Optional<VersionRecord> deployed = latestDeployment().flatMap(d -> d.versions().stream()
                    .max(Comparator.comparingDouble(Share::percentage)).flatMap(s -> version(s.versionId())));
            return deployed.isPresent() ? deployed
                    : versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }

        /** A script's {@code modified_on}: its latest deployment (what "last deploy" means in the app). */
        public Instant modifiedOn() {
            return latestDeployment().map(DeploymentRecord::createdOn).orElse(script.createdOn());
        }
    }

    /** One account's Workers, by name. */
    private record AccountWorkers(List<String> names, Map<String, ScriptState> scripts) {
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Share>> SHARES = new TypeReference<>() { };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final StateStore state;
    private final Map<String, AccountWorkers> cache = new ConcurrentHashMap<>();
    /** Serialises cache loads with writes, so a load never re-caches what a write just replaced. */
    private final Object loadLock = new Object();

    public WorkerStore(StateStore state) {
        this.state = state;
    }

    // ---- WorkerDirectory ----

    @Override
    public List<String> scriptNames(String accountId) {
        return account(accountId).names();
    }

    @Override
    public List<DeploymentEvent> deployments(String accountId, String scriptName) {
        ScriptState s = account(accountId).scripts().get(scriptName);
        return s == null ? List.of() : s.events();
    }

    // ---- reads ----

    /** Every script of the account, by name. */
    public List<ScriptState> scripts(String accountId) {
        return List.copyOf(account(accountId).scripts().values());
    }

    public Optional<ScriptState> script(String accountId, String name) {
        return Optional.ofNullable(account(accountId).scripts().get(name));
    }

    public List<ModuleRecord> modules(String versionId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, content_type, content FROM worker_modules WHERE version_id = ? ORDER BY position")) {
                ps.setString(1, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ModuleRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new ModuleRecord(rs.getString(1), rs.getString(2), rs.getBytes(3)));
                    }
                    return out;
                }
            }
        });
    }

    public Optional<String> subdomain(String accountId) {
        return Optional.ofNullable(state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT subdomain FROM worker_subdomains WHERE account_id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }));
    }

    /** The account holding {@code subdomain}, if any. */
    public Optional<String> subdomainOwner(String subdomain) {
        return Optional.ofNullable(state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM worker_subdomains WHERE subdomain = ?")) {
                ps.setString(1, subdomain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }));
    }

    // ---- writes ----

    /**
     * Stores a new version (creating the script when it is new) and, when {@code deployment} is
     * given, deploys it. The version's number is assigned here: one more than the script's highest.
     */
    public VersionRecord addVersion(ScriptRecord scriptIfNew, NewVersion upload, DeploymentRecord deployment,
                                    String lastDeployedFrom) {
        synchronized (loadLock) {
            VersionRecord stored = state.write(c -> {
                insertScript(c, scriptIfNew, true);
                int number = nextNumber(c, upload.version().accountId(), upload.version().scriptName());
                VersionRecord v = withNumber(upload.version(), number);
                insertVersion(c, new NewVersion(v, upload.modules()));
                if (deployment != null) {
                    insertDeployment(c, deployment);
                }
                updateLastDeployedFrom(c, v.accountId(), v.scriptName(), lastDeployedFrom);
                return v;
            });
            cache.remove(upload.version().accountId());
            return stored;
        }
    }

    public void addDeployment(DeploymentRecord d, String lastDeployedFrom) {
        synchronized (loadLock) {
            state.write(c -> {
                insertDeployment(c, d);
                updateLastDeployedFrom(c, d.accountId(), d.scriptName(), lastDeployedFrom);
                return null;
            });
            cache.remove(d.accountId());
        }
    }

    /** True when the script existed. Its versions, modules and deployments go with it. */
    public boolean deleteScript(String accountId, String name) {
        synchronized (loadLock) {
            boolean deleted = state.write(c -> {
                try (PreparedStatement mods = c.prepareStatement("DELETE FROM worker_modules WHERE version_id IN "
                        + "(SELECT id FROM worker_versions WHERE account_id = ? AND script_name = ?)");
                     PreparedStatement ps = c.prepareStatement(
                             "DELETE FROM worker_scripts WHERE account_id = ? AND name = ?")) {
                    mods.setString(1, accountId);
                    mods.setString(2, name);
                    mods.executeUpdate();
                    ps.setString(1, accountId);
                    ps.setString(2, name);
                    return ps.executeUpdate() > 0;
                }
            });
            cache.remove(accountId);
            return deleted;
        }
    }

    /** Replaces the script's non-versioned settings (the caller merges). */
    public void updateScript(ScriptRecord s) {
        synchronized (loadLock) {
            state.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE worker_scripts SET usage_model = ?, logpush = ?, "
                        + "script_settings = ?, workers_dev = ?, previews_enabled = ? WHERE account_id = ? AND name = ?")) {
                    ps.setString(1, s.usageModel());
                    ps.setInt(2, s.logpush() ? 1 : 0);
                    ps.setString(3, json(s.scriptSettings()));
                    ps.setInt(4, s.workersDev() ? 1 : 0);
                    ps.setInt(5, s.previewsEnabled() ? 1 : 0);
                    ps.setString(6, s.accountId());
                    ps.setString(7, s.name());
                    ps.executeUpdate();
                }
                return null;
            });
            cache.remove(s.accountId());
        }
    }

    public void putSubdomain(String accountId, String subdomain, boolean onlyIfMissing) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(onlyIfMissing
                    ? "INSERT OR IGNORE INTO worker_subdomains (account_id, subdomain) VALUES (?, ?)"
                    : "INSERT INTO worker_subdomains (account_id, subdomain) VALUES (?, ?) "
                    + "ON CONFLICT (account_id) DO UPDATE SET subdomain = excluded.subdomain")) {
                ps.setString(1, accountId);
                ps.setString(2, subdomain);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Seeds whole scripts in one transaction; a script that already exists is left as it is (so a
     * persisted state keeps the user's deploys and rollbacks). Versions keep their given numbers.
     */
    public void seed(List<SeedScript> scripts) {
        synchronized (loadLock) {
            state.write(c -> {
                for (SeedScript s : scripts) {
                    if (!insertScript(c, s.script(), false)) {
                        continue;
                    }
                    for (NewVersion v : s.versions()) {
                        insertVersion(c, v);
                    }
                    for (DeploymentRecord d : s.deployments()) {
                        insertDeployment(c, d);
                    }
                }
                return null;
            });
            cache.clear();
        }
    }

    public record SeedScript(ScriptRecord script, List<NewVersion> versions, List<DeploymentRecord> deployments) {
    }

    /** Drops every cached account (after the state was cleared and re-seeded). */
    public void invalidateAll() {
        synchronized (loadLock) {
            cache.clear();
        }
    }

    // ---- loading ----

    private AccountWorkers account(String accountId) {
        AccountWorkers cached = cache.get(accountId);
        if (cached != null) {
            return cached;
        }
        synchronized (loadLock) {
            return cache.computeIfAbsent(accountId, a -> state.read(c -> load(c, a)));
        }
    }

    private static AccountWorkers load(Connection c, String accountId) throws SQLException {
        Map<String, ScriptRecord> scripts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, name, tag, created_on, usage_model, logpush, "
                + "script_settings, workers_dev, previews_enabled, last_deployed_from FROM worker_scripts "
                + "WHERE account_id = ? ORDER BY name")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ScriptRecord s = new ScriptRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.parse(rs.getString(4)), rs.getString(5), rs.getInt(6) != 0,
                            parse(rs.getString(7), OBJECT), rs.getInt(8) != 0, rs.getInt(9) != 0, rs.getString(10));
                    scripts.put(s.name(), s);
                }
            }
        }
        Map<String, List<VersionRecord>> versions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, script_name, number, created_on, "
                + "author_email, author_id, source, annotations, metadata, handlers, etag FROM worker_versions "
                + "WHERE account_id = ? ORDER BY script_name, number")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    VersionRecord v = new VersionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            Instant.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                            parse(rs.getString(9), STRINGS), parse(rs.getString(10), OBJECT),
                            parse(rs.getString(11), LIST), rs.getString(12));
                    versions.computeIfAbsent(v.scriptName(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        Map<String, List<DeploymentRecord>> deployments = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, script_name, created_on, source, "
                + "author_email, annotations, versions FROM worker_deployments WHERE account_id = ? "
                + "ORDER BY script_name, created_on, rowid")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DeploymentRecord d = new DeploymentRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.parse(rs.getString(4)), rs.getString(5), rs.getString(6),
                            parse(rs.getString(7), STRINGS), parse(rs.getString(8), SHARES));
                    deployments.computeIfAbsent(d.scriptName(), k -> new ArrayList<>()).add(d);
                }
            }
        }
        Map<String, ScriptState> out = new LinkedHashMap<>();
        for (ScriptRecord s : scripts.values()) {
            List<VersionRecord> vs = versions.getOrDefault(s.name(), List.of());
            List<DeploymentRecord> ds = deployments.getOrDefault(s.name(), List.of());
            out.put(s.name(), new ScriptState(s, List.copyOf(vs), List.copyOf(ds), events(vs, ds)));
        }
        return new AccountWorkers(List.copyOf(out.keySet()), java.util.Collections.unmodifiableMap(out));
    }

    private static List<DeploymentEvent> events(List<VersionRecord> versions, List<DeploymentRecord> deployments) {
        Map<String, VersionRecord> byId = new HashMap<>();
        versions.forEach(v -> byId.put(v.id(), v));
        List<DeploymentEvent> out = new ArrayList<>(deployments.size());
        for (DeploymentRecord d : deployments) {
            List<VersionShare> shares = new ArrayList<>();
            for (Share s : d.versions()) {
                VersionRecord v = byId.get(s.versionId());
                shares.add(new VersionShare(s.versionId(), v == null ? 0 : v.number(), s.percentage(),
                        v == null ? Map.of() : v.annotations()));
            }
            out.add(new DeploymentEvent(d.createdOn(), d.id(), shares));
        }
        return List.copyOf(out);
    }

    // ---- SQL helpers ----

    /** Inserts the script unless it exists; true when inserted. */
    private static boolean insertScript(Connection c, ScriptRecord s, boolean ignoreNull) throws SQLException {
        if (s == null && ignoreNull) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO worker_scripts (account_id, name, tag, "
                + "created_on, usage_model, logpush, script_settings, workers_dev, previews_enabled, last_deployed_from) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.accountId());
            ps.setString(2, s.name());
            ps.setString(3, s.tag());
            ps.setString(4, s.createdOn().toString());
            ps.setString(5, s.usageModel());
            ps.setInt(6, s.logpush() ? 1 : 0);
            ps.setString(7, json(s.scriptSettings()));
            ps.setInt(8, s.workersDev() ? 1 : 0);
            ps.setInt(9, s.previewsEnabled() ? 1 : 0);
            ps.setString(10, s.lastDeployedFrom());
            return ps.executeUpdate() > 0;
        }
    }

    private static int nextNumber(Connection c, String accountId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM worker_versions WHERE account_id = ? AND script_name = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static VersionRecord withNumber(VersionRecord v, int number) {
        return new VersionRecord(v.id(), v.accountId(), v.scriptName(), number, v.createdOn(), v.authorEmail(),
                v.authorId(), v.source(), v.annotations(), v.metadata(), v.handlers(), v.etag());
    }

    private static void insertVersion(Connection c, NewVersion nv) throws SQLException {
        VersionRecord v = nv.version();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO worker_versions (id, account_id, script_name, number, "
                + "created_on, author_email, author_id, source, annotations, metadata, handlers, etag) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, v.id());
            ps.setString(2, v.accountId());
            ps.setString(3, v.scriptName());
            ps.setInt(4, v.number());
            ps.setString(5, v.createdOn().toString());
            ps.setString(6, v.authorEmail());
            ps.setString(7, v.authorId());
            ps.setString(8, v.source());
            ps.setString(9, json(v.annotations()));
            ps.setString(10, json(v.metadata()));
            ps.setString(11, json(v.handlers()));
            ps.setString(12, v.etag());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO worker_modules (version_id, position, name, content_type, content) VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (ModuleRecord m : nv.modules()) {
                ps.setString(1, v.id());
                ps.setInt(2, i++);
                ps.setString(3, m.name());
                ps.setString(4, m.contentType());
                ps.setBytes(5, m.content());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertDeployment(Connection c, DeploymentRecord d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO worker_deployments (id, account_id, script_name, "
                + "created_on, source, author_email, annotations, versions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.id());
            ps.setString(2, d.accountId());
            ps.setString(3, d.scriptName());
            ps.setString(4, d.createdOn().toString());
            ps.setString(5, d.source());
            ps.setString(6, d.authorEmail());
            ps.setString(7, json(d.annotations()));
            ps.setString(8, json(d.versions()));
            ps.executeUpdate();
        }
    }

    private static void updateLastDeployedFrom(Connection c, String accountId, String name, String from)
            throws SQLException {
        if (from == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE worker_scripts SET last_deployed_from = ? WHERE account_id = ? AND name = ?")) {
            ps.setString(1, from);
            ps.setString(2, accountId);
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Workers state could not be serialised", e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt Workers state: " + e.getOriginalMessage(), e);
        }
    }
}
