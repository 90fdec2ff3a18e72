package dev.flareobserver.emulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorMainTest {

    @Test
    void parsesTheCommandLine() {
        EmulatorOptions o = EmulatorMain.parse(new String[] {"--port", "9001", "--state", "/tmp/x", "--token", "cfut_t"});
        assertThat(o.port()).isEqualTo(9001);
        assertThat(o.stateDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.userToken()).isEqualTo("cfut_t");
        EmulatorOptions defaults = EmulatorMain.parse(new String[0]);
        assertThat(defaults.port()).isEqualTo(EmulatorMain.DEFAULT_PORT);
        assertThat(defaults.stateDir()).isEqualTo(EmulatorOptions.defaultStateDir());
        assertThat(EmulatorMain.parse(new String[] {"--in-memory"}).stateDir()).isNull();
        assertThat(EmulatorMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void badUsageIsReported() {
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port", "x"})).hasMessageContaining("number");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port", "70000"})).hasMessageContaining("65535");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--frobnicate"})).hasMessageContaining("--frobnicate");
    }

    @Test
    void runPrintsBaseUrlAndTokenFirstAndServesUntilInterrupted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(EmulatorMain.run(
                EmulatorOptions.builder().port(0).userToken("cfut_main").build(), out)));
        runner.start();
        String[] lines = waitForLines(bytes, 2);
        assertThat(lines[0]).matches("Flare Observer emulator listening on http://127\\.0\\.0\\.1:\\d+/client/v4");
        assertThat(lines[1]).isEqualTo("API token: cfut_main");

        String base = lines[0].substring(lines[0].indexOf("http"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/user/tokens/verify"))
                .header("Authorization", "Bearer cfut_main").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);

        runner.interrupt();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    private static String[] waitForLines(ByteArrayOutputStream bytes, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.chars().filter(ch -> ch == '\n').count() >= n) {
                return text.split("\n");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No banner within 10 s: " + bytes);
    }
}
