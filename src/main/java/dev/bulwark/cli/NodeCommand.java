package dev.bulwark.cli;

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

    @Override
    public Integer call() throws Exception {
        RealNode node;
        try {
            node = RealNode.fromHome(home);
        } catch (java.io.IOException e) {
            System.err.println("node: cannot start from " + home + ": " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "bulwark-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("node " + node.index() + " running from " + home);
        while (!stopped.await(statusEveryMs > 0 ? statusEveryMs : 60_000, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (statusEveryMs > 0) {
                try {
                    String line = node.query(c -> "node " + node.index() + " height " + c.height() + " round " + c.round()
                            + " stored " + c.storedHeight() + " mempool " + c.mempoolSize());
                    System.out.println(line);
                } catch (IllegalStateException e) {
                    return 0; // stopping
                }
            }
        }
        return 0;
    }
}
