package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.ValidatorState;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.net.ConsensusCodec;
import dev.bulwark.node.memory.SimNetwork;
import dev.bulwark.node.store.RocksNodeStore;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash properties of {@link CrashRecoveryTest} over the RocksDB store: four node cores on the
 * simulated network, each on its own {@link RocksNodeStore} in a temporary directory. A crash
 * drops the core and closes its database without flushing (unsynced WAL records are lost, RocksDB
 * recovers from its own log on reopen, as after a killed process); the restart reopens the
 * directory and builds a new core from what is on disk.
 */
class RocksCrashTest {
    @TempDir
    Path tmp;

    private Cluster c;
    private final RocksNodeStore[] db = new RocksNodeStore[4];

    @AfterEach
    void closeAll() {
        for (RocksNodeStore s : db) {
            if (s != null) {
                s.close();
            }
        }
    }

    private void setUp(long seed) {
        c = new Cluster(4, seed);
        for (int i = 0; i < 4; i++) {
            db[i] = RocksNodeStore.open(tmp.resolve("node" + i));
        }
    }

    private NodeCore create(int i) {
        if (db[i] == null) {
            db[i] = RocksNodeStore.open(tmp.resolve("node" + i));
        }
        SimNetwork.Endpoint e = c.net.endpoint(i);
        return new NodeCore(c.config.forValidator(i), c.seeds[i], e, e, e, db[i], db[i], db[i]);
    }

    private NodeCore boot(int i) {
        NodeCore n = create(i);
        c.net.attach(i, n);
        n.start();
        return n;
    }

    /** The process of node i died: its database is closed without a flush, its unsynced WAL records gone. */
    private void crashDisk(int i) {
        db[i].close();
        db[i] = null;
    }

    private long minStored() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            m = Math.min(m, c.node(i) == null ? 0 : db[i].storedHeight());
        }
        return m;
    }

    /** Same blocks at every height up to the lowest stored one; replaying each store gives one app hash per height. */
    private void checkAgreement() {
        long upTo = minStored();
        assertTrue(upTo >= 1);
        Map<Long, byte[]> hashes = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            Replica replay = new Replica(c.ledger, new ValidatorSet(c.config.powers()), new MemoryBlockStore());
            for (long h = 1; h <= db[i].storedHeight(); h++) {
                byte[] b = db[i].block(h);
                if (h <= upTo) {
                    assertArrayEquals(db[0].block(h), b, "node " + i + " stored another block at height " + h);
                }
                assertTrue(BlockCodec.hash(b).consensusValue().sameAs(db[i].certificate(h).v()));
                assertTrue(db[i].get(h) != null, "every stored block has its signed commit");
                replay.commitBlock(b, db[i].certificate(h));
                byte[] app = replay.applyNext().appHash();
                byte[] first = hashes.putIfAbsent(h, app);
                if (first != null) {
                    assertArrayEquals(first, app, "node " + i + " has another app hash at height " + h);
                }
            }
            assertArrayEquals(hashes.get(db[i].storedHeight()), c.node(i).appHash(), "node " + i + "'s live ledger");
        }
    }

    @Test
    void randomCrashesWithTheDatabaseClosedUnflushedNeverMakeAValidatorEquivocate() {
        setUp(314L);
        SplittableRandom rnd = new SplittableRandom(2718);
        int[] crashes = new int[1];
        int[] checked = new int[1];
        c.net.beforeSend((from, to, frame) -> {
            Message m = CrashRecoveryTest.own(from, frame);
            if (m == null) {
                return;
            }
            // read back from RocksDB, not from the store's buffer: the signed message is on disk
            assertTrue(db[from].walHoldsDurable(WalRecord.message(WalRecord.OWN, CrashRecoveryTest.wire(frame))),
                    "validator " + from + " sends a signed message that is not durable in its RocksDB WAL");
            checked[0]++;
            if (crashes[0] < 10 && c.net.crashes().size() == crashes[0] && rnd.nextInt(25) == 0) {
                crashes[0]++;
                crashDisk(from);
                throw new SimNetwork.InjectedCrash();
            }
        });
        for (int i = 0; i < 4; i++) {
            boot(i);
        }
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000)));
        while (!(minStored() >= 15 && crashes[0] >= 5) && c.net.now() < 600_000) {
            c.net.runUntil(c.net.now() + 20);
            for (int i = 0; i < 4; i++) {
                if (c.node(i) == null) {
                    boot(i);
                }
            }
        }
        assertTrue(minStored() >= 15, "progress: " + minStored());
        assertTrue(crashes[0] >= 5, "crashes: " + crashes[0]);
        assertTrue(checked[0] > 100, "signed messages checked on disk: " + checked[0]);
        checkAgreement();
        c.checkNoEquivocation();
        System.out.println("RocksDB: " + crashes[0] + " crashes, " + checked[0] + " sends checked, stored " + minStored());
    }

    @Test
    void crashBetweenWalSyncAndSendReopensIntoTheSameState() {
        setUp(5L);
        ValidatorState[] atCrash = new ValidatorState[1];
        byte[][] unsent = new byte[1][];
        c.net.beforeSend((from, to, frame) -> {
            Message m = CrashRecoveryTest.own(from, frame);
            if (from == 1 && atCrash[0] == null && m != null && m.type() == MessageType.PREVOTE && m.h() >= 3) {
                atCrash[0] = c.node(1).validatorState();
                unsent[0] = CrashRecoveryTest.wire(frame);
                crashDisk(1);
                throw new SimNetwork.InjectedCrash();
            }
        });
        for (int i = 0; i < 4; i++) {
            boot(i);
        }
        assertTrue(c.net.runUntil(() -> atCrash[0] != null, 60_000));
        NodeCore restarted = create(1);
        assertEquals(atCrash[0], restarted.validatorState(), "reopened from RocksDB into the same height, round, step, locks");
        c.net.attach(1, restarted);
        restarted.start();
        boolean resent = false;
        for (byte[] w : c.net.sentConsensus(1)) {
            resent |= Arrays.equals(w, unsent[0]);
        }
        assertTrue(resent, "it re-sends the prevote it had signed");
        long goal = atCrash[0].height() + 3;
        assertTrue(c.net.runUntil(() -> minStored() >= goal, 60_000));
        checkAgreement();
        c.checkNoEquivocation();
    }

    @Test
    void allFourClosedMidHeightReopenAndContinue() {
        setUp(8L);
        for (int i = 0; i < 4; i++) {
            boot(i);
        }
        assertTrue(c.net.runUntil(() -> minStored() >= 3, 60_000));
        c.net.runUntil(c.net.now() + 3);
        long before = minStored();
        for (int i = 0; i < 4; i++) {
            c.net.crash(i);
            crashDisk(i);
        }
        for (int i = 0; i < 4; i++) {
            boot(i);
        }
        assertTrue(c.net.runUntil(() -> minStored() >= before + 4, 120_000));
        checkAgreement();
        c.checkNoEquivocation();
    }
}
