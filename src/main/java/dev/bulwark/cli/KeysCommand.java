package dev.bulwark.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark keys gen | show}: Ed25519 key files. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Ed25519 key files.",
        subcommands = {KeysCommand.Gen.class, KeysCommand.Show.class})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "gen", mixinStandardHelpOptions = true, description = "Generate a key file (never overwrites).")
    static final class Gen implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--out", required = true, description = "the key file to create")
        Path out;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                KeyFile k = KeyFile.generate(new SecureRandom());
                k.write(out);
                spec.commandLine().getOut().println(Files2.HEX.formatHex(k.key.toBytes()));
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a key file's public key (hex).")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--key", required = true, description = "the key file")
        Path key;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> spec.commandLine().getOut().println(Files2.HEX.formatHex(KeyFile.read(key).key.toBytes())));
        }
    }
}
