package dev.bulwark.node.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.Ed25519;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.io.IOException;
import java.net.InetSocketAddress;
import dev.bulwark.net.FreePorts;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real nodes in one JVM: Netty over loopback TCP (signed handshakes), RocksDB stores in
 * temporary directories, each core on its own event thread with real timers. Clients submit
 * signed deposits; blocks are committed with one app hash per height on every node; one node is
 * stopped (closed) while the others go on, then restarted from its RocksDB directory: it catches
 * up. Every wait is on a condition with a generous bound; nothing is asserted about timing.
 */
class RealClusterTest {
    static final long CHAIN = 77;
    static final long WAIT_MS = 60_000;

    @TempDir
    Path tmp;

    private final RealNode[] nodes = new RealNode[4];
    private Testnet net;
    private Testnet.Keys keys;
    private KeyPair[] accounts;
    private long[] nonces;
    private final List<byte[]> submitted = new ArrayList<>();

    @AfterEach
    void stop() {
        for (RealNode n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }

    /** Ports handed out to this JVM's tests: none twice (a closed node's port may linger in TIME_WAIT). */
    private static final java.util.Set<Integer> CHOSEN = new java.util.HashSet<>();

    /** A free port outside the range of outgoing connections' local ports ({@link FreePorts}). */
    static int freePort() throws IOException {
        return FreePorts.choose("127.0.0.1", CHOSEN);
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT_MS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Node configuration of the test in progress (the test network's, or with pruning and small chunks). */
    private java.util.function.IntFunction<dev.bulwark.node.NodeConfig> config = i -> net.nodeConfig(i);

    private RealNode start(int i) {
        nodes[i] = new RealNode(config.apply(i), keys.validatorSeeds[i], tmp.resolve("node" + i), net.addresses);
        return nodes[i];
    }

    private long stored(int i) {
        return nodes[i].query(c -> c.storedHeight());
    }

    private long minStored(int... which) {
        long m = Long.MAX_VALUE;
        for (int i : which) {
            m = Math.min(m, stored(i));
        }
        return m;
    }

    private byte[] deposit(int k, long amount) {
        byte[] tx = TxCodec.encode(TxSignatures.sign(new Deposit(CHAIN, TxSignatures.keyOf(accounts[k].getPublic()), ++nonces[k],
                amount), accounts[k]));
        submitted.add(tx);
        return tx;
    }

    /** Every node's blocks from RocksDB: the same block and app hash at every height; every submitted tx in the chain once. */
    private void checkChain(long upTo) {
        Map<Long, byte[]> hashes = new HashMap<>();
        Map<ByteBuffer, Integer> seen = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            RealNode n = nodes[i];
            Replica replay = new Replica(net.ledger(), new ValidatorSet(net.nodeConfig(i).powers()), new MemoryBlockStore());
            for (long h = 1; h <= upTo; h++) {
                long hh = h;
                byte[] b = n.query(c -> n.store().block(hh));
                dev.bulwark.consensus.Certificate cert = n.query(c -> n.store().certificate(hh));
                replay.commitBlock(b, cert);
                byte[] app = replay.applyNext().appHash();
                byte[] first = hashes.putIfAbsent(h, app);
                if (first != null) {
                    assertArrayEquals(first, app, "node " + i + " has another app hash at height " + h);
                }
                if (i == 0) {
                    DecodedBlock d = BlockCodec.decode(b);
                    for (int t = 0; t < d.size(); t++) {
                        seen.merge(ByteBuffer.wrap(TxCodec.encode(d.signedTx(t))), 1, Integer::sum);
                    }
                }
            }
        }
        for (byte[] tx : submitted) {
            assertEquals(1, seen.getOrDefault(ByteBuffer.wrap(tx), 0), "a submitted transaction is in the chain exactly once");
        }
    }

    private void startFour() throws Exception {
        keys = Testnet.generateKeys(4, 5, new SecureRandom());
        InetSocketAddress[] addrs = new InetSocketAddress[4];
        for (int i = 0; i < 4; i++) {
            addrs[i] = new InetSocketAddress("127.0.0.1", freePort());
        }
        net = Testnet.of(CHAIN, keys, addrs);
        accounts = new KeyPair[5];
        nonces = new long[5];
        for (int k = 0; k < 5; k++) {
            accounts[k] = Ed25519.keyPair(keys.accountSeeds[k]);
        }
        for (int i = 0; i < 4; i++) {
            start(i);
        }
        await("all four connected", () -> {
            for (RealNode n : nodes) {
                for (int j = 0; j < 4; j++) {
                    if (j != n.index() && !n.transport().connected(j)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    @Test
    void fourRealNodesCommitAndAStoppedNodeCatchesUpFromItsRocksDbHome() throws Exception {
        startFour();
        for (int k = 0; k < 4; k++) {
            assertNull(nodes[k].submit(deposit(k, 1_000 + k)).get(10, TimeUnit.SECONDS), "admitted");
        }
        await("3 heights on all four, the deposits in", () -> minStored(0, 1, 2, 3) >= 3
                && nodes[0].query(c -> c.mempoolSize()) == 0 && nodes[3].query(c -> c.mempoolSize()) == 0);
        checkChain(minStored(0, 1, 2, 3));

        // stop node 3; the other three keep committing, with transactions
        nodes[3].close();
        nodes[3] = null;
        long atStop = minStored(0, 1, 2);
        for (int k = 0; k < 4; k++) {
            assertNull(nodes[k % 3].submit(deposit(k, 10)).get(10, TimeUnit.SECONDS));
        }
        await("three nodes commit 5 more heights", () -> minStored(0, 1, 2) >= atStop + 5
                && nodes[0].query(c -> c.mempoolSize()) == 0);

        // restart node 3 from its RocksDB directory: it catches up and the four go on together
        start(3);
        long target = minStored(0, 1, 2);
        await("node 3 catches up to " + target, () -> stored(3) >= target);
        assertNull(nodes[3].submit(deposit(4, 5)).get(10, TimeUnit.SECONDS));
        await("two more heights on all four, the last deposit in", () -> minStored(0, 1, 2, 3) >= target + 2
                && nodes[0].query(c -> c.mempoolSize()) == 0 && nodes[3].query(c -> c.mempoolSize()) == 0);
        long upTo = minStored(0, 1, 2, 3);
        checkChain(upTo);
        for (RealNode n : nodes) {
            Map<TransportReason, Long> c = n.transport().counters();
            assertEquals(0L, c.get(TransportReason.BAD_SIGNATURE), "node " + n.index() + ": " + c);
            assertEquals(0L, c.get(TransportReason.UNKNOWN_PEER), "node " + n.index() + ": " + c);
        }
        System.out.println("real cluster: " + upTo + " heights agreed on by 4 nodes, " + submitted.size()
                + " transactions committed once; node 3 stopped at " + atStop + " and caught up to " + target);
    }

    @Test
    void aNodeCutOffForSeveralHeightsCatchesUpByItselfAfterTheHeal() throws Exception {
        startFour();
        await("2 heights on all four", () -> minStored(0, 1, 2, 3) >= 2);
        nodes[2].transport().setCutOff(true);
        await("node 2 disconnected from all", () -> !nodes[0].transport().connected(2) && !nodes[1].transport().connected(2)
                && !nodes[3].transport().connected(2));
        // past node 2's height at the cut too: it may be ahead of a lagging peer when cut off
        long atCut = Math.max(minStored(0, 1, 3), stored(2));
        assertNull(nodes[0].submit(deposit(0, 7)).get(10, TimeUnit.SECONDS));
        await("the other three commit 5 heights past node 2's height at the cut", () -> minStored(0, 1, 3) >= atCut + 5);
        assertTrue(stored(2) < minStored(0, 1, 3), "node 2, cut off, is behind");
        nodes[2].transport().setCutOff(false);
        long target = minStored(0, 1, 3);
        await("node 2 catches up to " + target + " by itself", () -> stored(2) >= target);
        await("all four go on", () -> minStored(0, 1, 2, 3) >= target + 2);
        checkChain(minStored(0, 1, 2, 3));
    }

    /**
     * Validator 3 equivocates over the real sockets: besides its own (honest) core's votes, it
     * sends each other validator, every few milliseconds, a prevote and a precommit for a random
     * value at that validator's current height and round, signed with its key, through its
     * authenticated connection. The others keep committing, agree, and hold the equivocation as
     * evidence naming validator 3.
     */
    @Test
    void anEquivocatingValidatorOverTcpDoesNotStopTheOthersAndIsReported() throws Exception {
        startFour();
        await("2 heights on all four", () -> minStored(0, 1, 2, 3) >= 2);
        dev.bulwark.net.ConsensusSigner byz = new dev.bulwark.net.ConsensusSigner(3, CHAIN, keys.validatorSeeds[3]);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        long from = minStored(0, 1, 2);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        int sent = 0;
        while (minStored(0, 1, 2) < from + 8) {
            assertTrue(System.nanoTime() < deadline, "the honest three commit 8 heights under equivocation");
            for (int i = 0; i < 3; i++) {
                long h = nodes[i].query(c -> c.height());
                int r = nodes[i].query(c -> c.round());
                byte[] d = new byte[32];
                rnd.nextBytes(d);
                dev.bulwark.consensus.Value v = dev.bulwark.consensus.Value.ofDigest(d);
                nodes[3].transport().send(i, dev.bulwark.node.Frames.consensus(CHAIN,
                        byz.sign(dev.bulwark.consensus.Message.prevote(3, h, r, v))));
                nodes[3].transport().send(i, dev.bulwark.node.Frames.consensus(CHAIN,
                        byz.sign(dev.bulwark.consensus.Message.precommit(3, h, r, v))));
                sent += 2;
            }
            Thread.sleep(5);
        }
        checkChain(minStored(0, 1, 2, 3));
        int reported = 0;
        for (int i = 0; i < 3; i++) {
            for (dev.bulwark.consensus.Evidence e : nodes[i].query(c -> c.evidence())) {
                assertEquals(3, e.first().src(), "only validator 3 equivocated");
                reported++;
            }
        }
        assertTrue(reported > 0, "the equivocation is reported");
        System.out.println("real cluster under equivocation: " + sent + " conflicting votes sent, " + reported
                + " evidence pairs held by the honest three");
    }

    /**
     * State sync over TCP: the validators keep 30 blocks below each snapshot (one every 10 heights)
     * and serve snapshots in chunks of 128 bytes. Node 3 is stopped at once; when it comes back
     * from its RocksDB home the others have pruned far past its height, so it cannot fetch the
     * blocks it misses: it takes a peer's manifest, fetches the chunks over its authenticated
     * connections, checks the snapshot against the app hash that the certified block above it
     * carries, and joins. Afterwards every node holds the same blocks above the highest base and
     * node 3 commits a transaction with the others.
     */
    @Test
    void aNodeBehindItsPeersPrunedBlocksStateSyncsOverTcpInChunksAndJoins() throws Exception {
        config = i -> net.nodeConfig(i).withRetainBlocks(30).withSnapshotChunkBytes(128);
        startFour();
        await("2 heights on all four", () -> minStored(0, 1, 2, 3) >= 2);
        nodes[3].close();
        nodes[3] = null;
        long atStop = minStored(0, 1, 2);
        for (int k = 0; k < 4; k++) {
            assertNull(nodes[k % 3].submit(deposit(k, 100 + k)).get(10, TimeUnit.SECONDS), "admitted");
        }
        await("the three prune past height " + (atStop + 10), () -> {
            for (int i = 0; i < 3; i++) {
                RealNode n = nodes[i];
                if (n.query(c -> n.store().base()) <= atStop + 10) {
                    return false;
                }
            }
            return nodes[0].query(c -> c.mempoolSize()) == 0;
        });
        RealNode n3 = start(3);
        await("node 3 restores a peer's snapshot", () -> n3.query(c -> n3.store().base()) > atStop);
        long base3 = n3.query(c -> n3.store().base());
        long snapshotBytes = n3.query(c -> (long) n3.store().snapshot().length);
        assertTrue(snapshotBytes > 2 * 128, "a snapshot of several chunks: " + snapshotBytes + " bytes");
        assertEquals(0L, (long) n3.query(c -> c.syncBufferBytes()), "the download's memory is freed");
        long target = minStored(0, 1, 2);
        await("node 3 catches up to " + target, () -> stored(3) >= target);
        assertNull(n3.submit(deposit(4, 5)).get(10, TimeUnit.SECONDS), "node 3 admits a transaction");
        await("two more heights on all four, the last deposit in", () -> minStored(0, 1, 2, 3) >= target + 2
                && nodes[0].query(c -> c.mempoolSize()) == 0 && n3.query(c -> c.mempoolSize()) == 0);
        // each node's blocks read at once on its own thread (the nodes go on committing and pruning)
        List<Map<Long, byte[]>> held = new ArrayList<>();
        long from = 0;
        long upTo = Long.MAX_VALUE;
        for (RealNode n : nodes) {
            Map<Long, byte[]> blocks = n.query(c -> {
                Map<Long, byte[]> m = new HashMap<>();
                for (long h = n.store().base() + 1; h <= n.store().storedHeight(); h++) {
                    m.put(h, n.store().block(h));
                }
                return m;
            });
            held.add(blocks);
            from = Math.max(from, java.util.Collections.min(blocks.keySet()) - 1);
            upTo = Math.min(upTo, java.util.Collections.max(blocks.keySet()));
        }
        assertTrue(upTo > from, "blocks above every base: " + from + ".." + upTo);
        for (long h = from + 1; h <= upTo; h++) {
            for (int i = 1; i < 4; i++) {
                assertArrayEquals(held.get(0).get(h), held.get(i).get(h), "node " + i + " holds another block " + h);
            }
        }
        // the deposit submitted to node 3 is applied at every node (its signer's nonce)
        dev.bulwark.ledger.AccountKey k4 = TxSignatures.keyOf(accounts[4].getPublic());
        for (RealNode n : nodes) {
            long nonce = n.query(c -> {
                dev.bulwark.ledger.Ledger l = c.replica().ledger();
                return l.nonce(l.accountId(k4));
            });
            assertEquals(nonces[4], nonce, "node " + n.index() + " applied node 3's deposit");
        }
        for (RealNode n : nodes) {
            Map<TransportReason, Long> c = n.transport().counters();
            assertEquals(0L, c.get(TransportReason.BAD_SIGNATURE), "node " + n.index() + ": " + c);
        }
        System.out.println("real state sync: node 3 stopped at " + atStop + ", restored the snapshot of height " + base3
                + " (" + snapshotBytes + " bytes, " + ((snapshotBytes + 127) / 128) + " chunks over TCP), caught up to "
                + target + "; blocks " + (from + 1) + ".." + upTo + " the same on all four");
    }
}
