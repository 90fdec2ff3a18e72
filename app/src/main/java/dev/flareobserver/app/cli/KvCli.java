package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.kv.KvService;

/** What the {@code kv} subcommands share: a connected {@link KvService}, namespace lookup, output, exit codes. */
final class KvCli {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a kv command does with the service; returns its exit code. */
    interface Work {
        int run(KvService kv) throws Exception;
    }

    /** What a kv command does with one namespace. */
    interface NamespaceWork {
        int run(KvService kv, KvNamespace namespace) throws Exception;
    }

    private KvCli() {
    }

    /**
     * Connects (or starts the demo emulator), runs {@code work} with a KV service whose writes are unlocked (the
     * command line is an explicit operator action) and recorded in the audit file. Input refused locally exits
     * with USAGE, API failures with FAILURE; both print one clear line.
     */
    static int run(CliContext ctx, Work work) throws Exception {
        return CliConnections.withConnection(ctx, true, (connection, snapshot) -> {
            ResourceWrites writes = CliConnections.writes(ctx);
            try {
                return work.run(new KvService(connection, writes));
            } catch (InvalidResourceInputException | ConfirmationMismatchException e) {
                ctx.err().println("Error: " + e.getMessage());
                return FlareCli.USAGE;
            } catch (RuntimeException e) {
                ctx.err().println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                return FlareCli.FAILURE;
            }
        });
    }

    /** Like {@link #run} on the namespace named by id or exact title; FAILURE after saying it does not exist. */
    static int runOn(CliContext ctx, String idOrTitle, NamespaceWork work) throws Exception {
        return run(ctx, kv -> {
            java.util.Optional<KvNamespace> ns = kv.findNamespace(idOrTitle);
            if (ns.isEmpty()) {
                ctx.err().println("Error: no KV namespace with id or title \"" + idOrTitle + "\". See: kv namespace list");
                return FlareCli.FAILURE;
            }
            return work.run(kv, ns.get());
        });
    }

    static void printJson(CliContext ctx, Object value) throws Exception {
        ctx.out().println(JSON.writeValueAsString(value));
        ctx.out().flush();
    }
}
