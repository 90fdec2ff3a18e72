package dev.flareobserver.emulator.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.state.Ids;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Queues v2: {@code GET|POST /accounts/{account_id}/queues} and {@code GET|PUT|DELETE .../queues/{queue_id}}
 * (list is a single page, as the reference says). Queues carry no messages here: the product needs them only
 * as resources a wrangler config binds (provisioning), so producers and consumers are always empty.
 */
public final class QueuesFeature implements EmulatorFeature {

    /** Lowercase letters, digits and dashes, 1..63 (wrangler's and the dashboard's rule; the API's own check is unconfirmed). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Code for a taken name: unconfirmed (no reference); 11009 is what the Queues API is reported to use. */
    static final int NAME_TAKEN = 11009;
    /** Code for an unknown queue id: unconfirmed. */
    static final int NOT_FOUND = 11000;
    private static final List<String> DEMO_QUEUES = List.of("order-events", "email-outbox");

    /**
     * {@code mq_queue} without {@code producers}/{@code consumers}: the 2024 document types them as objects,
     * later Cloudflare docs as arrays (unconfirmed); with no Workers bound they are left out and the counts say 0.
     */
    record QueueJson(String queueId, String queueName, String createdOn, String modifiedOn,
                     int producersTotalCount, int consumersTotalCount) {
    }

    record QueueChanged(String queueId, String queueName, String createdOn, String modifiedOn) {
    }

    private final FeatureContext context;

    private QueuesFeature(FeatureContext context) {
        this.context = context;
    }

    public static QueuesFeature create(FeatureContext context) {
        context.state().write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS queues (account_id TEXT NOT NULL, queue_id TEXT PRIMARY KEY, "
                        + "queue_name TEXT NOT NULL, created_on TEXT NOT NULL, modified_on TEXT NOT NULL, "
                        + "UNIQUE (account_id, queue_name))");
            }
            return null;
        });
        return new QueuesFeature(context);
    }

    @Override
    public void register(Router router) {
        String base = "/accounts/{account_id}/queues";
        router.add("GET", base, this::list);
        router.add("POST", base, this::create);
        router.add("GET", base + "/{queue_id}", this::get);
        router.add("PUT", base + "/{queue_id}", this::update);
        router.add("DELETE", base + "/{queue_id}", this::delete);
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        String account = accounts.get(0).id();
        for (String name : DEMO_QUEUES) {
            if (find(account, "queue_name", name).isEmpty()) {
                insert(account, Ids.seeded("queue/" + account + "/" + name), name);
            }
        }
    }

    Response list(RequestContext call) {
        String account = account(call);
        List<QueueJson> queues = context.state().read(c -> {
            List<QueueJson> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT queue_id, queue_name, created_on, modified_on FROM queues WHERE account_id = ? "
                            + "ORDER BY created_on, queue_name")) {
                s.setString(1, account);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(json(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
        Map<String, Object> info = Map.of("page", 1, "per_page", queues.size(), "count", queues.size(),
                "total_count", queues.size(), "total_pages", 1);
        return Envelope.success(200, queues, info, List.of());
    }

    Response create(RequestContext call) {
        String account = account(call);
        String name = validName(call);
        if (find(account, "queue_name", name).isPresent()) {
            throw new ApiException(409, NAME_TAKEN, "A queue with the name " + name + " already exists");
        }
        QueueJson created = insert(account, Ids.newId(), name);
        return Envelope.success(new QueueChanged(created.queueId(), created.queueName(), created.createdOn(),
                created.modifiedOn()));
    }

    Response get(RequestContext call) {
        return Envelope.success(existing(call));
    }

    Response update(RequestContext call) {
        QueueJson queue = existing(call);
        String name = validName(call);
        String account = account(call);
        Optional<QueueJson> other = find(account, "queue_name", name);
        if (other.isPresent() && !other.get().queueId().equals(queue.queueId())) {
            throw new ApiException(409, NAME_TAKEN, "A queue with the name " + name + " already exists");
        }
        String now = now();
        context.state().write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE queues SET queue_name = ?, modified_on = ? WHERE queue_id = ?")) {
                s.setString(1, name);
                s.setString(2, now);
                s.setString(3, queue.queueId());
                return s.executeUpdate();
            }
        });
        return Envelope.success(new QueueChanged(queue.queueId(), name, queue.createdOn(), now));
    }

    Response delete(RequestContext call) {
        QueueJson queue = existing(call);
        context.state().write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM queues WHERE queue_id = ?")) {
                s.setString(1, queue.queueId());
                return s.executeUpdate();
            }
        });
        return Envelope.success(200, List.of(), null, List.of());
    }

    private String account(RequestContext call) {
        return context.accounts().visibleAccount(call, call.pathParam("account_id")).id();
    }

    private QueueJson existing(RequestContext call) {
        String account = account(call);
        String id = call.pathParam("queue_id");
        return find(account, "queue_id", id)
                .orElseThrow(() -> new ApiException(404, NOT_FOUND, "Queue " + id + " does not exist"));
    }

    private static String validName(RequestContext call) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(call.body());
        } catch (IOException e) {
            throw new ApiException(400, ApiError.BAD_PARAMETER, "The request body is not valid JSON");
        }
        JsonNode name = body == null ? null : body.get("queue_name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badParameter("queue_name", "a string is required");
        }
        String value = name.asText();
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badParameter("queue_name",
                    "use 1 to 63 lowercase letters, digits and dashes, starting and ending with a letter or digit");
        }
        return value;
    }

    private Optional<QueueJson> find(String account, String column, String value) {
        return context.state().read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT queue_id, queue_name, created_on, modified_on "
                    + "FROM queues WHERE account_id = ? AND " + column + " = ?")) {
                s.setString(1, account);
                s.setString(2, value);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(json(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4))) : Optional.<QueueJson>empty();
                }
            }
        });
    }

    private QueueJson insert(String account, String id, String name) {
        String now = now();
        context.state().write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO queues VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, account);
                s.setString(2, id);
                s.setString(3, name);
                s.setString(4, now);
                s.setString(5, now);
                return s.executeUpdate();
            }
        });
        return json(id, name, now, now);
    }

    private String now() {
        return Instant.now(context.clock()).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static QueueJson json(String id, String name, String created, String modified) {
        return new QueueJson(id, name, created, modified, 0, 0);
    }
}
