package dev.flareobserver.orchestration.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientFilterTest {

    @Test
    void plainTextMatchesWithoutRegardToCase() {
        assertThat(ClientFilter.containsIgnoreCase("GET https://Shop.example/Pay", "shop.example/pay")).isTrue();
        assertThat(ClientFilter.containsIgnoreCase("TypeError: Cart", "error: cart")).isTrue();
        assertThat(ClientFilter.containsIgnoreCase("Grüße", "grüße")).isTrue();
        assertThat(ClientFilter.containsIgnoreCase("GRÜSSE", "grüße")).isFalse();
        assertThat(ClientFilter.containsIgnoreCase("short", "longer needle")).isFalse();
        assertThat(ClientFilter.containsIgnoreCase("anything", "")).isTrue();
    }

    @Test
    void textSearchLooksAtUrlFirstLineAndJson() {
        LogEntry entry = Entries.events(1, 1).get(0);

        assertThat(new ClientFilter("ITEM/1", false, LogLevel.NONE, null, null).predicate().test(entry)).isTrue();
        assertThat(new ClientFilter("frankfurt", false, LogLevel.NONE, null, null).predicate().test(entry)).isTrue();
        assertThat(new ClientFilter("item/\\d+$", true, LogLevel.NONE, null, null).predicate().test(entry)).isTrue();
        assertThat(new ClientFilter("absent", false, LogLevel.NONE, null, null).predicate().test(entry)).isFalse();
    }
}
