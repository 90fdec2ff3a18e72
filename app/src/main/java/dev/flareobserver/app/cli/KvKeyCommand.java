package dev.flareobserver.app.cli;

import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.page.kv.KvValueFormats;
import dev.flareobserver.orchestration.resources.kv.KvExpiry;
import dev.flareobserver.orchestration.resources.kv.KvKeyBrowser;
import dev.flareobserver.orchestration.resources.kv.KvKeyNames;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.resources.kv.KvValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flare-observer kv key list|get|put|delete}. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "List, read, write and delete keys of a namespace.")
final class KvKeyCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    KvCommand kv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(kv.ctx.err());
        return FlareCli.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List keys in byte order, a page of 1,000 at a time, up to --limit.")
    int list(@Parameters(paramLabel = "NAMESPACE", description = "Id or exact title.") String namespace,
             @Option(names = "--prefix", description = "Only keys starting with this.") String prefix,
             @Option(names = "--limit", defaultValue = "1000",
                     description = "Print at most this many keys; 0 for all (default: ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        if (limit < 0) {
            ctx.err().println("--limit must be 0 (all) or more");
            return FlareCli.USAGE;
        }
        return KvCli.runOn(ctx, namespace, (service, ns) -> {
            KvKeyBrowser keys = service.browse(ns.id(), prefix);
            while (!keys.isComplete() && (limit == 0 || keys.size() < limit)) {
                keys.loadNext();
            }
            int shown = limit == 0 ? keys.size() : Math.min(limit, keys.size());
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (int i = 0; i < shown; i++) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", keys.key(i));
                    if (keys.expiration(i) != null) {
                        m.put("expiration", keys.expiration(i));
                    }
                    if (keys.metadataJson(i) != null) {
                        m.put("metadata", KvCli.JSON.readTree(keys.metadataJson(i)));
                    }
                    out.add(m);
                }
                KvCli.printJson(ctx, out);
            } else {
                for (int i = 0; i < shown; i++) {
                    String expires = keys.expiration(i) == null ? ""
                            : "  (expires " + KvValueFormats.expiration(keys.expiration(i)) + ")";
                    String meta = keys.metadataJson(i) == null ? "" : "  " + keys.metadataJson(i);
                    ctx.out().println(KvKeyNames.forDisplay(keys.key(i)) + expires + meta);
                }
                ctx.out().flush();
            }
            if (shown < keys.size() || !keys.isComplete()) {
                ctx.err().println("More keys follow; raise --limit (0 for all) to see them.");
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Print a key's value: as text when it is UTF-8 text, else as a hex dump.",
                "--file writes the exact bytes to a file instead."})
    int get(@Parameters(index = "0", paramLabel = "NAMESPACE", description = "Id or exact title.") String namespace,
            @Parameters(index = "1", paramLabel = "KEY", description = "The key.") String key,
            @Option(names = "--file", paramLabel = "PATH", description = "Write the value's bytes here.") Path file,
            @Option(names = "--json", description = "Print JSON (value as text, or base64 for binary values).")
            boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        return KvCli.runOn(ctx, namespace, (service, ns) -> {
            KvValue value = service.read(ns.id(), key);
            String text = KvValueFormats.utf8(value.bytes());
            if (file != null) {
                Files.write(file, value.bytes());
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("key", key);
                out.put("bytes", value.bytes().length);
                if (file != null) {
                    out.put("file", file.toAbsolutePath().toString());
                } else if (text != null) {
                    out.put("value", text);
                } else {
                    out.put("base64", Base64.getEncoder().encodeToString(value.bytes()));
                }
                out.put("metadata", value.metadata());
                KvCli.printJson(ctx, out);
            } else if (file != null) {
                ctx.out().println("Wrote " + KvValueFormats.size(value.bytes().length) + " to " + file);
            } else if (text != null) {
                ctx.out().print(text);
                ctx.out().flush();
            } else {
                ctx.err().println("The value is binary (" + KvValueFormats.size(value.bytes().length)
                        + "); shown as hex. Use --file to save its bytes.");
                ctx.out().print(KvValueFormats.hex(value.bytes()));
                ctx.out().flush();
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = {"Write a value, from the VALUE argument or from --file, with optional metadata and expiration.",
                "Keys up to 512 bytes, values up to 25 MiB, metadata up to 1024 bytes, TTL at least 60 s:"
                        + " checked before anything is sent."})
    int put(@Parameters(index = "0", paramLabel = "NAMESPACE", description = "Id or exact title.") String namespace,
            @Parameters(index = "1", paramLabel = "KEY", description = "The key.") String key,
            @Parameters(index = "2", paramLabel = "VALUE", arity = "0..1", description = "The value as text.") String text,
            @Option(names = "--file", paramLabel = "PATH", description = "Take the value's bytes from this file.") Path file,
            @Option(names = "--metadata", paramLabel = "JSON", description = "Metadata as JSON, e.g. '{\"owner\":\"ops\"}'.")
            String metadata,
            @Option(names = "--ttl", paramLabel = "SECONDS", description = "Expire this many seconds from now (≥ 60).")
            Long ttl,
            @Option(names = "--expiration", paramLabel = "EPOCH_SECONDS", description = "Expire at this time.")
            Long expiration,
            @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        if ((text == null) == (file == null)) {
            ctx.err().println("Give the value either as the VALUE argument or with --file, not both or neither.");
            return FlareCli.USAGE;
        }
        if (ttl != null && expiration != null) {
            ctx.err().println("Give --ttl or --expiration, not both.");
            return FlareCli.USAGE;
        }
        byte[] bytes = file != null ? Files.readAllBytes(file) : text.getBytes(StandardCharsets.UTF_8);
        KvExpiry expiry = ttl != null ? KvExpiry.ttl(ttl)
                : expiration != null ? KvExpiry.at(Instant.ofEpochSecond(expiration)) : KvExpiry.never();
        return KvCli.runOn(ctx, namespace, (service, ns) -> {
            service.put(ns, key, bytes, metadata, expiry);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("namespace", ns.id());
                out.put("key", key);
                out.put("bytes", bytes.length);
                KvCli.printJson(ctx, out);
            } else {
                ctx.out().println("Wrote " + KvKeyNames.forDisplay(key) + " (" + KvValueFormats.size(bytes.length)
                        + ") to " + ns.title());
            }
            return FlareCli.OK;
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key. Needs --yes.")
    int delete(@Parameters(index = "0", paramLabel = "NAMESPACE", description = "Id or exact title.") String namespace,
               @Parameters(index = "1", paramLabel = "KEY", description = "The key.") String key,
               @Option(names = "--yes", description = "Confirm the delete (nothing is deleted without it).") boolean yes,
               @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        CliContext ctx = kv.ctx;
        if (!yes) {
            ctx.err().println("Deleting " + KvKeyNames.forDisplay(key) + " cannot be undone: add --yes to confirm.");
            return FlareCli.USAGE;
        }
        return KvCli.runOn(ctx, namespace, (service, ns) -> {
            service.delete(ns, key);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("namespace", ns.id());
                out.put("key", key);
                out.put("deleted", true);
                KvCli.printJson(ctx, out);
            } else {
                ctx.out().println("Deleted " + KvKeyNames.forDisplay(key) + " from " + ns.title());
            }
            return FlareCli.OK;
        });
    }
}
