package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsTest {

    static Emulator emu;
    static TestClient client;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.builder().extraAccounts(12).build());
        client = new TestClient(emu);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void demoAccountsComeFirstWithStableIds() {
        assertThat(emu.accounts()).hasSize(14);
        assertThat(emu.accounts().get(0)).isEqualTo(DemoWorld.PRODUCTION);
        assertThat(emu.accounts().get(1)).isEqualTo(DemoWorld.STAGING);
        assertThat(emu.accounts().get(2).name()).isEqualTo("Acme Sandbox 01");
        assertThat(emu.accounts()).allMatch(a -> a.id().matches("[0-9a-f]{32}"));
        // Seeded, not random: the same ids in every run and on every machine.
        assertThat(DemoWorld.PRODUCTION.id()).isEqualTo("94fe2a8aa6dd389e0163b0bff3f6c3c5");
    }

    @Test
    void defaultPageIs20AndResultInfoIsComplete() {
        JsonNode j = client.get("/accounts").json();
        assertThat(j.get("result")).hasSize(14);
        JsonNode info = j.get("result_info");
        assertThat(info.get("page").asInt()).isEqualTo(1);
        assertThat(info.get("per_page").asInt()).isEqualTo(20);
        assertThat(info.get("count").asInt()).isEqualTo(14);
        assertThat(info.get("total_count").asInt()).isEqualTo(14);
        assertThat(info.get("total_pages").asInt()).isEqualTo(1);
    }

    @Test
    void pagesOfFiveWalkAllAccountsInOrder() {
        List<String> names = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode j = client.get("/accounts?page=" + page + "&per_page=5").json();
            JsonNode info = j.get("result_info");
            assertThat(info.get("page").asInt()).isEqualTo(page);
            assertThat(info.get("per_page").asInt()).isEqualTo(5);
            assertThat(info.get("count").asInt()).isEqualTo(page < 3 ? 5 : 4);
            assertThat(info.get("total_count").asInt()).isEqualTo(14);
            assertThat(info.get("total_pages").asInt()).isEqualTo(3);
            j.get("result").forEach(a -> names.add(a.get("name").asText()));
        }
        assertThat(names).hasSize(14).doesNotHaveDuplicates().startsWith("Acme Production", "Acme Staging");
        JsonNode past = client.get("/accounts?page=4&per_page=5").json();
        assertThat(past.get("result")).isEmpty();
        assertThat(past.get("result_info").get("count").asInt()).isZero();
    }

    @Test
    void perPageOutsideFiveToFiftyIsClamped() {
        assertThat(client.get("/accounts?per_page=100").json().get("result_info").get("per_page").asInt()).isEqualTo(50);
        JsonNode small = client.get("/accounts?per_page=1").json();
        assertThat(small.get("result_info").get("per_page").asInt()).isEqualTo(5);
        assertThat(small.get("result")).hasSize(5);
    }

    @Test
    void nonNumericPagingIs400() {
        TestClient.Reply r = client.get("/accounts?per_page=lots");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("per_page");
        assertThat(client.get("/accounts?page=1.5").status()).isEqualTo(400);
    }

    @Test
    void nameFiltersAndDirectionOrdersByName() {
        JsonNode staging = client.get("/accounts?name=staging").json();
        assertThat(staging.get("result")).hasSize(1);
        assertThat(staging.get("result").get(0).get("name").asText()).isEqualTo("Acme Staging");
        assertThat(staging.get("result_info").get("total_count").asInt()).isEqualTo(1);

        JsonNode desc = client.get("/accounts?direction=desc&per_page=5").json().get("result");
        assertThat(desc.get(0).get("name").asText()).isEqualTo("Acme Staging");
        assertThat(desc.get(1).get("name").asText()).isEqualTo("Acme Sandbox 12");
        JsonNode asc = client.get("/accounts?direction=asc&per_page=5").json().get("result");
        assertThat(asc.get(0).get("name").asText()).isEqualTo("Acme Production");
        assertThat(asc.get(1).get("name").asText()).isEqualTo("Acme Sandbox 01");
        assertThat(client.get("/accounts?direction=sideways").status()).isEqualTo(400);
    }

    @Test
    void accountObjectHasTheOpenApiFields() {
        JsonNode a = client.get("/accounts/" + DemoWorld.PRODUCTION.id()).json().get("result");
        assertThat(a.get("id").asText()).isEqualTo(DemoWorld.PRODUCTION.id());
        assertThat(a.get("name").asText()).isEqualTo("Acme Production");
        assertThat(a.get("type").asText()).isEqualTo("standard");
        assertThat(a.get("settings").get("enforce_twofactor").isBoolean()).isTrue();
        assertThat(a.get("created_on").asText()).isEqualTo("2021-03-14T09:27:10.112358Z");
    }

    @Test
    void unknownOrMalformedAccountIds() {
        TestClient.Reply unknown = client.get("/accounts/0123456789abcdef0123456789abcdef");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json().get("errors").get(0).get("code").asInt()).isEqualTo(9109);
        TestClient.Reply malformed = client.get("/accounts/not-an-id");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.json().get("errors").get(0).get("code").asInt()).isEqualTo(7003);
    }

    @Test
    void membershipsListEveryAccountWithRolesAndPaging() {
        JsonNode j = client.get("/memberships?per_page=5&page=3").json();
        assertThat(j.get("result")).hasSize(4);
        assertThat(j.get("result_info").get("total_count").asInt()).isEqualTo(14);
        JsonNode first = client.get("/memberships").json().get("result").get(0);
        assertThat(first.get("account").get("id").asText()).isEqualTo(DemoWorld.PRODUCTION.id());
        assertThat(first.get("account").get("name").asText()).isEqualTo("Acme Production");
        assertThat(first.get("status").asText()).isEqualTo("accepted");
        assertThat(first.get("roles").get(0).asText()).isEqualTo("Super Administrator - All Privileges");
        assertThat(first.get("permissions").get("analytics").get("read").asBoolean()).isTrue();
        JsonNode byName = client.get("/memberships?order=account.name&direction=desc&per_page=5").json().get("result");
        assertThat(byName.get(0).get("account").get("name").asText()).isEqualTo("Acme Staging");
        assertThat(client.get("/memberships?status=pending").json().get("result")).isEmpty();
        assertThat(client.get("/memberships?order=colour").status()).isEqualTo(400);
    }
}
