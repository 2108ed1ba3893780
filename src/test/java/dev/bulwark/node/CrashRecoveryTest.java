package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.ProposerSelection;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.net.ConsensusSigner;
import dev.bulwark.consensus.ValidatorState;
import dev.bulwark.net.ConsensusCodec;
import dev.bulwark.node.memory.MemoryWal;
import dev.bulwark.node.memory.SimNetwork;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Test;

/**
 * Crashes: the WAL record of every signed message is durable before the message reaches the
 * transport; a node crashed between the two restarts from its block store and WAL into the same
 * height, round and step, re-sends what it had signed, and no validator ever signs two different
 * messages for one (type, height, round), however often it crashes.
 */
class CrashRecoveryTest {
    static Message own(int from, byte[] frame) {
        if (frame.length == 0 || frame[0] != Frames.CONSENSUS) {
            return null;
        }
        Message m = ConsensusCodec.decodeBody(Arrays.copyOfRange(frame, 9, 9 + ConsensusCodec.BODY_BYTES));
        return m.src() == from ? m : null;
    }

    static byte[] wire(byte[] frame) {
        return Arrays.copyOfRange(frame, 9, frame.length);
    }

    @Test
    void everySignedMessageIsDurableInTheWalBeforeItIsSent() {
        Cluster c = new Cluster(4, 11L);
        int[] checked = new int[1];
        c.net.beforeSend((from, to, frame) -> {
            if (own(from, frame) != null) {
                assertTrue(c.wals[from].holdsDurable(WalRecord.message(WalRecord.OWN, wire(frame))),
                        "validator " + from + " sends a signed message its WAL does not hold durably");
                checked[0]++;
            }
        });
        c.bootAll();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(5), 60_000));
        assertTrue(checked[0] >= 4 * 5 * 2, "own messages checked (a prevote and a precommit per node and height at least): " + checked[0]);
    }

    /** The check above has teeth: a WAL whose sync does nothing is caught at the first send. */
    @Test
    void aNodeThatSendsBeforeTheWalIsSyncedIsCaught() {
        Cluster c = new Cluster(4, 11L);
        MemoryWal real = c.wals[2];
        ConsensusWal lazy = new ConsensusWal() {
            @Override
            public void append(long height, byte[] record) {
                real.append(height, record);
            }

            @Override
            public void sync() {
                // never syncs: the records stay volatile
            }

            @Override
            public List<byte[]> replay(long fromHeight) {
                return real.replay(fromHeight);
            }

            @Override
            public void truncateBelow(long height) {
                real.truncateBelow(height);
            }
        };
        c.net.beforeSend((from, to, frame) -> {
            if (own(from, frame) != null) {
                assertTrue(c.wals[from].holdsDurable(WalRecord.message(WalRecord.OWN, wire(frame))));
            }
        });
        for (int i = 0; i < 4; i++) {
            if (i != 2) {
                c.boot(i);
            }
        }
        SimNetwork.Endpoint e = c.net.endpoint(2);
        NodeCore bad = new NodeCore(c.config.forValidator(2), c.seeds[2], e, e, e, c.stores[2], c.commits[2], lazy);
        c.net.attach(2, bad);
        assertThrows(AssertionFailedError.class, () -> {
            bad.start();
            c.net.runUntil(() -> c.allStoredAtLeast(5), 60_000);
        });
    }

    @Test
    void crashBetweenWalSyncAndSendRestartsIntoTheSameStepAndResendsTheSameMessage() {
        Cluster c = new Cluster(4, 5L);
        ValidatorState[] atCrash = new ValidatorState[1];
        byte[][] unsent = new byte[1][];
        c.net.beforeSend((from, to, frame) -> {
            Message m = own(from, frame);
            if (from == 1 && atCrash[0] == null && m != null && m.type() == MessageType.PREVOTE && m.h() >= 3) {
                atCrash[0] = c.node(1).validatorState();
                unsent[0] = wire(frame);
                c.wals[1].crash();
                throw new SimNetwork.InjectedCrash();
            }
        });
        c.bootAll();
        assertTrue(c.net.runUntil(() -> atCrash[0] != null, 60_000), "the crash point was reached");
        assertNull(c.node(1), "node 1 is down");
        assertEquals(List.of(1), c.net.crashes());
        for (byte[] w : c.net.sentConsensus(1)) {
            assertFalse(Arrays.equals(w, unsent[0]), "the prevote never left node 1 before the crash");
        }
        assertTrue(c.wals[1].holdsDurable(WalRecord.message(WalRecord.OWN, unsent[0])), "but its WAL holds it");
        // restart from the block store and the WAL: same height, round, step, locks
        NodeCore restarted = c.create(1);
        assertEquals(atCrash[0], restarted.validatorState());
        assertEquals(MessageType.PREVOTE, ConsensusCodec.decodeBody(Arrays.copyOf(unsent[0], ConsensusCodec.BODY_BYTES)).type());
        c.net.attach(1, restarted);
        restarted.start();
        boolean resent = false;
        for (byte[] w : c.net.sentConsensus(1)) {
            resent |= Arrays.equals(w, unsent[0]);
        }
        assertTrue(resent, "the restarted node re-sends the prevote it had signed (the same bytes)");
        long goal = atCrash[0].height() + 3;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(goal), 60_000), "the chain continues with node 1");
        c.checkAgreement();
        c.checkNoEquivocation();
        System.out.println(c.summary("crash of node 1 between WAL sync and send at height " + atCrash[0].height()));
    }

    @Test
    void randomCrashesAroundSigningNeverMakeAValidatorEquivocate() {
        Cluster c = new Cluster(4, 314L);
        SplittableRandom rnd = new SplittableRandom(2718);
        int[] crashes = new int[1];
        c.net.beforeSend((from, to, frame) -> {
            // one node down at a time (liveness needs three); crash at about one send in 25
            if (crashes[0] < 12 && c.net.crashes().size() == crashes[0] && own(from, frame) != null && rnd.nextInt(25) == 0) {
                crashes[0]++;
                c.wals[from].crash();
                throw new SimNetwork.InjectedCrash();
            }
        });
        c.bootAll();
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000)));
        long deadline = 600_000;
        while (!(c.allStoredAtLeast(20) && crashes[0] >= 6) && c.net.now() < deadline) {
            c.net.runUntil(c.net.now() + 20);
            for (int i = 0; i < 4; i++) {
                if (c.node(i) == null) {
                    c.boot(i); // restart at once from its block store and WAL
                }
            }
        }
        assertTrue(c.allStoredAtLeast(20), c.summary("progress"));
        assertTrue(crashes[0] >= 6, "crashes injected: " + crashes[0]);
        c.checkAgreement();
        c.checkNoEquivocation();
        System.out.println(c.summary(crashes[0] + " random crashes around signing"));
    }

    @Test
    void allFourCrashMidHeightAndTheChainContinues() {
        Cluster c = new Cluster(4, 8L);
        c.bootAll();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(3), 60_000));
        // stop in the middle of a height: after some frames of the next one
        c.net.runUntil(c.net.now() + 3);
        long before = c.minStored();
        for (int i = 0; i < 4; i++) {
            c.crash(i);
        }
        for (int i = 0; i < 4; i++) {
            assertNotNull(c.boot(i));
        }
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(before + 4), 120_000), c.summary("after restart"));
        c.checkAgreement();
        c.checkNoEquivocation();
    }

    /**
     * The point of the WAL, shown both ways. Validator 1 crashes right after signing (and logging)
     * its prevote for the round-0 proposal of a height; a Byzantine proposer then offers it a second
     * proposal for the same round. Restarted from its WAL it is already past step propose and signs
     * nothing for that round; restarted from its block store alone (an empty WAL) it is back in step
     * propose and prevotes the second proposal: two different prevotes for one round.
     */
    @Test
    void restoredFromTheWalItRefusesToSignAConflictingPrevoteAndWithoutTheWalItWould() {
        Cluster c = new Cluster(4, 5L);
        ProposerSelection ps = new ProposerSelection(new int[] {0, 1, 2, 3});
        byte[][] first = new byte[1][];
        c.net.beforeSend((from, to, frame) -> {
            Message m = own(from, frame);
            if (from == 1 && first[0] == null && m != null && m.type() == MessageType.PREVOTE && m.h() >= 3 && m.r() == 0
                    && !m.v().isNil() && ps.proposer(m.h(), 0) != 1) {
                first[0] = wire(frame);
                c.wals[1].crash();
                throw new SimNetwork.InjectedCrash();
            }
        });
        c.bootAll();
        assertTrue(c.net.runUntil(() -> first[0] != null, 60_000));
        Message prevote = ConsensusCodec.decodeBody(Arrays.copyOf(first[0], ConsensusCodec.BODY_BYTES));
        long h = prevote.h();
        int p = ps.proposer(h, 0);
        // restored from the WAL: nothing new is signed for (h, 0)
        NodeCore restored = c.create(1);
        // the Byzantine proposer's second block (on the right state: its header carries the app hash after h - 1) and proposal
        byte[] block2 = BlockCodec.encode(Cluster.CHAIN, h, restored.appHash(), List.of(TxCodec.decode(c.deposit(3, 4_242))));
        Value v2 = BlockCodec.hash(block2).consensusValue();
        assertFalse(v2.sameAs(prevote.v()));
        byte[] proposal2 = new ConsensusSigner(p, Cluster.CHAIN, c.seeds[p]).sign(Message.proposal(p, h, 0, v2, -1));
        int sentBefore = c.net.sentConsensus(1).size();
        restored.onFrame(p, Frames.proposalBlock(Cluster.CHAIN, h, 0, block2));
        restored.onFrame(p, Frames.consensus(Cluster.CHAIN, proposal2));
        assertEquals(sentBefore, c.net.sentConsensus(1).size(), "the restored validator signs nothing for the second proposal");

        // restored without the WAL (amnesia): it prevotes the second proposal
        SimNetwork elsewhere = new SimNetwork(4, 1, 1, 0);
        SimNetwork.Endpoint e = elsewhere.endpoint(1);
        NodeCore amnesiac = new NodeCore(c.config.forValidator(1), c.seeds[1], e, e, e, c.stores[1], c.commits[1], new MemoryWal());
        amnesiac.onFrame(p, Frames.proposalBlock(Cluster.CHAIN, h, 0, block2));
        amnesiac.onFrame(p, Frames.consensus(Cluster.CHAIN, proposal2));
        boolean conflicting = false;
        for (byte[] w : elsewhere.sentConsensus(1)) {
            Message m = ConsensusCodec.decodeBody(Arrays.copyOf(w, ConsensusCodec.BODY_BYTES));
            conflicting |= m.src() == 1 && m.type() == MessageType.PREVOTE && m.h() == h && m.r() == 0 && m.v().sameAs(v2);
        }
        assertTrue(conflicting, "without its WAL the validator signs a second, conflicting prevote for (h, 0)");

        // the WAL-restored node rejoins; the chain goes on and nobody equivocated on the network
        c.net.attach(1, restored);
        restored.start();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(h + 2), 60_000), c.summary("after the rejoin"));
        c.checkAgreement();
        c.checkNoEquivocation();
    }
}
