package dev.bulwark.cli;

import picocli.CommandLine;

/** Runs a command's body: a {@link CliException} (or a refusal of a lower layer) is exit code 1 with its message. */
final class Cli {
    private Cli() {
    }

    static int run(CommandLine.Model.CommandSpec spec, Runnable body) {
        try {
            body.run();
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CliException | dev.bulwark.ledger.LedgerException | dev.bulwark.ledger.state.StateException
                 | dev.bulwark.governance.GovernanceException e) {
            spec.commandLine().getErr().println("bulwark: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
