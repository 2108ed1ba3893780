package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.ledger.Ledger;
import org.junit.jupiter.api.Test;

/** Four node cores in one deterministic simulated network (virtual time, seeded). */
class ClusterTest {
    @Test
    void fourNodesCommitSignedDepositsAndTradesAndAgreeAtEveryHeight() {
        Cluster c = new Cluster(4, 20261128L);
        c.bootAll();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(2), 60_000), "the cluster commits empty blocks");
        // deposits of every trader and a price report, submitted at different nodes
        for (int t = 0; t < Cluster.TRADERS; t++) {
            assertNull(c.node(t % 4).onClientTx(c.deposit(t, 10_000_000)));
        }
        assertNull(c.node(1).onClientTx(c.report(1_000)));
        assertTrue(c.net.runUntil(() -> allApplied(c, 0, 1), 60_000), "deposits applied everywhere");
        // trades: 0 buys from 1, 2 buys from 3, twice each (nonces in order)
        assertNull(c.node(2).onClientTx(c.trade(0, 1, 5, 1_000)));
        assertNull(c.node(3).onClientTx(c.trade(2, 3, 7, 1_001)));
        assertNull(c.node(0).onClientTx(c.trade(0, 1, 2, 999)));
        assertNull(c.node(1).onClientTx(c.report(1_002)));
        assertTrue(c.net.runUntil(() -> allApplied(c, 0, 3), 60_000), "trades applied everywhere");
        long target = c.minStored() + 5;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(target), 120_000));
        long heights = c.checkAgreement();
        assertTrue(heights >= 7, "heights compared: " + heights);
        for (int i = 0; i < 4; i++) {
            Ledger l = c.node(i).replica().ledger();
            assertEquals(7, l.position(l.accountId(c.trader(0))), "node " + i + ": trader 0 bought 5 + 2 lots");
            assertEquals(-7, l.position(l.accountId(c.trader(1))));
            assertEquals(7, l.position(l.accountId(c.trader(2))));
            assertEquals(-7, l.position(l.accountId(c.trader(3))));
            assertEquals(0, c.node(i).mempoolSize(), "committed transactions leave the mempool");
            long stored = c.stores[i].storedHeight();
            assertEquals(c.wals[i].replay(stored).size(), c.wals[i].replay(0).size(),
                    "the WAL holds nothing below the last committed height");
            assertTrue(c.wals[i].durableCount() < 40, "WAL records: " + c.wals[i].durableCount());
        }
        c.checkNoEquivocation();
        System.out.println(c.summary("four nodes, " + heights + " heights compared"));
    }

    /** Has every node applied trader t's nonce n? */
    static boolean allApplied(Cluster c, int t, long nonce) {
        for (int i = 0; i < c.n; i++) {
            Ledger l = c.node(i).replica().ledger();
            int a = l.accountId(c.trader(t));
            if (a < 0 || l.nonce(a) < nonce) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aPartitionedNodeCatchesUpAfterTheHeal() {
        Cluster c = Cluster.running(7L);
        c.net.isolate(3, true);
        long cut = c.stores[3].storedHeight();
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.stores[0].storedHeight() >= cut + 6 && c.stores[1].storedHeight() >= cut + 6
                && c.stores[2].storedHeight() >= cut + 6, 120_000), "three of four keep committing");
        assertTrue(c.stores[3].storedHeight() <= cut + 1, "the isolated node is behind: " + c.stores[3].storedHeight());
        c.net.isolate(3, false);
        long goal = c.stores[0].storedHeight() + 2;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(goal), 120_000), "node 3 caught up");
        c.checkAgreement();
        c.checkNoEquivocation();
        assertTrue(allApplied(c, 0, 1));
        System.out.println(c.summary("partition of node 3 from height " + cut + " healed"));
    }

    @Test
    void lossyNetworkStillCommits() {
        Cluster c = new Cluster(4, 99L);
        c.net.dropRate(0.2);
        c.bootAll();
        assertNull(c.node(0).onClientTx(c.deposit(1, 5_000)));
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(6), 300_000), "gossip makes up for 20% loss");
        c.checkAgreement();
        c.checkNoEquivocation();
        System.out.println(c.summary("20% loss"));
    }

    @Test
    void aValidatorThatNeverStartsCostsRoundsNotTheChain() {
        Cluster c = new Cluster(4, 12L);
        for (int i = 0; i < 4; i++) {
            if (i != 1) {
                c.boot(i);
            }
        }
        assertTrue(c.net.runUntil(() -> c.stores[0].storedHeight() >= 8 && c.stores[2].storedHeight() >= 8
                && c.stores[3].storedHeight() >= 8, 600_000), c.summary("three of four"));
        int laterRounds = 0;
        for (long h = 1; h <= 8; h++) {
            laterRounds += c.stores[0].certificate(h).r() > 0 ? 1 : 0;
        }
        assertTrue(laterRounds >= 1, "the heights validator 1 should have proposed were decided in a later round");
        // timeouts grow with the round (CometBFT style)
        NodeConfig.Timeouts t = c.config.timeouts;
        assertEquals(200, t.delayMs(TimerKind.PROPOSE, 0));
        assertEquals(400, t.delayMs(TimerKind.PROPOSE, 2));
        assertEquals(150, t.delayMs(TimerKind.PRECOMMIT, 1));
        assertEquals(3_600_000L, t.delayMs(TimerKind.PREVOTE, Integer.MAX_VALUE));
        // the late validator starts from nothing and catches up
        c.boot(1);
        long goal = c.stores[0].storedHeight() + 2;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(goal), 600_000), c.summary("late start"));
        c.checkAgreement();
        c.checkNoEquivocation();
        System.out.println(c.summary("validator 1 absent for 8 heights (" + laterRounds + " decided after round 0), then started"));
    }

    /**
     * Validator 3 equivocates: besides what its honest core sends, every few milliseconds each
     * other validator receives from it a prevote and a precommit for a value of its own (different
     * per receiver) at the receiver's height and round. The three others keep committing, agree,
     * and report the equivocation as evidence.
     */
    @Test
    void anEquivocatingValidatorDoesNotStopTheOthersAndIsReported() {
        Cluster c = new Cluster(4, 31L);
        c.bootAll();
        dev.bulwark.net.ConsensusSigner byz = new dev.bulwark.net.ConsensusSigner(3, Cluster.CHAIN, c.seeds[3]);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        long end = 400;
        while (c.net.now() < end) {
            c.net.runUntil(c.net.now() + 3);
            for (int i = 0; i < 3; i++) {
                NodeCore n = c.node(i);
                byte[] d = new byte[32];
                rnd.nextBytes(d);
                dev.bulwark.consensus.Value v = dev.bulwark.consensus.Value.ofDigest(d);
                n.onFrame(3, Frames.consensus(Cluster.CHAIN, byz.sign(dev.bulwark.consensus.Message.prevote(3, n.height(),
                        n.round(), v))));
                n.onFrame(3, Frames.consensus(Cluster.CHAIN, byz.sign(dev.bulwark.consensus.Message.precommit(3, n.height(),
                        n.round(), v))));
            }
        }
        assertTrue(c.minStored() >= 8, c.summary("under equivocation"));
        c.checkAgreement();
        c.checkNoEquivocation();
        int reported = 0;
        for (int i = 0; i < 3; i++) {
            for (dev.bulwark.consensus.Evidence e : c.node(i).evidence()) {
                assertEquals(3, e.first().src(), "only validator 3 equivocated");
                reported++;
            }
        }
        assertTrue(reported > 0, "the equivocation is reported");
        System.out.println(c.summary("validator 3 equivocating, " + reported + " evidence pairs held"));
    }

    /** The same seed and the same inputs give the same run: same blocks, same timing, same frame counts. */
    @Test
    void theSameSeedGivesTheSameRun() {
        String[] runs = new String[2];
        for (int k = 0; k < 2; k++) {
            Cluster c = new Cluster(4, 2026L);
            c.net.dropRate(0.1);
            c.bootAll();
            assertNull(c.node(2).onClientTx(c.deposit(0, 500)));
            c.net.runUntil(300);
            StringBuilder b = new StringBuilder(c.summary("run"));
            for (long h = 1; h <= c.minStored(); h++) {
                b.append(java.util.Arrays.hashCode(c.stores[0].block(h))).append(',');
            }
            runs[k] = b.toString();
        }
        assertEquals(runs[0], runs[1]);
        assertTrue(runs[0].contains("stored"), runs[0]);
    }
}
