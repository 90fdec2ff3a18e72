package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.workers.DeploymentEvent;
import dev.flareobserver.emulator.workers.DemoWorkers;
import dev.flareobserver.emulator.workers.VersionShare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Workers REST endpoints, through plain HTTP, as wrangler and the app use them. */
class WorkersRestTest {

    static Emulator emu;
    static TestClient client;
    static String account;
    static String scripts;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.defaults());
        client = new TestClient(emu);
        account = DemoWorld.PRODUCTION.id();
        scripts = "/accounts/" + account + "/workers/scripts";
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    // ---- helpers ----

    static final String BOUNDARY = "----flareTestBoundary7MA4YWxk";

    static String form(String metadata, String... modules) {
        StringBuilder b = new StringBuilder();
        b.append("--").append(BOUNDARY).append("\r\n")
                .append("Content-Disposition: form-data; name=\"metadata\"\r\n\r\n")
                .append(metadata).append("\r\n");
        for (int i = 0; i < modules.length; i += 2) {
            b.append("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(modules[i]).append("\"; filename=\"")
                    .append(modules[i]).append("\"\r\n")
                    .append("Content-Type: application/javascript+module\r\n\r\n")
                    .append(modules[i + 1]).append("\r\n");
        }
        return b.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    static TestClient.Reply upload(String name, String metadata, String... modules) {
        return client.send("PUT", scripts + "/" + name, "Bearer " + emu.userToken(), form(metadata, modules),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    }

    static TestClient.Reply uploadWorker(String name, String text, String message) {
        String annotations = message == null ? "" : ",\"annotations\":{\"workers/message\":\"" + message + "\"}";
        return upload(name, "{\"main_module\":\"index.js\",\"compatibility_date\":\"2025-01-01\",\"bindings\":[]"
                + annotations + "}", "index.js", "export default { fetch() { return new Response(\"" + text + "\") } }");
    }

    static TestClient.Reply json(String method, String path, String body) {
        return client.send(method, path, "Bearer " + emu.userToken(), body, "Content-Type", "application/json");
    }

    static JsonNode deployments(String name) {
        return client.get(scripts + "/" + name + "/deployments").json().get("result").get("deployments");
    }

    static JsonNode script(String name) {
        for (JsonNode s : client.get(scripts).json().get("result")) {
            if (s.get("id").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    static void assertFailure(TestClient.Reply r, int status, int code, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode j = r.json();
        assertThat(j.get("success").asBoolean()).isFalse();
        assertThat(j.get("result").isNull()).isTrue();
        assertThat(j.get("errors").get(0).get("code").asInt()).isEqualTo(code);
        assertThat(j.get("errors").get(0).get("message").asText()).contains(messagePart);
    }

    // ---- scripts ----

    @Test
    void theDemoAccountListsItsWorkersWithLastDeployAsModifiedOn() {
        JsonNode list = client.get(scripts).json();
        assertThat(list.get("success").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        list.get("result").forEach(s -> names.add(s.get("id").asText()));
        assertThat(names).contains("api-gateway", "checkout-api", "payments-webhook", "legacy-cron", "image-resizer");

        JsonNode checkout = script("checkout-api");
        assertThat(checkout.get("handlers").get(0).asText()).isEqualTo("fetch");
        assertThat(checkout.get("etag").asText()).matches("[0-9a-f]{64}");
        assertThat(checkout.get("modified_on").asText())
                .isEqualTo(deployments("checkout-api").get(0).get("created_on").asText());
        Instant lastDeploy = Instant.parse(checkout.get("modified_on").asText());
        assertThat(Duration.between(lastDeploy, Instant.now())).isBetween(Duration.ofMinutes(170), Duration.ofMinutes(190));
        assertThat(script("legacy-cron").get("handlers").get(0).asText()).isEqualTo("scheduled");
    }

    @Test
    void theIncidentDeploymentCarriesItsMessage() {
        JsonNode latest = deployments("checkout-api").get(0);
        assertThat(latest.get("strategy").asText()).isEqualTo("percentage");
        assertThat(latest.get("annotations").get("workers/message").asText()).isEqualTo(DemoWorkers.REGRESSION_MESSAGE);
        assertThat(latest.get("versions").get(0).get("percentage").asDouble()).isEqualTo(100.0);
        String versionId = latest.get("versions").get(0).get("version_id").asText();
        JsonNode version = client.get(scripts + "/checkout-api/versions/" + versionId).json().get("result");
        assertThat(version.get("annotations").get("workers/message").asText()).isEqualTo(DemoWorkers.REGRESSION_MESSAGE);
        // The simulator's knob stays inside the emulator.
        assertThat(version.get("annotations").has(DemoWorkers.CPU_REGRESSION_KEY)).isFalse();
        assertThat(version.get("resources").get("script").get("etag").asText()).isNotEmpty();
    }

    @Test
    void anUploadCreatesAVersionAndAFullDeploymentAndServesTheBody() {
        TestClient.Reply r = uploadWorker("upload-one", "hello one", "First upload");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        assertThat(result.get("id").asText()).isEqualTo("upload-one");
        assertThat(result.get("handlers").get(0).asText()).isEqualTo("fetch");
        assertThat(result.get("compatibility_date").asText()).isEqualTo("2025-01-01");
        assertThat(result.get("startup_time_ms").asInt()).isPositive();

        JsonNode versions = client.get(scripts + "/upload-one/versions").json().get("result").get("items");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(versions.get(0).get("metadata").get("author_email").asText()).isEqualTo(DemoWorld.USER_EMAIL);
        assertThat(versions.get(0).get("metadata").get("source").asText()).isEqualTo("api");
        assertThat(result.get("deployment_id").asText()).isEqualTo(versions.get(0).get("id").asText());

        JsonNode deps = deployments("upload-one");
        assertThat(deps).hasSize(1);
        assertThat(deps.get(0).get("versions").get(0).get("version_id").asText()).isEqualTo(versions.get(0).get("id").asText());
        assertThat(deps.get(0).get("annotations").get("workers/triggered_by").asText()).isEqualTo("upload");
        assertThat(deps.get(0).get("annotations").get("workers/message").asText()).isEqualTo("First upload");

        TestClient.Reply body = client.get(scripts + "/upload-one");
        assertThat(body.status()).isEqualTo(200);
        assertThat(body.body()).contains("hello one");

        uploadWorker("upload-one", "hello two", null);
        assertThat(client.get(scripts + "/upload-one/versions").json().get("result").get("items").get(0)
                .get("number").asInt()).isEqualTo(2);
        assertThat(deployments("upload-one")).hasSize(2);
        assertThat(client.get(scripts + "/upload-one").body()).contains("hello two");
    }

    @Test
    void wranglersVersionThenDeploymentFlowWorks() {
        uploadWorker("two-step", "v1", null);
        TestClient.Reply v = client.send("POST", scripts + "/two-step/versions", "Bearer " + emu.userToken(),
                form("{\"main_module\":\"index.js\",\"compatibility_date\":\"2025-02-01\",\"bindings\":[],"
                        + "\"annotations\":{\"workers/tag\":\"v2\"}}", "index.js", "export default { fetch() {} }"),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "User-Agent", "wrangler/4.80.0");
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        JsonNode version = v.json().get("result");
        assertThat(version.get("number").asInt()).isEqualTo(2);
        assertThat(version.get("metadata").get("source").asText()).isEqualTo("wrangler");
        assertThat(version.get("resources").get("script").get("etag").asText()).isNotEmpty();
        // Uploaded, not deployed yet.
        assertThat(deployments("two-step")).hasSize(1);

        TestClient.Reply d = json("POST", scripts + "/two-step/deployments", "{\"strategy\":\"percentage\","
                + "\"versions\":[{\"version_id\":\"" + version.get("id").asText() + "\",\"percentage\":100}],\"annotations\":{}}");
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        assertThat(deployments("two-step").get(0).get("versions").get(0).get("version_id").asText())
                .isEqualTo(version.get("id").asText());
    }

    @Test
    void rollingBackChangesTheDeploymentInForceAndModifiedOn() {
        uploadWorker("roller", "good", "Good version");
        uploadWorker("roller", "bad", "Bad version");
        JsonNode items = client.get(scripts + "/roller/versions").json().get("result").get("items");
        String good = items.get(1).get("id").asText();
        String before = script("roller").get("modified_on").asText();

        TestClient.Reply r = json("POST", scripts + "/roller/deployments?force=true", "{\"strategy\":\"percentage\","
                + "\"versions\":[{\"version_id\":\"" + good + "\",\"percentage\":100}],"
                + "\"annotations\":{\"workers/message\":\"Roll back bad version\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode created = r.json().get("result");
        assertThat(created.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(created.get("annotations").get("workers/triggered_by").asText()).isEqualTo("rollback");

        JsonNode latest = deployments("roller").get(0);
        assertThat(latest.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(latest.get("versions").get(0).get("version_id").asText()).isEqualTo(good);
        assertThat(latest.get("annotations").get("workers/message").asText()).isEqualTo("Roll back bad version");
        JsonNode after = script("roller");
        assertThat(Instant.parse(after.get("modified_on").asText())).isAfter(Instant.parse(before));
        assertThat(after.get("modified_on").asText()).isEqualTo(latest.get("created_on").asText());
        assertThat(client.get(scripts + "/roller").body()).contains("good");

        JsonNode single = client.get(scripts + "/roller/deployments/" + created.get("id").asText()).json().get("result");
        assertThat(single.get("versions").get(0).get("version_id").asText()).isEqualTo(good);

        List<DeploymentEvent> events = emu.workerDirectory().deployments(account, "roller");
        assertThat(events).hasSize(3);
        assertThat(events.get(2).deploymentId()).isEqualTo(created.get("id").asText());
        assertThat(events.get(2).versions().get(0).versionNumber()).isEqualTo(1);
    }

    @Test
    void aGradualSplitIsAccepted() {
        uploadWorker("splitter", "a", null);
        uploadWorker("splitter", "b", null);
        JsonNode items = client.get(scripts + "/splitter/versions").json().get("result").get("items");
        TestClient.Reply r = json("POST", scripts + "/splitter/deployments", "{\"strategy\":\"percentage\",\"versions\":["
                + "{\"version_id\":\"" + items.get(0).get("id").asText() + "\",\"percentage\":10},"
                + "{\"version_id\":\"" + items.get(1).get("id").asText() + "\",\"percentage\":90}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<VersionShare> shares = emu.workerDirectory().deployments(account, "splitter").get(2).versions();
        assertThat(shares).extracting(VersionShare::percentage).containsExactly(10.0, 90.0);
    }

    @Test
    void invalidDeploymentsAreRejectedWithTheEnvelope() {
        uploadWorker("validator", "a", null);
        String id = client.get(scripts + "/validator/versions").json().get("result").get("items").get(0).get("id").asText();
        String path = scripts + "/validator/deployments";
        assertFailure(json("POST", path, "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"" + id
                + "\",\"percentage\":90}]}"), 400, 10021, "add up to 100, got 90");
        assertFailure(json("POST", path, "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":"
                + "\"00000000-0000-4000-8000-000000000000\",\"percentage\":100}]}"), 400, 10021, "does not exist");
        assertFailure(json("POST", path, "{\"strategy\":\"immediate\",\"versions\":[]}"), 400, 10021, "strategy");
        assertFailure(json("POST", path, "{\"strategy\":\"percentage\",\"versions\":[]}"), 400, 10021, "non-empty");
        assertFailure(json("POST", path, "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"" + id
                + "\",\"percentage\":100}],\"annotations\":{\"workers/message\":\"" + "x".repeat(51) + "\"}}"),
                400, 10021, "at most 50");
        assertFailure(json("POST", path, "not json"), 400, 10026, "not a JSON object");
        assertThat(deployments("validator")).hasSize(1);

        assertFailure(json("POST", scripts + "/no-such-worker/deployments", "{}"), 404, 10007, "does not exist");
        assertFailure(client.get(scripts + "/validator/versions/nope"), 404, 10007, "not found");
        assertFailure(client.get(scripts + "/validator/deployments/nope"), 404, 10007, "not found");
    }

    @Test
    void malformedUploadsAreRejected() {
        assertFailure(upload("bad-upload", "{\"main_module\":\"missing.js\"}", "index.js", "export default {}"),
                400, 10021, "No such module");
        assertFailure(client.send("PUT", scripts + "/bad-upload", "Bearer " + emu.userToken(),
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"index.js\"; filename=\"index.js\"\r\n\r\n"
                        + "x\r\n--" + BOUNDARY + "--\r\n", "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
                400, 10021, "metadata");
        assertFailure(upload("bad-upload", "{not json", "index.js", "x"), 400, 10026, "metadata");
        assertFailure(json("PUT", scripts + "/bad-upload", "{}"), 400, 10026, "multipart");
        assertFailure(uploadWorker("Bad_Name", "x", null), 400, 10016, "Invalid Worker name");
        assertThat(script("bad-upload")).isNull();
    }

    @Test
    void versionsArePagePaginatedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            uploadWorker("paged", "v" + i, null);
        }
        JsonNode page2 = client.get(scripts + "/paged/versions?page=2&per_page=1").json();
        assertThat(page2.get("result").get("items")).hasSize(1);
        assertThat(page2.get("result").get("items").get(0).get("number").asInt()).isEqualTo(2);
        assertThat(page2.get("result_info").get("total_count").asInt()).isEqualTo(3);
        assertThat(page2.get("result_info").get("total_pages").asInt()).isEqualTo(3);
        assertThat(client.get(scripts + "/paged/versions?deployable=true&per_page=1").json()
                .get("result").get("items")).hasSize(3);
    }

    @Test
    void settingsReadAndPatch() {
        uploadWorker("settled", "a", null);
        JsonNode settings = client.get(scripts + "/settled/settings").json().get("result");
        assertThat(settings.get("compatibility_date").asText()).isEqualTo("2025-01-01");
        assertThat(settings.get("logpush").asBoolean()).isFalse();

        JsonNode patched = json("PATCH", scripts + "/settled/script-settings",
                "{\"logpush\":true,\"tags\":[\"team:payments\"],\"observability\":{\"enabled\":true}}").json().get("result");
        assertThat(patched.get("logpush").asBoolean()).isTrue();
        assertThat(client.get(scripts + "/settled/script-settings").json().get("result").get("tags").get(0).asText())
                .isEqualTo("team:payments");

        String multipart = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"settings\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"compatibility_date\":\"2025-06-01\"}\r\n--" + BOUNDARY + "--\r\n";
        TestClient.Reply r = client.send("PATCH", scripts + "/settled/settings", "Bearer " + emu.userToken(), multipart,
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result").get("compatibility_date").asText()).isEqualTo("2025-06-01");
        assertThat(r.json().get("result").get("logpush").asBoolean()).isTrue();
        // A versioned setting makes a new version of the same code, deployed.
        assertThat(client.get(scripts + "/settled/versions").json().get("result").get("items")).hasSize(2);
        assertThat(client.get(scripts + "/settled").body()).contains("\"a\"");
    }

    @Test
    void subdomains() {
        assertThat(client.get("/accounts/" + account + "/workers/subdomain").json().get("result").get("subdomain")
                .asText()).isEqualTo("acme-production");
        String staging = "/accounts/" + DemoWorld.STAGING.id() + "/workers/subdomain";
        assertFailure(json("PUT", staging, "{\"subdomain\":\"acme-production\"}"), 409, 10031, "unavailable");
        assertFailure(json("PUT", staging, "{\"subdomain\":\"-bad\"}"), 400, 10021, "subdomain");
        assertThat(json("PUT", staging, "{\"subdomain\":\"acme-stage\"}").json().get("result").get("subdomain").asText())
                .isEqualTo("acme-stage");
        assertThat(client.get(staging).json().get("result").get("subdomain").asText()).isEqualTo("acme-stage");

        uploadWorker("sub-worker", "a", null);
        JsonNode sub = client.get(scripts + "/sub-worker/subdomain").json().get("result");
        assertThat(sub.get("enabled").asBoolean()).isTrue();
        JsonNode off = json("POST", scripts + "/sub-worker/subdomain", "{\"enabled\":false,\"previews_enabled\":false}")
                .json().get("result");
        assertThat(off.get("enabled").asBoolean()).isFalse();
        assertThat(off.get("previews_enabled").asBoolean()).isFalse();
    }

    @Test
    void deleteRespectsServiceBindingsUnlessForced() {
        uploadWorker("callee", "a", null);
        upload("caller", "{\"main_module\":\"index.js\",\"bindings\":[{\"name\":\"CALLEE\",\"type\":\"service\","
                + "\"service\":\"callee\"}]}", "index.js", "export default { fetch(r, env) { return env.CALLEE.fetch(r) } }");
        assertFailure(client.send("DELETE", scripts + "/callee", "Bearer " + emu.userToken(), null), 400, 10064, "caller");
        TestClient.Reply forced = client.send("DELETE", scripts + "/callee?force=true", "Bearer " + emu.userToken(), null);
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().get("success").asBoolean()).isTrue();
        assertThat(script("callee")).isNull();
        assertFailure(client.get(scripts + "/callee/deployments"), 404, 10007, "does not exist");
        assertThat(emu.workerDirectory().scriptNames(account)).doesNotContain("callee");
    }

    @Test
    void theServicesReadTellsWranglerWhetherTheWorkerExists() {
        JsonNode svc = client.get("/accounts/" + account + "/workers/services/api-gateway").json().get("result");
        assertThat(svc.get("default_environment").get("script").get("last_deployed_from").asText()).isEqualTo("wrangler");
        assertThat(svc.get("default_environment").get("script").get("tag").asText()).matches("[0-9a-f]{32}");
        assertFailure(client.get("/accounts/" + account + "/workers/services/nope"), 404, 10090, "does not exist");
    }

    @Test
    void anotherAccountsWorkersAreOutOfReach() {
        assertFailure(client.get("/accounts/0123456789abcdef0123456789abcdef/workers/scripts"), 403, 9109, "Unauthorized");
    }

    // ---- Durable Object namespaces ----

    @Test
    void durableObjectNamespacesComeFromWorkersMigrationsAndBindTheDemoPool() {
        String path = "/accounts/" + account + "/workers/durable_objects/namespaces";
        JsonNode demo = client.get(path).json();
        assertThat(demo.at("/result_info/page").asInt()).isEqualTo(1);
        assertThat(demo.at("/result_info/per_page").asInt()).as("default page size").isEqualTo(20);
        JsonNode poolContainer = null;
        for (JsonNode n : demo.get("result")) {
            if (n.get("class").asText().equals("PoolContainer")) {
                poolContainer = n;
            }
        }
        assertThat(poolContainer).as("pool-manager's PoolContainer: " + demo).isNotNull();
        assertThat(poolContainer.get("script").asText()).isEqualTo("pool-manager");
        assertThat(poolContainer.get("name").asText()).isEqualTo("pool-manager_PoolContainer");
        assertThat(poolContainer.get("use_sqlite").asBoolean()).isTrue();
        assertThat(poolContainer.get("id").asText()).matches("[0-9a-f]{32}");
        JsonNode pool = client.get("/accounts/" + account + "/containers/applications?name=hello-pool").json()
                .at("/result/0");
        assertThat(pool.at("/durable_objects/namespace_id").asText()).isEqualTo(poolContainer.get("id").asText());
        assertThat(client.get(scripts).json().get("result").findValuesAsText("id")).contains("pool-manager");

        int before = demo.at("/result_info/total_count").asInt();
        String module = "export class Room {} export class Lobby {} export default { fetch() { return new Response(\"ok\") } }";
        assertThat(upload("chat-rooms", "{\"main_module\":\"index.js\",\"migrations\":{\"new_tag\":\"v1\","
                + "\"new_classes\":[\"Room\"],\"new_sqlite_classes\":[\"Lobby\"]}}", "index.js", module).status())
                .isEqualTo(200);
        JsonNode page = client.get(path + "?per_page=1&page=" + (before + 1)).json();
        assertThat(page.at("/result_info/total_count").asInt()).isEqualTo(before + 2);
        assertThat(page.get("result")).hasSize(1);
        String roomId = null;
        for (int p = 1; p <= before + 2; p++) {
            JsonNode n = client.get(path + "?per_page=1&page=" + p).json().at("/result/0");
            if (n.get("class").asText().equals("Room")) {
                assertThat(n.get("use_sqlite").asBoolean()).isFalse();
                roomId = n.get("id").asText();
            }
        }
        assertThat(roomId).as("Room is listed").isNotNull();

        // A later migration renames Room (the namespace and its id stay) and deletes Lobby.
        assertThat(upload("chat-rooms", "{\"main_module\":\"index.js\",\"migrations\":{\"old_tag\":\"v1\","
                + "\"new_tag\":\"v2\",\"renamed_classes\":[{\"from\":\"Room\",\"to\":\"ChatRoom\"}],"
                + "\"deleted_classes\":[\"Lobby\"]}}", "index.js", module.replace("Room {}", "ChatRoom {}")).status())
                .isEqualTo(200);
        JsonNode after = client.get(path + "?per_page=1000").json().get("result");
        assertThat(after.findValuesAsText("class")).contains("ChatRoom").doesNotContain("Room", "Lobby");
        assertThat(after.findValuesAsText("id")).contains(roomId);
        assertThat(client.send("DELETE", scripts + "/chat-rooms", "Bearer " + emu.userToken(), null).status())
                .isEqualTo(200);
        assertThat(client.get(path + "?per_page=1000").json().get("result").findValuesAsText("script"))
                .doesNotContain("chat-rooms");
    }
}
