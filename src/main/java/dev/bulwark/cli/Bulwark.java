package dev.bulwark.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bulwark}: the command line, one root, each command in its own class.
 * <pre>
 *   bulwark testnet init --validators 4 --dir D  keys, genesis and one home per validator
 *   bulwark node --home D/node0                   run a validator node (HTTP API on --http)
 *   bulwark tx deposit|withdraw|trade|report ... --node URL --key FILE
 *   bulwark status --node URL                     a node's height, round, peers and mempool
 *   bulwark load --node URL ...                   signed transactions at a cluster's APIs
 *   bulwark keys gen --out owner0.key            an Ed25519 key file (public and private key)
 *   bulwark keys show --key owner0.key           its public key (hex), as the ledger's registry lists it
 *   bulwark gov propose ... --out p.txt          a proposal's canonical encoding and approval hash
 *   bulwark gov approve --proposal p.txt --key owner1.key --out a1.txt
 *   bulwark gov submit --proposal p.txt --approval a1.txt ... --key owner0.key --nonce N --chain C
 *                                                the GovPropose ledger transaction (hex), stdout or --out
 *   bulwark gov action --type execute --slot S --key K --nonce N --chain C
 *                                                GovApprove / GovRetract / GovQueue / GovExecute / GovCancel
 * </pre>
 * Exit codes: 0 done, 1 refused (bad file, bad signature, bad value: the message says which), 2
 * usage.
 */
@Command(name = "bulwark", mixinStandardHelpOptions = true, version = "bulwark 0.1.0",
        description = "Bulwark: a formally specified fault-tolerant derivatives ledger.",
        subcommands = {
            CommandLine.HelpCommand.class,
            TestnetCommand.class,
            NodeCommand.class,
            KeysCommand.class,
            GovCommand.class,
            TxCommand.class,
            StatusCommand.class,
            LoadCommand.class,
        })
public final class Bulwark implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line with its output and error writers (tests run commands in-process). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine c = new CommandLine(new Bulwark());
        c.setOut(out);
        c.setErr(err);
        return c;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bulwark()).execute(args));
    }
}
