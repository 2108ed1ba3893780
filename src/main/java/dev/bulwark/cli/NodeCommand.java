package dev.bulwark.cli;

import dev.bulwark.node.real.HttpApi;
import dev.bulwark.node.real.RealNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark node --home D/node0}: runs one validator until it is stopped (SIGINT/SIGTERM close it cleanly). */
@Command(name = "node", description = "Runs a validator node from its home directory (see testnet init).")
public final class NodeCommand implements Callable<Integer> {
    @Option(names = "--home", required = true, description = "The node's home directory.")
    Path home;

    @Option(names = "--status-every-ms", defaultValue = "1000",
            description = "Print height, round and stored height this often (0: never; default ${DEFAULT-VALUE}).")
    long statusEveryMs;

    @Option(names = "--drive", description = "Also drive signed deposits from the account keys in this directory "
            + "(testnet's clients/) through this node, printing committed tx/s and commit latency.")
    Path drive;

    @Option(names = "--drive-tps", defaultValue = "100", description = "Target deposits per second for --drive (default ${DEFAULT-VALUE}).")
    double driveTps;

    @Option(names = "--http", description = "Serve the HTTP client API on HOST:PORT (default: node.properties' http; "
            + "none there or 'off': no API).")
    String http;

    @Option(names = "--test-faults", description = "Test mode only: allows the fault hooks below. Never on a real network.")
    boolean testFaults;

    @Option(names = "--cut-off-file", description = "Test mode (--test-faults): while this file exists the node is cut off "
            + "from its peers (every connection dropped, none accepted or dialled); when it is removed the node heals.")
    Path cutOffFile;

    @Option(names = "--byzantine", description = "Test mode (--test-faults): 'equivocate' makes this validator, besides its "
            + "honest votes, send every peer conflicting signed proposals, prevotes and precommits for random values at its "
            + "current height and round.")
    String byzantine;

    /** The HTTP address of a home (node.properties' http), or null. */
    static String httpOf(Path home) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(home.resolve("node.properties"))) {
            p.load(r);
        }
        String h = p.getProperty("http");
        return h == null ? null : h.trim();
    }

    static java.net.InetSocketAddress address(String hostPort) {
        int c = hostPort.lastIndexOf(':');
        if (c <= 0) {
            throw new IllegalArgumentException("not HOST:PORT: " + hostPort);
        }
        return new java.net.InetSocketAddress(hostPort.substring(0, c), Integer.parseInt(hostPort.substring(c + 1)));
    }

    @Override
    public Integer call() throws Exception {
        if ((cutOffFile != null || byzantine != null) && !testFaults) {
            System.err.println("node: --cut-off-file and --byzantine are test hooks; refused without --test-faults");
            return 2;
        }
        if (byzantine != null && !byzantine.equals("equivocate")) {
            System.err.println("node: --byzantine: only 'equivocate' is known, not '" + byzantine + "'");
            return 2;
        }
        RealNode node;
        try {
            node = RealNode.fromHome(home);
        } catch (java.io.IOException e) {
            System.err.println("node: cannot start from " + home + ": " + e);
            return 1;
        }
        HttpApi api = null;
        String at = http != null ? http : httpOf(home);
        if (at != null && !at.equals("off")) {
            try {
                api = new HttpApi(node, dev.bulwark.node.real.Testnet.readGenesis(home.resolve("genesis.properties")).chainId, address(at));
            } catch (java.io.IOException | IllegalArgumentException e) {
                node.close();
                System.err.println("node: cannot serve the HTTP API on " + at + ": " + e);
                return 1;
            }
            System.out.println("node " + node.index() + " HTTP API on http://" + at);
        }
        HttpApi a = api;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (a != null) {
                a.close();
            }
            node.close();
            stopped.countDown();
        }, "bulwark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("node " + node.index() + " running from " + home);
        LoadDriver driver = null;
        if (drive != null) {
            driver = new LoadDriver(node, drive, dev.bulwark.node.real.Testnet.readGenesis(home.resolve("genesis.properties")).chainId,
                    driveTps);
            LoadDriver d = driver;
            Thread t = new Thread(() -> {
                try {
                    d.run();
                } catch (InterruptedException | RuntimeException e) {
                    // stopping
                }
            }, "bulwark-load");
            t.setDaemon(true);
            t.start();
        }
        if (byzantine != null) {
            System.out.println("node " + node.index() + " TEST MODE: byzantine " + byzantine);
            Thread t = new Thread(() -> equivocate(node, stopped), "bulwark-byzantine");
            t.setDaemon(true);
            t.start();
        }
        if (cutOffFile != null) {
            System.out.println("node " + node.index() + " TEST MODE: cut off while " + cutOffFile + " exists");
            Thread t = new Thread(() -> watchCutOff(node, stopped), "bulwark-cut-off");
            t.setDaemon(true);
            t.start();
        }
        long last = System.nanoTime();
        while (!stopped.await(statusEveryMs > 0 ? statusEveryMs : 60_000, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (statusEveryMs > 0) {
                try {
                    String line = node.query(c -> "node " + node.index() + " height " + c.height() + " round " + c.round()
                            + " stored " + c.storedHeight() + " mempool " + c.mempoolSize());
                    System.out.println(line);
                    if (driver != null) {
                        long now = System.nanoTime();
                        System.out.println(driver.report((now - last) / 1e9));
                        last = now;
                    }
                } catch (IllegalStateException e) {
                    return 0; // stopping
                }
            }
        }
        return 0;
    }

    /** Test hook: the node is cut off exactly while the control file exists (polled every 20 ms). */
    private void watchCutOff(RealNode node, CountDownLatch stopped) {
        boolean cut = false;
        try {
            while (!stopped.await(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                boolean want = java.nio.file.Files.exists(cutOffFile);
                if (want != cut) {
                    node.transport().setCutOff(want);
                    cut = want;
                    System.out.println("node " + node.index() + (want ? " cut off" : " healed"));
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            // stopping
        }
    }

    /**
     * Test hook (--byzantine equivocate): every 10 ms, a proposal, a prevote and a precommit for a
     * fresh random value at this node's height and round, signed with its validator key, sent to
     * every peer through the authenticated connections; the node's own core goes on voting
     * honestly, so each of these conflicts with one of its real messages or with the previous one.
     */
    private void equivocate(RealNode node, CountDownLatch stopped) {
        try {
            dev.bulwark.node.real.Testnet net = dev.bulwark.node.real.Testnet.readGenesis(home.resolve("genesis.properties"));
            int self = node.index();
            dev.bulwark.net.ConsensusSigner signer = new dev.bulwark.net.ConsensusSigner(self, net.chainId,
                    dev.bulwark.node.real.Testnet.readSeed(home.resolve("validator.key")));
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(self);
            while (!stopped.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                long h = node.query(c -> c.height());
                int r = node.query(c -> c.round());
                byte[] d = new byte[32];
                rnd.nextBytes(d);
                dev.bulwark.consensus.Value v = dev.bulwark.consensus.Value.ofDigest(d);
                dev.bulwark.consensus.Message[] ms = {
                    dev.bulwark.consensus.Message.proposal(self, h, r, v, -1),
                    dev.bulwark.consensus.Message.prevote(self, h, r, v),
                    dev.bulwark.consensus.Message.precommit(self, h, r, v),
                };
                for (dev.bulwark.consensus.Message m : ms) {
                    node.transport().broadcast(dev.bulwark.node.Frames.consensus(net.chainId, signer.sign(m)));
                }
            }
        } catch (Exception e) {
            System.out.println("node byzantine hook stopped: " + e);
        }
    }
}
