package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a peer can make a node do per gossip period is bounded: at most
 * {@link NodeCore#MAX_BLOCKS_PER_PEER_PER_PERIOD} blocks sent in answer to its statuses, at most
 * {@link NodeCore#MAX_TXS_PER_PEER_PER_PERIOD} transaction frames judged. Beyond either,
 * its frames are refused {@link Reason#RATE_LIMITED} (counted, the node unchanged, nothing sent),
 * and the budget is whole again in the next period. Frames are handed to node 0 directly between
 * simulator steps, so all of them fall in one period.
 */
class PeerRateLimitTest {
    static final long CHAIN = Cluster.CHAIN;

    @Test
    void statusesCannotMakeANodeSendMoreThanItsBlockBudgetPerPeriod() {
        Cluster c = new Cluster(4, 3L);
        c.bootAll();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(45), 120_000));
        NodeCore node = c.node(0);
        // peer 1 claims to have nothing, again and again: each status is answered with a window of blocks
        byte[] behind = Frames.status(CHAIN, 1, 0, 0);
        int windows = NodeCore.MAX_BLOCKS_PER_PEER_PER_PERIOD / NodeCore.MAX_BLOCKS_PER_STATUS;
        for (int k = 0; k < windows; k++) {
            int queued = c.net.queued();
            assertNull(node.onFrame(1, behind));
            assertEquals(queued + NodeCore.MAX_BLOCKS_PER_STATUS, c.net.queued(), "a window of blocks sent");
        }
        String before = node.fingerprint();
        int queued = c.net.queued();
        assertEquals(Reason.RATE_LIMITED, node.onFrame(1, behind));
        assertEquals(Reason.RATE_LIMITED, node.onFrame(1, Frames.status(CHAIN, 20, 0, 19)), "any status that asks for blocks");
        assertEquals(queued, c.net.queued(), "nothing more sent this period");
        assertEquals(before, node.fingerprint());
        assertEquals(2L, node.refusals().get(Reason.RATE_LIMITED));
        // another peer has its own budget
        queued = c.net.queued();
        assertNull(node.onFrame(2, behind));
        assertEquals(queued + NodeCore.MAX_BLOCKS_PER_STATUS, c.net.queued());
        // a status that asks for nothing is not work: used
        assertNull(node.onFrame(1, Frames.status(CHAIN, node.height(), 0, node.storedHeight())));
        // the next gossip period: whole again
        c.net.runUntil(c.net.now() + 2 * c.config.gossipPeriodMs);
        queued = c.net.queued();
        assertNull(node.onFrame(1, behind));
        assertTrue(c.net.queued() >= queued + NodeCore.MAX_BLOCKS_PER_STATUS, "blocks sent again in a new period");
    }

    @Test
    void aPeerCannotMakeANodeJudgeMoreThanItsTransactionBudgetPerPeriod() {
        Cluster c = Cluster.running(4L);
        NodeCore node = c.node(0);
        byte[] tx = Frames.tx(CHAIN, c.deposit(0, 1_000));
        assertNull(node.onFrame(1, tx), "admitted");
        for (int k = 1; k < NodeCore.MAX_TXS_PER_PEER_PER_PERIOD; k++) {
            assertEquals(Reason.DUPLICATE, node.onFrame(1, tx), "judged, and a duplicate");
        }
        byte[] fresh = Frames.tx(CHAIN, c.deposit(1, 1_000));
        String before = node.fingerprint();
        int queued = c.net.queued();
        assertEquals(Reason.RATE_LIMITED, node.onFrame(1, fresh), "a good transaction beyond the budget: not judged");
        assertEquals(Reason.RATE_LIMITED, node.onFrame(1, tx));
        assertEquals(before, node.fingerprint());
        assertEquals(queued, c.net.queued());
        assertEquals(2L, node.refusals().get(Reason.RATE_LIMITED));
        assertNull(node.onFrame(2, fresh), "another peer's budget is its own");
        c.net.runUntil(c.net.now() + 2 * c.config.gossipPeriodMs);
        assertNull(node.onFrame(1, Frames.tx(CHAIN, c.deposit(2, 1_000))), "the next period: judged again");
    }

    @Test
    void aTxsFrameCountsItsEntriesAgainstTheBudgetAndOneBeyondItIsRefusedWhole() {
        Cluster c = Cluster.running(5L);
        NodeCore node = c.node(0);
        byte[] one = c.deposit(0, 1_000);
        List<byte[]> full = new ArrayList<>();
        for (int k = 0; k < Frames.MAX_TXS_PER_FRAME; k++) {
            full.add(one);
        }
        byte[] frame = Frames.txs(CHAIN, full);
        int frames = NodeCore.MAX_TXS_PER_PEER_PER_PERIOD / Frames.MAX_TXS_PER_FRAME;
        // the first frame admits the transaction once (used) and refuses its 63 copies as duplicates
        assertNull(node.onFrame(1, frame));
        for (int k = 1; k < frames; k++) {
            assertEquals(Reason.DUPLICATE, node.onFrame(1, frame), "judged: " + k);
        }
        long duplicates = node.refusals().get(Reason.DUPLICATE);
        assertEquals((long) NodeCore.MAX_TXS_PER_PEER_PER_PERIOD - 1, duplicates, "every entry judged and counted");
        // the budget is spent: a TXS frame of one fresh transaction is not judged
        byte[] fresh = Frames.txs(CHAIN, List.of(c.deposit(1, 1_000), c.deposit(2, 1_000)));
        String before = node.fingerprint();
        assertEquals(Reason.RATE_LIMITED, node.onFrame(1, fresh));
        assertEquals(before, node.fingerprint());
        assertEquals(duplicates, node.refusals().get(Reason.DUPLICATE));
        assertNull(node.onFrame(2, fresh), "another peer's budget is its own: both entries admitted");
    }

    @Test
    void aTxsFrameThatWouldCrossTheBudgetIsRefusedWholeThoughSomeBudgetIsLeft() {
        Cluster c = Cluster.running(6L);
        NodeCore node = c.node(0);
        byte[] tx = Frames.tx(CHAIN, c.deposit(0, 1_000));
        assertNull(node.onFrame(1, tx));
        for (int k = 2; k < NodeCore.MAX_TXS_PER_PEER_PER_PERIOD; k++) {
            assertEquals(Reason.DUPLICATE, node.onFrame(1, tx));
        }
        // one transaction of budget left: a frame of two is refused, a TX frame of one is judged
        byte[] two = Frames.txs(CHAIN, List.of(c.deposit(1, 1_000), c.deposit(2, 1_000)));
        String before = node.fingerprint();
        assertEquals(Reason.RATE_LIMITED, node.onFrame(1, two));
        assertEquals(before, node.fingerprint());
        assertNull(node.onFrame(1, Frames.tx(CHAIN, c.deposit(3, 1_000))));
    }
}
