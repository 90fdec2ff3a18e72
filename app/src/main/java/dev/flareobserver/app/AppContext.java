package dev.flareobserver.app;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.app.settings.SettingsStore;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the app is wired from, in one place (no singletons): the environment it reads the
 * credentials from, where settings live, the task runner, and how demo mode starts its emulator.
 * Tests build one with a temporary settings directory and an in-memory emulator.
 *
 * @param environment   CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_API_BASE_URL, ... as wrangler reads them
 * @param settingsDir   the directory of settings.json
 * @param taskRunner    runs every long operation; closed when the app stops
 * @param demoEmulators starts the local emulator when the environment has no credential
 */
public record AppContext(Map<String, String> environment, Path settingsDir, TaskRunner taskRunner,
                         DemoEmulatorFactory demoEmulators) {

    public AppContext {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(settingsDir, "settingsDir");
        Objects.requireNonNull(taskRunner, "taskRunner");
        Objects.requireNonNull(demoEmulators, "demoEmulators");
    }

    /** The real thing: the process environment, XDG settings, a pooled runner, a persistent demo emulator. */
    public static AppContext fromSystem() {
        Map<String, String> env = System.getenv();
        return new AppContext(env, SettingsStore.defaultDirectory(env), TaskRunner.create(),
                DemoEmulatorFactory.persistent());
    }
}
