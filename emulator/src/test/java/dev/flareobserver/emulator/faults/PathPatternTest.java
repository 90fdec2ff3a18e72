package dev.flareobserver.emulator.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternTest {

    @Test
    void globs() {
        assertThat(PathPattern.compile("/accounts/*").matches("/accounts/abc")).isTrue();
        assertThat(PathPattern.compile("/accounts/*").matches("/accounts/abc/tokens/verify")).isFalse();
        assertThat(PathPattern.compile("/accounts/**").matches("/accounts/abc/tokens/verify")).isTrue();
        assertThat(PathPattern.compile("/client/v4/accounts").matches("/accounts")).isTrue();
        assertThat(PathPattern.compile("/accounts").matches("/accounts/")).isTrue();
        assertThat(PathPattern.compile("/accounts").matches("/accountsX")).isFalse();
        assertThat(PathPattern.compile("/a.c").matches("/abc")).as("dots are literal in globs").isFalse();
    }

    @Test
    void regexes() {
        assertThat(PathPattern.compile("regex:verify$").matches("/user/tokens/verify")).isTrue();
        assertThat(PathPattern.compile("^/accounts/[0-9a-f]{32}$").matches("/accounts/0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(PathPattern.compile("^/accounts$").matches("/accounts/x")).isFalse();
        assertThatThrownBy(() -> PathPattern.compile("regex:(")).isInstanceOf(IllegalArgumentException.class);
    }
}
