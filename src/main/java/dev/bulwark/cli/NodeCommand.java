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
}
