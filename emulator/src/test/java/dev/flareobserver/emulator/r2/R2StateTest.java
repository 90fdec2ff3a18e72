package dev.flareobserver.emulator.r2;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** R2 data across restarts and resets of a persisted emulator. */
class R2StateTest {

    @TempDir
    Path stateDir;

    @Test
    void uploadsSurviveARestartDeletedDemoObjectsStayDeletedAndAResetStartsOver() throws Exception {
        String path;
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().stateDir(stateDir).build())) {
            path = "/accounts/" + emu.accounts().get(0).id() + "/r2/buckets/website-assets/objects/";
            assertThat(send(emu, "PUT", path + "notes/kept.txt", "kept").statusCode()).isEqualTo(200);
            assertThat(send(emu, "DELETE", path + "robots.txt", null).statusCode()).isEqualTo(200);
        }
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().stateDir(stateDir).build())) {
            assertThat(send(emu, "GET", path + "notes/kept.txt", null).body()).isEqualTo("kept");
            assertThat(send(emu, "GET", path + "robots.txt", null).statusCode()).isEqualTo(404);

            emu.reset(true);
            assertThat(send(emu, "GET", path + "notes/kept.txt", null).statusCode()).isEqualTo(404);
            assertThat(send(emu, "GET", path + "robots.txt", null).statusCode()).isEqualTo(200);
            try (Stream<Path> files = Files.list(stateDir.resolve("data").resolve("r2").resolve("objects"))) {
                // Only the demo body just read is on disk: the upload's file went with the reset.
                assertThat(files.toList()).hasSize(1);
            }
        }
    }

    private static HttpResponse<String> send(Emulator emu, String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + path))
                .header("Authorization", "Bearer " + emu.userToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
