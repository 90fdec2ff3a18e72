package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare-observer r2 ...} against a demo emulator whose state persists between the invocations. */
class R2CommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return FlareCli.run(args, Map.of("XDG_STATE_HOME", dir.resolve("state").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                DemoEmulatorFactory.configured(0, dir.resolve("emulator"), null, null));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() throws Exception {
        return JSON.readTree(out());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(field == null ? n.asText() : n.path(field).asText()));
        return all;
    }

    @Test
    void bucketsAreListedCreatedAndDeletedWithTheTypedName() throws Exception {
        assertThat(run("r2", "bucket", "list")).isZero();
        assertThat(out()).contains("NAME").contains("website-assets").contains("wnam");

        assertThat(run("r2", "bucket", "create", "Bad_Name")).isEqualTo(2);
        assertThat(err()).contains("\"Bad_Name\" is not a valid bucket name").contains("3 to 63 characters");
        assertThat(run("r2", "bucket", "create", "cli-bucket", "--location", "mars")).isEqualTo(2);

        assertThat(run("r2", "bucket", "create", "cli-bucket", "--location", "weur", "--storage-class",
                "InfrequentAccess", "--json")).isZero();
        assertThat(json().path("location").asText()).isEqualTo("weur");
        assertThat(run("r2", "bucket", "list", "--json")).isZero();
        assertThat(texts(json(), "name")).contains("cli-bucket");

        assertThat(run("r2", "bucket", "delete", "cli-bucket", "--confirm", "cli-bucke")).isEqualTo(2);
        assertThat(err()).contains("Type the R2 bucket name, cli-bucket");
        assertThat(run("r2", "bucket", "delete", "user-uploads", "--confirm", "user-uploads")).isEqualTo(1);
        assertThat(err()).contains("The bucket you tried to delete is not empty. (code 10008)");
        assertThat(run("r2", "bucket", "delete", "cli-bucket", "--confirm", "cli-bucket", "--json")).isZero();
        assertThat(json().path("deleted").asText()).isEqualTo("cli-bucket");
        run("r2", "bucket", "list", "--json");
        assertThat(texts(json(), "name")).doesNotContain("cli-bucket");

        String audit = Files.readString(dir.resolve("state").resolve("flare-observer").resolve("audit.ndjson"));
        assertThat(audit).contains("create bucket").contains("delete bucket");
    }

    @Test
    void objectsGoUpComeDownAreListedByFolderAndAreDeletedWithYes() throws Exception {
        byte[] bytes = new byte[150_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 253);
        }
        Path source = Files.write(dir.resolve("report.pdf"), bytes);

        assertThat(run("r2", "object", "put", "scratch-space/reports/report.pdf", "--file", source.toString(),
                "--metadata", "owner=ann", "--json")).as(err()).isZero();
        assertThat(json().path("size").asLong()).isEqualTo(150_000);
        assertThat(json().path("content_type").asText()).isEqualTo("application/pdf");
        assertThat(err()).contains("Uploading 146.5 KB of 146.5 KB");

        assertThat(run("r2", "object", "list", "scratch-space", "--json")).isZero();
        assertThat(texts(json().path("folders"), null)).containsExactly("reports/");
        assertThat(run("r2", "object", "list", "scratch-space/reports")).isZero();
        assertThat(out()).contains("reports/report.pdf").contains("146.5 KB");

        Path copy = dir.resolve("copy.pdf");
        assertThat(run("r2", "object", "get", "scratch-space/reports/report.pdf", "--file", copy.toString(), "--json"))
                .isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
        assertThat(json().path("bytes").asLong()).isEqualTo(150_000);

        assertThat(run("r2", "object", "delete", "scratch-space/reports/report.pdf")).isEqualTo(2);
        assertThat(err()).contains("Add --yes");
        assertThat(run("r2", "object", "delete", "scratch-space/reports/report.pdf", "--yes")).isZero();
        assertThat(run("r2", "object", "get", "scratch-space/reports/report.pdf", "--file", copy.toString()))
                .isEqualTo(1);
        assertThat(err()).contains("The specified key does not exist. (code 10007)");
        assertThat(Files.readAllBytes(copy)).isEqualTo(bytes);
    }

    @Test
    void limitsAreCheckedBeforeAnythingIsSent() throws Exception {
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024 + 1);
        }
        assertThat(run("r2", "object", "put", "scratch-space/huge.bin", "--file", huge.toString())).isEqualTo(2);
        assertThat(err()).contains("at most 300 MiB");
        assertThat(run("r2", "object", "put", "scratch-space/" + "k".repeat(1025), "--file", huge.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("at most 1024 bytes");
        assertThat(run("r2", "object", "list", "No_Bucket")).isEqualTo(2);
        assertThat(err()).contains("not a valid bucket name");
    }
}
