package dev.flareobserver.app.page.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KvValueFormatsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theViewIsChosenFromTheBytes() {
        assertThat(KvValueFormats.preferred(utf8("{\"a\":[1,2]}"))).isEqualTo(KvViewMode.JSON);
        assertThat(KvValueFormats.preferred(utf8("plain words\nand lines"))).isEqualTo(KvViewMode.TEXT);
        assertThat(KvValueFormats.preferred(utf8("{not json"))).isEqualTo(KvViewMode.TEXT);
        assertThat(KvValueFormats.preferred(new byte[] {(byte) 0xff, (byte) 0xfe, 0})).isEqualTo(KvViewMode.HEX);
        assertThat(KvValueFormats.preferred(utf8("bell\u0007"))).as("control characters are not text").isEqualTo(KvViewMode.HEX);
        assertThat(KvValueFormats.preferred(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0})).isEqualTo(KvViewMode.IMAGE);
    }

    @Test
    void jsonIsIndentedAndHexIsAClassicDump() {
        assertThat(KvValueFormats.render(utf8("{\"a\":1}"), KvViewMode.JSON)).isEqualTo("{\n  \"a\" : 1\n}");
        assertThat(KvValueFormats.hex(utf8("Hello, KV world!\u0001"))).isEqualTo(
                "00000000  48 65 6c 6c 6f 2c 20 4b  56 20 77 6f 72 6c 64 21  |Hello, KV world!|\n"
                        + "00000010  01                                                |.|\n");
    }

    @Test
    void largeValuesAreCutWithANote() {
        byte[] big = new byte[KvValueFormats.MAX_SHOWN + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(KvValueFormats.render(big, KvViewMode.TEXT)).endsWith("[… 10 bytes not shown: save the value to a file]");
        assertThat(KvValueFormats.hex(big)).endsWith("not shown: save the value to a file]\n");
        assertThat(KvValueFormats.size(1536)).isEqualTo("1.5 KiB (1,536 bytes)");
    }
}
