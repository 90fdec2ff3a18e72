package dev.flareobserver.emulator.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    private static final Handler NOOP = call -> Response.empty(204);

    @Test
    void literalSegmentsBeatParameters() {
        Router r = new Router()
                .get("/user/tokens/{token_id}", NOOP)
                .get("/user/tokens/verify", NOOP);
        Router.Found found = (Router.Found) r.resolve("GET", "/user/tokens/verify");
        assertThat(found.route().template()).isEqualTo("/user/tokens/verify");
        Router.Found param = (Router.Found) r.resolve("GET", "/user/tokens/abc");
        assertThat(param.params()).containsEntry("token_id", "abc");
    }

    @Test
    void parametersArePercentDecodedButPlusStaysPlus() {
        Router r = new Router().get("/kv/{key}", NOOP);
        Router.Found found = (Router.Found) r.resolve("GET", "/kv/a%2Fb+c");
        assertThat(found.params()).containsEntry("key", "a/b+c");
    }

    @Test
    void knownPathWithOtherMethodListsTheAllowedOnes() {
        Router r = new Router().get("/accounts/{account_id}", NOOP).add("PUT", "/accounts/{account_id}", NOOP);
        Router.Resolution res = r.resolve("DELETE", "/accounts/abc");
        assertThat(res).isInstanceOf(Router.MethodNotAllowed.class);
        assertThat(((Router.MethodNotAllowed) res).allowed()).containsExactly("GET", "PUT");
        assertThat(r.resolve("GET", "/accounts")).isInstanceOf(Router.NotFound.class);
        assertThat(r.resolve("GET", "/accounts//")).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void duplicateRoutesAreAProgrammingError() {
        Router r = new Router().get("/a", NOOP);
        assertThatThrownBy(() -> r.get("/a", NOOP)).isInstanceOf(IllegalArgumentException.class);
    }
}
