package dev.flareobserver.app.cli;

import dev.flareobserver.orchestration.provision.ConfigExporter;
import dev.flareobserver.orchestration.provision.ConfigFormat;
import dev.flareobserver.orchestration.provision.CloudflareAccountResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flare-observer export}: the live account, or one Worker's bindings, as a wrangler config. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Prints the account's KV namespaces, D1 databases, R2 buckets and queues (or, with --worker, one "
                + "Worker's bindings) as a wrangler config. Reads only.")
final class ExportCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--worker", paramLabel = "NAME", description = "Export this Worker's bindings instead of the whole account.")
    String worker;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "toml", description = "toml or jsonc (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        ConfigFormat f = switch (format.toLowerCase(Locale.ROOT)) {
            case "toml" -> ConfigFormat.TOML;
            case "jsonc", "json" -> ConfigFormat.JSONC;
            default -> null;
        };
        if (f == null) {
            ctx.err().println("--format must be toml or jsonc (got '" + format + "')");
            return FlareCli.USAGE;
        }
        return CliConnections.withConnection(ctx, true, (connection, s) -> {
            CloudflareAccountResources account = ProvisionCli.account(connection, s);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String text = worker == null ? ConfigExporter.account(account, null, today, f)
                    : ConfigExporter.worker(account, worker, today, f);
            if (output == null) {
                ctx.out().print(text);
                ctx.out().flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
                ctx.err().println("Wrote " + output);
            }
            return FlareCli.OK;
        });
    }
}
