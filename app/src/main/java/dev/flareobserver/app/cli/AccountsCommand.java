package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.orchestration.connection.AccountSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flare-observer accounts}: the accounts the credential can see; {@code *} marks the chosen one. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "List the accounts the credential can see (all pages). '*' marks the one the app would use.")
final class AccountsCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    AccountsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        return CliConnections.withConnection(ctx, false, (connection, s) -> {
            if (s.problem() != null) {
                ctx.err().println("Warning: " + s.problem().title() + ". " + s.problem().message());
            }
            print(s.accounts(), s.current());
            return FlareCli.OK;
        });
    }

    private void print(List<AccountSummary> accounts, AccountSummary current) throws Exception {
        if (json) {
            List<Map<String, Object>> out = accounts.stream().map(a -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", a.id());
                m.put("name", a.name());
                m.put("type", a.type());
                m.put("current", a.equals(current));
                return m;
            }).toList();
            ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else if (accounts.isEmpty()) {
            ctx.err().println("The credential sees no account.");
        } else {
            ctx.out().print(AccountsTable.render(accounts, current));
        }
        ctx.out().flush();
    }
}
