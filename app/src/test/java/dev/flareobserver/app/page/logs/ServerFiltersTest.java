package dev.flareobserver.app.page.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.workers.TailFilters;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFiltersTest {

    @Test
    void wranglerStyleValuesBecomeTailFilters() {
        TailFilters f = ServerFilters.build(List.of("error", "canceled"), ServerFilters.words("get, Post"),
                "cf-ray", ServerFilters.words("self 10.0.0.1"), " checkout failed ", "0.25",
                "8c1b5a3e-4a8f-4c52-9d3c-3f0a6a7f1e21");
        assertThat(f.outcomes()).containsExactly("exception", "exceededCpu", "exceededMemory", "unknown", "canceled");
        assertThat(f.methods()).containsExactly("GET", "POST");
        assertThat(f.headerKey()).isEqualTo("cf-ray");
        assertThat(f.headerQuery()).isNull();
        assertThat(f.clientIps()).containsExactly("self", "10.0.0.1");
        assertThat(f.query()).isEqualTo("checkout failed");
        assertThat(f.samplingRate()).isEqualTo(0.25);
        assertThat(f.scriptVersion()).isEqualTo("8c1b5a3e-4a8f-4c52-9d3c-3f0a6a7f1e21");
    }

    @Test
    void blankValuesMeanNoFilter() {
        assertThat(ServerFilters.build(List.of(), List.of(), " ", List.of(), "", null, "")).isEqualTo(TailFilters.none());
    }

    @Test
    void invalidValuesAreRefusedWithTheWordsOfWranglersFlags() {
        assertThatThrownBy(() -> ServerFilters.build(List.of("failed"), List.of(), null, List.of(), null, null, null))
                .hasMessage("Unknown status 'failed'; expected ok, error or canceled");
        assertThatThrownBy(() -> ServerFilters.build(List.of(), List.of(), null, List.of(), null, "1", null))
                .hasMessageStartingWith("Sampling rate must be between 0 and 1");
        assertThatThrownBy(() -> ServerFilters.build(List.of(), List.of(), ":value", List.of(), null, null, null))
                .hasMessage("A header filter needs a header name");
    }

    @Test
    void theSummaryIsShort() {
        TailFilters f = TailFilters.none().withOutcomes(List.of("ok")).withQuery("cart");
        assertThat(ServerFilters.summary(f)).isEqualTo("outcome ok · search “cart”");
        assertThat(ServerFilters.summary(TailFilters.none())).isEmpty();
    }
}
