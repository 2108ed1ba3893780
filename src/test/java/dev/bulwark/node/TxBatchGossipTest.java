package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.TxCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client request's transactions reach the core as one batch ({@link NodeCore#onClientTxs}):
 * each is admitted or refused on its own, and the admitted ones are gossiped to every peer in
 * TXS frames of at most {@link Frames#MAX_TXS_PER_FRAME} -- one frame per peer per 64, not one per
 * transaction -- and every node applies them.
 */
class TxBatchGossipTest {
    static final long CHAIN = Cluster.CHAIN;

    @Test
    void aClientBatchIsAnsweredPerTransactionGossipedInOneFramePerPeerAndAppliedEverywhere() {
        Cluster c = Cluster.running(91L);
        NodeCore node = c.node(1);
        byte[] d0 = c.deposit(0, 500);
        byte[] d1 = c.deposit(1, 700);
        SignedTx s = TxCodec.decode(c.deposit(2, 5));
        byte[] sig = s.signature(0);
        sig[3] ^= 1;
        byte[] bad = TxCodec.encode(new SignedTx(s.tx(), sig));
        int queued = c.net.queued();
        Reason[] r = node.onClientTxs(List.of(d0, bad, d1), null);
        assertArrayEquals(new Reason[] {null, Reason.BAD_SIGNATURE, null}, r);
        assertEquals(queued + 3, c.net.queued(), "one TXS frame to each of the three peers");
        assertTrue(node.mempoolHas(Mempool.hash(d0)) && node.mempoolHas(Mempool.hash(d1)));
        assertTrue(c.net.runUntil(() -> ClusterTest.allApplied(c, 0, 1) && ClusterTest.allApplied(c, 1, 1), 60_000),
                "both admitted deposits applied at every node");
    }

    @Test
    void aBatchAboveOneFrameIsGossipedInFramesOfAtMostSixtyFour() {
        Cluster c = Cluster.running(92L);
        List<byte[]> txs = new ArrayList<>();
        for (int k = 0; k < Frames.MAX_TXS_PER_FRAME + 1; k++) {
            txs.add(c.deposit(k % 3, 1)); // three traders: nonces 1..22 each, within the nonce window
        }
        int queued = c.net.queued();
        Reason[] r = c.node(2).onClientTxs(txs, null);
        for (Reason x : r) {
            assertEquals(null, x);
        }
        assertEquals(queued + 3 * 2, c.net.queued(), "65 transactions: a TXS frame of 64 and a TX frame, to each peer");
        long last = (Frames.MAX_TXS_PER_FRAME + 1) / 3; // trader 2's 21 deposits, trader 0's and 1's 22
        assertTrue(c.net.runUntil(() -> ClusterTest.allApplied(c, 0, last + 1) && ClusterTest.allApplied(c, 2, last), 60_000));
    }
}
