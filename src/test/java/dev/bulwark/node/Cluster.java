package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.net.ConsensusCodec;
import dev.bulwark.net.Ed25519;
import dev.bulwark.node.memory.MemoryCommitStore;
import dev.bulwark.node.memory.MemoryWal;
import dev.bulwark.node.memory.SimNetwork;
import dev.bulwark.oracle.OracleParams;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * n node cores on a {@link SimNetwork} with in-memory stores and WALs, seeded keys for
 * validators, traders and one oracle reporter; helpers to submit signed transactions, crash and
 * restart nodes, and check that every node stored the same blocks and computed the same app hash
 * at every height.
 */
final class Cluster {
    static final long CHAIN = 7;
    static final int TRADERS = 4;

    final int n;
    final SimNetwork net;
    final byte[][] seeds;
    final byte[][] pubs;
    final NodeConfig config;
    final MemoryBlockStore[] stores;
    final MemoryCommitStore[] commits;
    final MemoryWal[] wals;
    final KeyPair[] traders = new KeyPair[TRADERS + 1];
    final KeyPair reporter;
    final LedgerConfig ledger;
    private final long[] traderNonce = new long[TRADERS + 1];
    private long reporterNonce;
    /** Governance owners' keys (registry index = position; empty: a ledger without governance). */
    final KeyPair[] owners;
    private final long[] ownerNonce;

    Cluster(int n, long seed) {
        this(n, seed, 0, 0, -1);
    }

    /** With a block pruning window (NodeConfig.retainBlocks; -1: never prune). */
    Cluster(int n, long seed, long retainBlocks) {
        this(n, seed, 0, 0, retainBlocks);
    }

    /** With a block pruning window and a snapshot chunk size (NodeConfig.snapshotChunkBytes). */
    Cluster(int n, long seed, long retainBlocks, int chunkBytes) {
        this(n, seed, 0, 0, retainBlocks, chunkBytes);
    }

    /**
     * With {@code owners} > 0: the ledger is governed by that many owners (every registry key an
     * owner) with this threshold, rates within im 500..5,000, mm 250..2,500, fee 0..1,000 bps,
     * a timelock of one block end.
     */
    Cluster(int n, long seed, int owners, int threshold) {
        this(n, seed, owners, threshold, -1);
    }

    private Cluster(int n, long seed, int owners, int threshold, long retainBlocks) {
        this(n, seed, owners, threshold, retainBlocks, Frames.SNAPSHOT_CHUNK_BYTES);
    }

    private Cluster(int n, long seed, int owners, int threshold, long retainBlocks, int chunkBytes) {
        this.n = n;
        SplittableRandom rnd = new SplittableRandom(seed);
        this.net = new SimNetwork(n, seed, 1, 4);
        this.seeds = new byte[n][32];
        this.pubs = new byte[n][];
        for (int i = 0; i < n; i++) {
            rnd.nextBytes(seeds[i]);
            pubs[i] = Ed25519.signer(seeds[i]).publicKey();
        }
        AccountKey[] genesis = new AccountKey[TRADERS + 1];
        for (int i = 0; i <= TRADERS; i++) {
            byte[] s = new byte[32];
            rnd.nextBytes(s);
            traders[i] = Ed25519.keyPair(s);
            genesis[i] = TxSignatures.keyOf(traders[i].getPublic());
        }
        byte[] rs = new byte[32];
        rnd.nextBytes(rs);
        reporter = Ed25519.keyPair(rs);
        MarginParams m = new MarginParams(1_000, 100_000, 1_000_000_000L, 1_000_000_000_000L, 900, 1_100, 200, 1_000, 500,
                100, 500, 5);
        OracleParams o = new OracleParams(new long[] {1}, 3, 1, 900, 1_100, 0, 5, 0, 100, 3, 1_000_000);
        // the last genesis account is the backstop
        this.owners = new KeyPair[owners];
        this.ownerNonce = new long[owners];
        if (owners == 0) {
            this.ledger = new LedgerConfig(CHAIN, m, 1_000, o, genesis, TRADERS,
                    new AccountKey[] {TxSignatures.keyOf(reporter.getPublic())}, 64);
        } else {
            AccountKey[] gk = new AccountKey[owners];
            int[] ow = new int[owners];
            for (int k = 0; k < owners; k++) {
                byte[] s = new byte[32];
                rnd.nextBytes(s);
                this.owners[k] = Ed25519.keyPair(s);
                gk[k] = TxSignatures.keyOf(this.owners[k].getPublic());
                ow[k] = k;
            }
            try {
                dev.bulwark.governance.GovernanceParams gp = new dev.bulwark.governance.GovernanceParams(owners, owners, CHAIN,
                        1, 8, 500, 5_000, 250, 2_500, 0, 1_000, 0, m.maxNetDeposits, 1, 1_000);
                this.ledger = new LedgerConfig(CHAIN, m, 1_000, o, genesis, TRADERS,
                        new AccountKey[] {TxSignatures.keyOf(reporter.getPublic())}, 64, gp, gk, ow, threshold);
            } catch (dev.bulwark.governance.GovernanceException e) {
                throw new IllegalStateException(e);
            }
        }
        this.config = NodeConfig.local(CHAIN, 0, pubs, ledger).withRetainBlocks(retainBlocks)
                .withSnapshotChunkBytes(chunkBytes);
        this.stores = new MemoryBlockStore[n];
        this.commits = new MemoryCommitStore[n];
        this.wals = new MemoryWal[n];
        for (int i = 0; i < n; i++) {
            stores[i] = new MemoryBlockStore();
            commits[i] = new MemoryCommitStore();
            wals[i] = new MemoryWal();
        }
    }

    /** Builds node i's core from its durable state and starts it. */
    NodeCore boot(int i) {
        NodeCore c = create(i);
        net.attach(i, c);
        c.start();
        return c;
    }

