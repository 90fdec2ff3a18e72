package dev.flareobserver.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** Native binaries the container tests deploy: the emulator build's static flare-hello, and ones gcc makes. */
public final class JibImages {

    private JibImages() {
    }

    /** The emulator's compiled flare-hello binary (static, ~800 KB), copied to {@code dir}. */
    public static Path flareHello(Path dir) throws IOException {
        Path out = dir.resolve("flare-hello");
        try (InputStream in = JibImages.class.getResourceAsStream("/dev/flareobserver/emulator/containers/demo/flare-hello")) {
            if (in == null) {
                throw new AssertionError("flare-hello was not built (the emulator build compiles it with gcc)");
            }
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** Compiles {@code source} (C) with {@code gcc -static -O1} to {@code dir/name}; the emulator build needs gcc too. */
    public static Path gccStatic(Path dir, String name, String source) throws IOException, InterruptedException {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path out = dir.resolve(name);
        Process gcc = new ProcessBuilder("gcc", "-static", "-O1", "-o", out.toString(), c.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc -static failed: " + log);
        }
        return out;
    }
}
