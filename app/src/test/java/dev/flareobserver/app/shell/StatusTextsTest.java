package dev.flareobserver.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.connection.BudgetSnapshot;
import org.junit.jupiter.api.Test;

class StatusTextsTest {

    @Test
    void budgetReadsAsTheStatusBarShowsIt() {
        assertThat(StatusTexts.budget(new BudgetSnapshot(1200, 1187, null, 300, 300, null, false)))
                .isEqualTo("REST 1187/1200 · GraphQL 300/300");
    }

    @Test
    void hostDropsSchemeAndPath() {
        assertThat(StatusTexts.host("https://api.cloudflare.com/client/v4")).isEqualTo("api.cloudflare.com");
        assertThat(StatusTexts.host("http://127.0.0.1:8787/client/v4")).isEqualTo("127.0.0.1:8787");
        assertThat(StatusTexts.host("not a url")).isEqualTo("not a url");
    }

    @Test
    void taskCount() {
        assertThat(StatusTexts.tasks(0)).isEqualTo("No tasks");
        assertThat(StatusTexts.tasks(1)).isEqualTo("1 task");
        assertThat(StatusTexts.tasks(3)).isEqualTo("3 tasks");
    }
}
