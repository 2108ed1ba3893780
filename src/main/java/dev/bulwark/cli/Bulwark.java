package dev.bulwark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bulwark} command line: one root, each command in its own class. */
@Command(name = "bulwark", mixinStandardHelpOptions = true, version = "bulwark 0.1.0",
        description = "Bulwark: a formally specified fault-tolerant derivatives ledger.",
        subcommands = {
            CommandLine.HelpCommand.class,
            TestnetCommand.class,
            NodeCommand.class,
            TxCommand.class,
            StatusCommand.class,
            LoadCommand.class,
        })
public final class Bulwark implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bulwark()).execute(args));
    }
}
