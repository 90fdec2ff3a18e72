package dev.flareobserver.orchestration.resources.kv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KvKeyNamesTest {

    @Test
    void ordinaryKeysAreShownAsTheyAre() {
        assertThat(KvKeyNames.forDisplay("config/app settings.json")).isEqualTo("config/app settings.json");
        assertThat(KvKeyNames.forDisplay("i18n/日本語/🔥")).isEqualTo("i18n/日本語/🔥");
        assertThat(KvKeyNames.needsEscaping("user:1")).isFalse();
    }

    @Test
    void charactersThatHideOrDisguiseTextAreEscaped() {
        assertThat(KvKeyNames.forDisplay("bell\u0007")).isEqualTo("bell\\x07");
        assertThat(KvKeyNames.forDisplay("tab\there")).isEqualTo("tab\\x09here");
        assertThat(KvKeyNames.forDisplay("bidi/\u202Egnp.exe")).isEqualTo("bidi/\\u202Egnp.exe");
        assertThat(KvKeyNames.forDisplay("a\u200Bb")).isEqualTo("a\\u200Bb");
        assertThat(KvKeyNames.forDisplay("bytes\uFFFD")).isEqualTo("bytes\\uFFFD");
        assertThat(KvKeyNames.forDisplay("lone\uD800")).isEqualTo("lone\\uD800");
        assertThat(KvKeyNames.forDisplay("tag\uDB40\uDC01")).isEqualTo("tag\\u{E0001}");
        assertThat(KvKeyNames.needsEscaping("bidi/\u202E")).isTrue();
    }
}
