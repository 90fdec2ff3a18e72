package dev.flareobserver.orchestration.provision;

import java.util.List;

/**
 * What an apply set out to do, journaled before its first request: the account, the config, the create
 * steps, and the ids of existing resources it writes into the config ({@code keptEdits}).
 */
public record JournalHeader(String applyId, String accountId, String configFile, String env,
                            List<JournalStep> steps, List<ConfigWriteBack.IdEdit> keptEdits) {

    public JournalHeader {
        steps = steps == null ? List.of() : List.copyOf(steps);
        keptEdits = keptEdits == null ? List.of() : List.copyOf(keptEdits);
    }
}
