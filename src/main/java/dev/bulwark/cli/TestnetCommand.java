package dev.bulwark.cli;

import dev.bulwark.node.real.Testnet;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark testnet init}: keys, genesis and one home directory per validator of a loopback test network. */
@Command(name = "testnet", description = "Local test networks.", subcommands = {TestnetCommand.Init.class})
public final class TestnetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "init", description = "Writes DIR/genesis.properties, DIR/node{i}/ (genesis, index, validator key) "
            + "and DIR/clients/ (the genesis accounts' keys).")
    static final class Init implements Callable<Integer> {
        @Option(names = "--validators", defaultValue = "4", description = "Validators (default ${DEFAULT-VALUE}).")
        int validators;

        @Option(names = "--dir", required = true, description = "The directory to create.")
        Path dir;

        @Option(names = "--chain-id", defaultValue = "7", description = "Chain id (default ${DEFAULT-VALUE}).")
        long chainId;

        @Option(names = "--accounts", defaultValue = "5", description = "Genesis accounts, the last one the backstop (default ${DEFAULT-VALUE}).")
        int accounts;

        @Option(names = "--owners", defaultValue = "0", description = "Governance owners: keys written to DIR/governance/ "
                + "(owner{k}.key and the registry), all initial owners (default ${DEFAULT-VALUE}: no governance).")
        int owners;

        @Option(names = "--threshold", description = "Approvals a governance proposal needs, the proposer's included "
                + "(1..owners; default: a majority of the owners).")
        Integer threshold;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host of every node (default ${DEFAULT-VALUE}).")
        String host;

        static final int HTTP_OFFSET = 100;

        @Option(names = "--base-port", defaultValue = "26650", description = "Node i listens on base-port + i and serves its "
                + "HTTP API on base-port + 100 + i (node.properties' http); 0: a free port for each, chosen now (default ${DEFAULT-VALUE}).")
        int basePort;

        @Override
        public Integer call() throws Exception {
            if (validators < 1 || validators > 64 || accounts < 2 || accounts > 64 || basePort < 0 || basePort + HTTP_OFFSET + validators > 65535) {
                System.err.println("testnet init: validators 1..64, accounts 2..64, ports 0..65535");
                return 2;
            }
            int th = threshold != null ? threshold : owners == 0 ? 0 : owners / 2 + 1;
            if (owners < 0 || owners > Testnet.MAX_OWNERS || (owners == 0 ? th != 0 : th < 1 || th > owners)) {
                System.err.println("testnet init: owners 0.." + Testnet.MAX_OWNERS + ", threshold 1..owners (none without owners)");
                return 2;
            }
            Testnet.Keys keys = Testnet.generateKeys(validators, accounts, owners, new SecureRandom());
            java.util.Set<Integer> chosen = new java.util.HashSet<>();
            InetSocketAddress[] a = new InetSocketAddress[validators];
            for (int i = 0; i < validators; i++) {
                int port = basePort + i;
                if (basePort == 0) {
                    port = dev.bulwark.net.FreePorts.choose(host, chosen);
                }
                a[i] = InetSocketAddress.createUnresolved(host, port);
            }
            Testnet net = Testnet.of(chainId, keys, a, th);
            String[] http = new String[validators];
            for (int i = 0; i < validators; i++) {
                int port = basePort == 0 ? 0 : basePort + HTTP_OFFSET + i;
                if (basePort == 0) {
                    port = dev.bulwark.net.FreePorts.choose(host, chosen);
                }
                http[i] = host + ":" + port;
            }
            try {
                net.writeHome(dir, keys);
                for (int i = 0; i < validators; i++) {
                    java.nio.file.Files.writeString(dir.resolve("node" + i).resolve("node.properties"),
                            "http=" + http[i] + "\n", java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (java.io.IOException e) {
                System.err.println("testnet init: " + e.getMessage());
                return 1;
            }
            System.out.println("test network of " + validators + " validators (chain " + chainId + ") in " + dir
                    + "; start each with: bulwark node --home " + dir.resolve("node0").toString().replace("node0", "node<i>"));
            return 0;
        }
    }
}
