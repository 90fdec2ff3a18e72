package dev.flareobserver.containers;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Builds and pushes a scratch image holding one static binary with Jib core (what the deploy workflow will do). */
final class JibImages {

    private JibImages() {
    }

    /** The emulator's compiled flare-hello binary, copied to {@code dir}. */
    static Path flareHello(Path dir) throws IOException {
        Path out = dir.resolve("flare-hello");
        try (InputStream in = JibImages.class.getResourceAsStream("/dev/flareobserver/emulator/containers/demo/flare-hello")) {
            if (in == null) {
                throw new AssertionError("flare-hello was not built (the emulator build compiles it with gcc)");
            }
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** Pushes {@code binary} as {@code /app} of a scratch OCI image to {@code reference} ({@code host/acct/name:tag}). */
    static JibContainer push(Path binary, List<String> entrypoint, String reference, String username, String password,
                             Path cache) throws Exception {
        FileEntriesLayer layer = FileEntriesLayer.builder().setName("binary")
                .addEntry(binary, AbsoluteUnixPath.get("/app"), FilePermissions.fromOctalString("755")).build();
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(layer)
                .setEntrypoint(entrypoint)
                .setExposedPorts(Port.tcp(8080))
                .addLabel("org.opencontainers.image.title", "flare-hello")
                .containerize(Containerizer.to(RegistryImage.named(reference).addCredential(username, password))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(cache.resolve("base"))
                        .setApplicationLayersCache(cache.resolve("app"))
                        .setToolName("flare-observer-tests"));
    }
}
