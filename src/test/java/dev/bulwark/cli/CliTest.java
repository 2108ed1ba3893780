package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.node.real.RealNode;
import dev.bulwark.node.real.Testnet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bulwark testnet init} writes homes that {@code bulwark node} runs; bad arguments and homes are refused. */
class CliTest {
    @TempDir
    Path tmp;

    static int run(String... args) {
        CommandLine cl = new CommandLine(new Bulwark());
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void testnetInitWritesFourHomesThatRunAsACluster() throws Exception {
        Path d = tmp.resolve("net");
        assertEquals(0, run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0"));
        Testnet net = Testnet.readGenesis(d.resolve("genesis.properties"));
        assertEquals(4, net.validatorKeys.length);
        for (int i = 0; i < 4; i++) {
            assertTrue(Files.isRegularFile(d.resolve("node" + i).resolve("validator.key")));
            assertEquals(Files.readString(d.resolve("genesis.properties")), Files.readString(d.resolve("node" + i + "/genesis.properties")));
        }
        assertTrue(Files.isRegularFile(d.resolve("clients/account0.key")));
        assertEquals(1, run("testnet", "init", "--validators", "4", "--dir", d.toString()), "an existing network is not overwritten");
        RealNode[] nodes = new RealNode[4];
        try {
            for (int i = 0; i < 4; i++) {
                nodes[i] = RealNode.fromHome(d.resolve("node" + i));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (Arrays.stream(nodes).mapToLong(n -> n.query(c -> c.storedHeight())).min().getAsLong() < 3) {
                assertTrue(System.nanoTime() < deadline, "four nodes from testnet homes commit 3 heights");
                Thread.sleep(20);
            }
        } finally {
            for (RealNode n : nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
        assertTrue(Files.isDirectory(d.resolve("node0/data")), "the store is in the home's data directory");
    }

    @Test
    void nodesWhoseHomesSetRetainBlocksPruneBelowTheirSnapshots() throws Exception {
        Path d = tmp.resolve("net");
        assertEquals(0, run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(d.resolve("node" + i + "/node.properties"), "index=" + i + "\nretainBlocks=" + (i == 3 ? -1 : 2) + "\n");
        }
        RealNode[] nodes = new RealNode[4];
        try {
            for (int i = 0; i < 4; i++) {
                nodes[i] = RealNode.fromHome(d.resolve("node" + i));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (Arrays.stream(nodes).limit(3).mapToLong(n -> n.query(c -> n.store().base())).min().getAsLong() < 8) {
                assertTrue(System.nanoTime() < deadline, "nodes 0-2 prune the blocks 2 below their first snapshot");
                Thread.sleep(20);
            }
            RealNode keeper = nodes[3];
            assertEquals(0L, (long) keeper.query(c -> keeper.store().base()), "node 3 (retainBlocks=-1) keeps every block");
            assertTrue(keeper.query(c -> keeper.store().snapshotHeight()) >= 10, "node 3 snapshots all the same");
        } finally {
            for (RealNode n : nodes) {
                if (n != null) {
                    n.close();
                }
            }
        }
    }

    @Test
    void badArgumentsAndHomesAreRefused() throws Exception {
        assertEquals(2, run("testnet", "init", "--validators", "0", "--dir", tmp.resolve("x").toString()));
        assertEquals(2, run("testnet", "init"), "--dir is required (picocli's usage error)");
        assertEquals(1, run("node", "--home", tmp.resolve("missing").toString()));
        Path d = tmp.resolve("net");
        assertEquals(0, run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0"));
        // a validator key that is not the genesis's key for the home's index
        Files.copy(d.resolve("node1/validator.key"), d.resolve("node0/validator.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, run("node", "--home", d.resolve("node0").toString()));
        Files.writeString(d.resolve("node3/node.properties"), "index=3\nretainBlocks=-2\n");
        assertEquals(1, run("node", "--home", d.resolve("node3").toString()), "a retention below -1");
        Files.writeString(d.resolve("node3/node.properties"), "index=3\nretainBlocks=ten\n");
        assertEquals(1, run("node", "--home", d.resolve("node3").toString()), "a retention that is not a number");
        Files.writeString(d.resolve("node2/node.properties"), "index=9\n");
        assertEquals(1, run("node", "--home", d.resolve("node2").toString()));
    }
}
