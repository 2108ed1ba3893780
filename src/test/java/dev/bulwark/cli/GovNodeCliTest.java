package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.node.real.HttpApi;
import dev.bulwark.node.real.RealNode;
import dev.bulwark.node.real.Testnet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark testnet init --owners 3 --threshold 2} writes the owners' keys and registry
 * beside the validators' and a governed genesis; against four nodes from those homes (node 0
 * serving the API), {@code bulwark gov propose}, {@code approve} (owner 1), {@code submit --node}
 * (owner 0: its signature plus owner 1's approval, 2 of 3) and {@code gov action --type execute
 * --node} (owner 2) change the margin rates, which every node then holds.
 */
class GovNodeCliTest {
    @TempDir
    Path tmp;

    @Test
    void aRateChangeThroughTheCommandLineReachesEveryNode() throws Exception {
        Path d = tmp.resolve("net");
        assertEquals(2, CliTest.run("testnet", "init", "--dir", tmp.resolve("bad").toString(), "--owners", "3", "--threshold", "4"),
                "a threshold above the owners");
        assertEquals(0, CliTest.run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0", "--owners", "3",
                "--threshold", "2"));
        Path g = d.resolve("governance");
        for (int k = 0; k < 3; k++) {
            assertTrue(Files.exists(g.resolve("owner" + k + ".key")));
        }
        assertEquals(3, Files.readAllLines(g.resolve("registry")).size());
        Testnet net = Testnet.readGenesis(d.resolve("genesis.properties"));
        assertEquals(3, net.ownerKeys.length);
        assertEquals(2, net.threshold);
        long chain = net.chainId;
        String c = Long.toString(chain);
        RealNode[] nodes = new RealNode[4];
        HttpApi api = null;
        try {
            for (int i = 0; i < 4; i++) {
                nodes[i] = RealNode.fromHome(d.resolve("node" + i));
            }
            String at = NodeCommand.httpOf(d.resolve("node0"));
            api = new HttpApi(nodes[0], chain, NodeCommand.address(at));
            String url = "http://" + at;
            assertEquals(500L, (long) nodes[0].query(n -> n.replica().ledger().governance().mmBps()));
            Path p = tmp.resolve("rates.proposal");
            Path a1 = tmp.resolve("owner1.approval");
            String reg = g.resolve("registry").toString();
            TxCliTest.Run r = TxCliTest.run("gov", "propose", "--chain", c, "--nonce", "0", "--kind", "set-params", "--im", "2000",
                    "--mm", "1000", "--fee", "200", "--registry", reg, "--out", p.toString());
            assertEquals(0, r.code, r.err);
            r = TxCliTest.run("gov", "approve", "--proposal", p.toString(), "--key", g.resolve("owner1.key").toString(), "--registry",
                    reg, "--out", a1.toString());
            assertEquals(0, r.code, r.err);
            r = TxCliTest.run("gov", "submit", "--proposal", p.toString(), "--approval", a1.toString(), "--key",
                    g.resolve("owner0.key").toString(), "--nonce", "1", "--chain", c, "--registry", reg, "--node", url);
            assertEquals(0, r.code, r.out + r.err);
            // execution needs the timelock (one block end after the proposal's block): an execution
            // committed too early is refused in its block (exit 1) and consumes the nonce; try the next
            int nonce = 1;
            do {
                r = TxCliTest.run("gov", "action", "--type", "execute", "--slot", "0", "--key", g.resolve("owner2.key").toString(),
                        "--nonce", Integer.toString(nonce), "--chain", c, "--node", url);
                nonce++;
            } while (r.code != 0 && nonce <= 5);
            assertEquals(0, r.code, r.out + r.err);
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (RealNode n : nodes) {
                while (n.query(x -> x.replica().ledger().governance().mmBps()) != 1_000 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1_000L, (long) n.query(x -> x.replica().ledger().governance().mmBps()));
                assertEquals(2_000L, (long) n.query(x -> x.replica().ledger().governance().imBps()));
                assertEquals(200L, (long) n.query(x -> x.replica().ledger().governance().feeBps()));
            }
            // owner 2's used nonce again: refused by the node's mempool (exit 1)
            r = TxCliTest.run("gov", "action", "--type", "execute", "--slot", "0", "--key", g.resolve("owner2.key").toString(),
                    "--nonce", "1", "--chain", c, "--node", url);
            assertEquals(1, r.code, "a replayed nonce is refused");
        } finally {
            if (api != null) {
                api.close();
            }
            for (RealNode n : nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }
}
