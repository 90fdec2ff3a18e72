package dev.flareobserver.app.page.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configs opened lately, newest first, kept in a small text file (one path a line). */
public final class RecentConfigs {

    private static final Logger LOG = LoggerFactory.getLogger(RecentConfigs.class);
    static final int KEPT = 8;

    private final Path file;

    public RecentConfigs(Path file) {
        this.file = file;
    }

    public List<Path> load() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Path::of).limit(KEPT).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Puts {@code config} first and returns the new list. */
    public List<Path> remember(Path config) {
        List<Path> out = new ArrayList<>();
        out.add(config.toAbsolutePath().normalize());
        for (Path p : load()) {
            if (!p.equals(out.get(0)) && out.size() < KEPT) {
                out.add(p);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not save the recent configs to {}: {}", file, e.getMessage());
        }
        return out;
    }
}