    /** Node i's core from its durable state (not attached, not started). */
    NodeCore create(int i) {
        SimNetwork.Endpoint e = net.endpoint(i);
        return new NodeCore(config.forValidator(i), seeds[i], e, e, e, stores[i], commits[i], wals[i]);
    }

    void bootAll() {
        for (int i = 0; i < n; i++) {
            boot(i);
        }
    }

    NodeCore node(int i) {
        return net.node(i);
    }

    /** Node i dies: its core is dropped, the WAL loses what was not synced. */
    void crash(int i) {
        net.crash(i);
        wals[i].crash();
    }

    long minStored() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            m = Math.min(m, stores[i].storedHeight());
        }
        return m;
    }

    /** Nodes 0..k-1 have each pruned their blocks to a base of at least b. */
    boolean allPrunedAbove(int k, long b) {
        for (int i = 0; i < k; i++) {
            if (stores[i].base() < b) {
                return false;
            }
        }
        return true;
    }

    /** The lowest stored height of nodes 0..2. */
    long minStoredOf3() {
        return Math.min(stores[0].storedHeight(), Math.min(stores[1].storedHeight(), stores[2].storedHeight()));
    }

    /**
     * Four nodes of seed {@code seed} booted and run until every node has stored height 2 (the
     * cluster commits blocks): the common start of the tests that then drive one node by hand.
     */
    static Cluster running(long seed) {
        Cluster c = new Cluster(4, seed);
        c.bootAll();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(2), 60_000), "the cluster commits blocks");
        return c;
    }

    boolean allStoredAtLeast(long h) {
        return minStored() >= h;
    }

    AccountKey trader(int i) {
        return TxSignatures.keyOf(traders[i].getPublic());
    }

    byte[] deposit(int trader, long amount) {
        Transaction t = new Deposit(CHAIN, trader(trader), ++traderNonce[trader], amount);
        return TxCodec.encode(TxSignatures.sign(t, traders[trader]));
    }

    byte[] trade(int buyer, int seller, long lots, long price) {
        Transaction t = new Trade(CHAIN, trader(buyer), ++traderNonce[buyer], trader(seller), ++traderNonce[seller], lots, price);
        return TxCodec.encode(TxSignatures.sign(t, traders[buyer], traders[seller]));
    }

    AccountKey owner(int k) {
        return TxSignatures.keyOf(owners[k].getPublic());
    }

    /** The next ledger nonce of owner k's governance key (counted here, as the ledger counts it). */
    long nextOwnerNonce(int k) {
        return ++ownerNonce[k];
    }

    byte[] report(long price) {
        Transaction t = new Report(CHAIN, TxSignatures.keyOf(reporter.getPublic()), ++reporterNonce, price);
        return TxCodec.encode(TxSignatures.sign(t, reporter));
    }

    /**
     * Every node stored the same block and certificate value at every height up to the lowest
     * stored height, and replaying each node's store from genesis gives the same app hash at every
     * height (and it is the hash the node's live ledger has at its own height). Returns the
     * number of heights compared.
     */
    long checkAgreement() {
        long upTo = minStored();
        assertTrue(upTo >= 1, "no height stored");
        Map<Long, byte[]> hashes = new HashMap<>();
        ValidatorSet vs = new ValidatorSet(config.powers());
        for (int i = 0; i < n; i++) {
            Replica replay = new Replica(ledger, vs, new MemoryBlockStore());
            for (long h = 1; h <= stores[i].storedHeight(); h++) {
                byte[] b = stores[i].block(h);
                if (h <= upTo) {
                    assertArrayEquals(stores[0].block(h), b, "node " + i + " stored another block at height " + h);
                    assertTrue(BlockCodec.hash(b).consensusValue().sameAs(stores[i].certificate(h).v()));
                }
                replay.commitBlock(b, stores[i].certificate(h));
                byte[] app = replay.applyNext().appHash();
                byte[] first = hashes.putIfAbsent(h, app);
                if (first != null) {
                    assertArrayEquals(first, app, "node " + i + " has another app hash at height " + h);
                }
            }
            if (node(i) != null) {
                assertEquals(stores[i].storedHeight(), node(i).replica().height());
                assertArrayEquals(hashes.get(stores[i].storedHeight()), node(i).appHash(), "node " + i + "'s live ledger");
            }
        }
        return upTo;
    }

    /** No node ever sent two different signed messages for one (type, height, round). */
    void checkNoEquivocation() {
        for (int i = 0; i < n; i++) {
            Map<String, byte[]> bySlot = new HashMap<>();
            for (byte[] wire : net.sentConsensus(i)) {
                Message m = ConsensusCodec.decodeBody(Arrays.copyOfRange(wire, 0, ConsensusCodec.BODY_BYTES));
                if (m.src() != i) {
                    continue; // gossip relays others' messages
                }
                String key = m.type() + "/" + m.h() + "/" + m.r();
                byte[] prev = bySlot.putIfAbsent(key, wire);
                if (prev != null) {
                    assertArrayEquals(prev, wire, "validator " + i + " signed two messages for " + key);
                }
            }
        }
    }

    /** One line for the test log: virtual time, frames, heights, refusals per node. */
    String summary(String what) {
        StringBuilder b = new StringBuilder(what).append(": t=").append(net.now()).append(" ms, frames delivered ")
                .append(net.delivered()).append(", dropped ").append(net.dropped());
        for (int i = 0; i < n; i++) {
            b.append("; node ").append(i).append(" stored ").append(stores[i].storedHeight());
            if (node(i) != null) {
                b.append(" round ").append(node(i).round()).append(" refusals ").append(node(i).refusals());
            }
        }
        return b.toString();
    }
}
