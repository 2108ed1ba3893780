package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Value;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.net.ConsensusSigner;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State sync on the simulated network: validator 3 joins after the others committed 30+ heights;
 * a peer's status says its blocks below its snapshot are no longer served, so node 3 asks that
 * peer for its snapshot. Every bad answer is refused with its reason and changes nothing; the good
 * one restores the snapshot (checked against the app hash block h + 1's certified header carries),
 * and node 3 then applies every later certified block, agreeing with the others on the block and
 * the app hash at every height.
 */
class StateSyncTest {
    static final long CHAIN = Cluster.CHAIN;

    static void refused(NodeCore node, Reason expected, int peer, byte[] frame) {
        String before = node.fingerprint();
        long count = node.refusals().getOrDefault(expected, 0L);
        assertEquals(expected, node.onFrame(peer, frame));
        assertEquals(before, node.fingerprint(), "a refused snapshot response changed the node");
        assertEquals(count + 1, node.refusals().get(expected), "counted");
    }

    static byte[][] precommits(Cluster c, long h, Value v, int... signers) {
        byte[][] p = new byte[signers.length][];
        for (int i = 0; i < signers.length; i++) {
            p[i] = new ConsensusSigner(signers[i], CHAIN, c.seeds[signers[i]]).sign(Message.precommit(signers[i], h, 0, v));
        }
        return p;
    }

    @Test
    void aNodeJoiningAfter30HeightsRestoresACertifiedSnapshotRefusesBadOnesAndThenAgrees() {
        Cluster c = new Cluster(4, 31L);
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertNull(c.node(1).onClientTx(c.deposit(1, 2_000)));
        assertTrue(c.net.runUntil(() -> c.stores[0].snapshotHeight() >= 30 && c.stores[0].storedHeight() - 1
                > c.stores[0].snapshotHeight(), 600_000), c.summary("three validators reach 30 heights"));
        long snapH = c.stores[0].snapshotHeight();
        long stored0 = c.stores[0].storedHeight();

        NodeCore n3 = c.create(3);
        c.net.attach(3, n3);
        assertEquals(0, n3.storedHeight());
        // node 0 says it serves no block below snapH + 1 (pruned): node 3 must ask for the snapshot
        assertNull(n3.onFrame(0, Frames.status(CHAIN, stored0 + 1, 0, stored0, snapH, snapH + 1)));
        assertEquals(c.net.queued() > 0, true, "the request is on its way");
        // a second status in the same period asks nothing more (one outstanding request)
        int queued = c.net.queued();
        assertNull(n3.onFrame(1, Frames.status(CHAIN, stored0 + 1, 0, stored0, snapH, snapH + 1)));
        assertEquals(queued, c.net.queued());

        byte[] snap = c.stores[0].snapshot();
        byte[] next = c.stores[0].block(snapH + 1);
        byte[][] pcs = Frames.decodeCommit(c.commits[0].get(snapH + 1));
        byte[] good = Frames.snapshotResponse(CHAIN, snapH, snap, pcs, next);

        refused(n3, Reason.UNSOLICITED, 1, good); // asked node 0, not node 1
        byte[] tampered = snap.clone();
        tampered[tampered.length / 2] ^= 1;
        refused(n3, Reason.BAD_SNAPSHOT, 0, Frames.snapshotResponse(CHAIN, snapH, tampered, pcs, next));
        refused(n3, Reason.BAD_SNAPSHOT, 0, Frames.snapshotResponse(CHAIN, snapH, new byte[] {1, 2, 3}, pcs, next));
        refused(n3, Reason.STALE, 0, Frames.snapshotResponse(CHAIN, snapH - 1, snap, pcs, next)); // not the height asked
        // oversize: beyond the snapshot bound of the configured ledger
        long limit = Snapshot.maxBytes(c.config.ledger);
        assertTrue(limit < Frames.MAX_SNAPSHOT_BYTES);
        byte[] big = Arrays.copyOf(snap, (int) limit + 1);
        refused(n3, Reason.OVERSIZE, 0, Frames.snapshotResponse(CHAIN, snapH, big, pcs, next));
        // bad certificates: too few signers, a flipped signature, a certificate of another block
        refused(n3, Reason.BAD_CERTIFICATE, 0, Frames.snapshotResponse(CHAIN, snapH, snap, Arrays.copyOf(pcs, 2), next));
        byte[][] flipped = new byte[pcs.length][];
        for (int i = 0; i < pcs.length; i++) {
            flipped[i] = pcs[i].clone();
        }
        flipped[0][flipped[0].length - 1] ^= 1;
        refused(n3, Reason.BAD_CERTIFICATE, 0, Frames.snapshotResponse(CHAIN, snapH, snap, flipped, next));
        refused(n3, Reason.BAD_CERTIFICATE, 0, Frames.snapshotResponse(CHAIN, snapH, snap, pcs,
                c.stores[0].block(snapH + 2)));
        // app hash mismatch: block h + 1 with another header app hash, certified by a (Byzantine) quorum
        DecodedBlock d = BlockCodec.decode(next);
        List<SignedTx> txs = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            txs.add(d.signedTx(i));
        }
        byte[] wrongHash = d.prevAppHash();
        wrongHash[5] ^= 1;
        byte[] forged = BlockCodec.encode(CHAIN, snapH + 1, wrongHash, txs);
        refused(n3, Reason.BAD_SNAPSHOT, 0, Frames.snapshotResponse(CHAIN, snapH, snap,
                precommits(c, snapH + 1, BlockCodec.hash(forged).consensusValue(), 0, 1, 2), forged));
        assertEquals(0, n3.storedHeight());
        assertFalse(n3.isFollower());

        // the good answer: restored at snapH, then a second answer is unsolicited
        assertNull(n3.onFrame(0, good));
        assertEquals(snapH, n3.storedHeight());
        assertEquals(snapH, n3.replica().height());
        assertEquals(snapH, c.stores[3].base());
        assertArrayEquals(d.prevAppHash(), n3.appHash());
        refused(n3, Reason.UNSOLICITED, 0, good);

        // from here on, ordinary catch-up: block snapH + 1 onwards, each on the state its header certifies
        Map<Long, byte[]> applied = new HashMap<>();
        n3.setCommitListener((h, block, res) -> applied.put(h, res.appHash()));
        n3.start();
        long goal = c.stores[0].storedHeight() + 5;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 follows"));
        // agreement at every height above the snapshot: the same block, the same app hash
        Replica replay = new Replica(c.config.ledger, new ValidatorSet(c.config.powers()), new MemoryBlockStore());
        long upTo = Math.min(c.stores[0].storedHeight(), c.stores[3].storedHeight());
        int compared = 0;
        for (long h = 1; h <= upTo; h++) {
            replay.commitBlock(c.stores[0].block(h), c.stores[0].certificate(h));
            byte[] app = replay.applyNext().appHash();
            if (h > snapH) {
                assertArrayEquals(c.stores[0].block(h), c.stores[3].block(h), "block of height " + h);
                assertArrayEquals(app, applied.get(h), "app hash after height " + h);
                compared++;
            }
        }
        assertTrue(compared >= 5, "compared " + compared);
        assertTrue(n3.isFollower());
        System.out.println("state sync: node 3 restored height " + snapH + " (" + snap.length + " bytes, bound " + limit
                + "), then followed " + compared + " heights in agreement; refusals " + n3.refusals());
    }
}
