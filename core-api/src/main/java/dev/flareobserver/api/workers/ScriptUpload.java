package dev.flareobserver.api.workers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A script upload as wrangler sends it: a {@code metadata} JSON part plus one part per module. {@code metadata}
 * is sent as given (e.g. {@code main_module}, {@code compatibility_date}, {@code bindings}); {@link #esModule}
 * builds the common case.
 */
public record ScriptUpload(Map<String, Object> metadata, List<Module> modules) {

  public static final String ES_MODULE = "application/javascript+module";
  public static final String COMMON_JS = "application/javascript";

  public ScriptUpload {
    Objects.requireNonNull(metadata, "metadata");
    if (modules == null || modules.isEmpty()) {
      throw new IllegalArgumentException("An upload needs at least one module");
    }
    metadata = Map.copyOf(metadata);
    modules = List.copyOf(modules);
    Object main = metadata.containsKey("main_module") ? metadata.get("main_module") : metadata.get("body_part");
    if (main == null) {
      throw new IllegalArgumentException("metadata must name the main module (main_module) or body_part");
    }
    if (modules.stream().noneMatch(m -> m.name().equals(main))) {
      throw new IllegalArgumentException("No module part is named '" + main + "'");
    }
  }

  /** One ES module as the main module. */
  public static ScriptUpload esModule(String fileName, String source, String compatibilityDate) {
    return new ScriptUpload(Map.of("main_module", fileName, "compatibility_date", compatibilityDate, "bindings", List.of()),
        List.of(new Module(fileName, ES_MODULE, source.getBytes(StandardCharsets.UTF_8))));
  }

  /** A part of the form: the file name is also the part name, as wrangler does. */
  public record Module(String name, String contentType, byte[] content) {

    public Module {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(contentType, "contentType");
      content = Objects.requireNonNull(content, "content").clone();
      if (name.isBlank() || name.equals("metadata")) {
        throw new IllegalArgumentException("A module cannot be named '" + name + "'");
      }
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }
}
