package dev.flareobserver.orchestration.resources.r2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class R2FilesTest {

    @Test
    void namesAreTheLastPartOfAKeyAndFoldersKeepTheirSlash() {
        assertThat(R2Files.name("images/icons/star.png")).isEqualTo("star.png");
        assertThat(R2Files.name("images/icons/")).isEqualTo("icons/");
        assertThat(R2Files.name("top.txt")).isEqualTo("top.txt");
    }

    @Test
    void controlCharactersInKeysAreShownEscapedAndTheRestAsIs() {
        assertThat(R2Files.printable("line\nbreak\u0000end")).isEqualTo("line\\u000abreak\\u0000end");
        assertThat(R2Files.printable("é 😀 + % ?")).isEqualTo("é 😀 + % ?");
    }

    @Test
    void contentTypesComeFromAFixedTableAndSizesInBinaryUnits() {
        assertThat(R2Files.contentTypeFor("Photo.PNG")).isEqualTo("image/png");
        assertThat(R2Files.contentTypeFor("archive.tar.gz")).isEqualTo("application/gzip");
        assertThat(R2Files.contentTypeFor("no-extension")).isEqualTo("application/octet-stream");
        assertThat(R2Files.size(512)).isEqualTo("512 B");
        assertThat(R2Files.size(1536)).isEqualTo("1.5 KB");
        assertThat(R2Files.size(48L * 1024 * 1024)).isEqualTo("48.0 MB");
    }
}
