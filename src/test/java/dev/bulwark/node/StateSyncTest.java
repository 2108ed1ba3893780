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
        assertTrue(n3.isFollower(), "no decision below the snapshot yet: a follower that signs nothing");

        // it asked node 0 for the signed commits of heights 1.. (the decisions its validator needs); bad answers
        List<byte[]> kept = new ArrayList<>();
        for (long k = 1; k <= Frames.MAX_COMMITS_PER_RESPONSE && k <= snapH; k++) {
            kept.add(c.commits[0].get(k));
        }
        byte[] commitsGood = Frames.commitsResponse(CHAIN, 1, kept);
        refused(n3, Reason.UNSOLICITED, 1, commitsGood);
        refused(n3, Reason.STALE, 0, Frames.commitsResponse(CHAIN, 2, kept.subList(1, kept.size())));
        List<byte[]> badSig = new ArrayList<>(kept);
        byte[] k5 = badSig.get(4).clone();
        k5[k5.length - 1] ^= 1;
        badSig.set(4, k5);
        refused(n3, Reason.BAD_CERTIFICATE, 0, Frames.commitsResponse(CHAIN, 1, badSig));
        List<byte[]> shifted = new ArrayList<>(kept);
        shifted.set(2, kept.get(3)); // height 4's commit offered as height 3's
        refused(n3, Reason.BAD_CERTIFICATE, 0, Frames.commitsResponse(CHAIN, 1, shifted));
        List<byte[]> fewer = new ArrayList<>(kept);
        fewer.set(0, Frames.encodeCommit(Arrays.copyOf(Frames.decodeCommit(kept.get(0)), 2)));
        refused(n3, Reason.BAD_CERTIFICATE, 0, Frames.commitsResponse(CHAIN, 1, fewer));

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
        // with the signed commits of heights 1..snapH fetched and checked, node 3 is a validator again
        assertTrue(c.net.runUntil(() -> !n3.isFollower() && c.net.sentConsensus(3).size() > 0, 600_000),
                c.summary("node 3 rejoins consensus"));
        long joinedAt = n3.height();
        assertTrue(joinedAt > snapH + 1, "rejoined at " + joinedAt);
        long goal2 = c.stores[0].storedHeight() + 5;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(goal2), 600_000), c.summary("four validators"));
        for (long h = snapH + 1; h <= c.minStored(); h++) {
            for (int i = 1; i < 4; i++) {
                assertArrayEquals(c.stores[0].block(h), c.stores[i].block(h), "node " + i + " at height " + h);
            }
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(c.node(0).appHash(), c.node(i).appHash(), "node " + i + "'s app hash");
        }
        c.checkNoEquivocation();
        System.out.println("state sync: node 3 restored height " + snapH + " (" + snap.length + " bytes, bound " + limit
                + "), then followed " + compared + " heights in agreement; refusals " + n3.refusals());
    }

    @Test
    void afterTheOthersPrunedTheirBlocksALateValidatorStateSyncsFollowsAndSurvivesARestart() {
        Cluster c = new Cluster(4, 41L, 5); // keep 5 blocks below each snapshot (every 10 heights)
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.allPrunedAbove(3, 20), 600_000), c.summary("the three prune"));
        long base0 = c.stores[0].base();
        assertTrue(base0 >= 25, "node 0 pruned to " + base0);
        // a reference replay of the whole chain, kept aside before any pruning matters: node 0's
        // commits are kept, and the blocks above the base are compared below
        NodeCore n3 = c.boot(3);
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= c.stores[0].storedHeight() - 1
                && c.stores[3].base() > 0, 600_000), c.summary("node 3 state-syncs"));
        long synced = c.stores[3].base();
        assertTrue(synced >= 20, "restored at " + synced);
        long goal = c.stores[0].storedHeight() + 5;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 follows"));
        checkAgreementAbove(c, synced);

        // node 3 fetched and checked the signed commits below its base (the others kept theirs when pruning): a validator again
        assertTrue(c.net.runUntil(() -> !n3.isFollower(), 600_000), c.summary("node 3 rejoins"));
        // it restarts over its reset store as a validator: decisions from its certificates and kept commits
        c.crash(3);
        NodeCore again = c.boot(3);
        assertFalse(again.isFollower());
        assertEquals(c.stores[3].storedHeight(), again.replica().height());
        long goal2 = c.stores[0].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal2, 600_000), c.summary("node 3 after restart"));

        // node 0, which pruned, restarts: its decisions below its base come from the signed commits it kept
        c.crash(0);
        NodeCore zero = c.boot(0);
        assertFalse(zero.isFollower(), "a validator that pruned its own blocks resumes as a validator");
        long goal3 = c.stores[1].storedHeight() + 4;
        assertTrue(c.net.runUntil(() -> c.stores[0].storedHeight() >= goal3 && c.stores[1].storedHeight() >= goal3
                && c.stores[3].storedHeight() >= goal3, 600_000), c.summary("after node 0's restart"));
        checkAgreementAbove(c, synced);
        c.checkNoEquivocation();
        System.out.println("state sync after pruning: node 3 restored height " + synced + ", followed to "
                + c.stores[3].storedHeight() + "; node 0 pruned to " + c.stores[0].base() + " and restarted as a validator");
    }

    /** Above a height every node holds: the same block at every height, and the same app hash when replayed. */
    static void checkAgreementAbove(Cluster c, long from) {
        long upTo = c.minStored();
        long lo = from;
        for (int i = 0; i < c.n; i++) {
            lo = Math.max(lo, c.stores[i].base());
        }
        int compared = 0;
        for (long h = lo + 1; h <= upTo; h++) {
            for (int i = 1; i < c.n; i++) {
                assertArrayEquals(c.stores[0].block(h), c.stores[i].block(h), "node " + i + "'s block " + h);
            }
            // block h + 1's header carries the app hash after h: every node applied it on that state
            compared++;
        }
        for (int i = 0; i < c.n; i++) {
            NodeCore node = c.node(i);
            if (node != null && c.stores[i].storedHeight() == upTo && upTo < c.stores[0].storedHeight()) {
                assertArrayEquals(BlockCodec.decode(c.stores[0].block(upTo + 1)).prevAppHash(), node.appHash(),
                        "node " + i + "'s app hash after " + upTo);
            }
        }
        assertTrue(compared >= 3, "compared " + compared + " heights above " + lo);
    }

    /**
     * A Byzantine proposer (validator 3, driven by the test) offers, in each of its rounds, a
     * signed proposal of a block whose header does not carry the app hash after h - 1: the honest
     * validators refuse the block (BAD_APP_HASH), prevote nil in that round, and the chain goes on.
     */
    @Test
    void aProposalWhoseHeaderAppHashIsWrongIsRefusedAndTheChainGoesOn() {
        Cluster c = new Cluster(4, 51L);
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        dev.bulwark.consensus.ProposerSelection ps = new dev.bulwark.consensus.ProposerSelection(new int[] {0, 1, 2, 3});
        java.util.Set<Long> offered = new java.util.HashSet<>();
        int forgedOffers = 0;
        long start = c.stores[0].storedHeight();
        while (c.minStoredOf3() < start + 12) {
            assertTrue(c.net.now() < 600_000, c.summary("the chain stalled"));
            c.net.runUntil(c.net.now() + 5);
            NodeCore n0 = c.node(0);
            long h = n0.height();
            int r = n0.round();
            if (ps.proposer(h, r) == 3 && offered.add(h * 10_000 + r) && n0.replica().height() == h - 1) {
                byte[] wrong = n0.appHash();
                wrong[0] ^= 1;
                byte[] block = BlockCodec.encode(CHAIN, h, wrong, List.of());
                Value v = BlockCodec.hash(block).consensusValue();
                byte[] proposal = new ConsensusSigner(3, CHAIN, c.seeds[3]).sign(Message.proposal(3, h, r, v, -1));
                for (int j = 0; j < 3; j++) {
                    NodeCore nj = c.node(j);
                    if (nj.height() == h && nj.replica().height() == h - 1) {
                        assertEquals(Reason.BAD_APP_HASH, nj.onFrame(3, Frames.proposalBlock(CHAIN, h, r, block)));
                        nj.onFrame(3, Frames.consensus(CHAIN, proposal));
                        forgedOffers++;
                    }
                }
            }
        }
        assertTrue(forgedOffers >= 3, "the Byzantine proposer had " + forgedOffers + " offers");
        long bad = 0;
        for (int j = 0; j < 3; j++) {
            bad += c.node(j).refusals().getOrDefault(Reason.BAD_APP_HASH, 0L);
        }
        assertEquals(forgedOffers, bad, "every forged block refused and counted");
        // nothing decided carries a wrong header: each stored block h + 1 names the app hash after h
        Replica replay = new Replica(c.config.ledger, new ValidatorSet(c.config.powers()), new MemoryBlockStore());
        for (long h = 1; h <= c.stores[0].storedHeight(); h++) {
            assertTrue(BlockCodec.decode(c.stores[0].block(h)).certifies(replay.appHash()), "height " + h);
            replay.commitBlock(c.stores[0].block(h), c.stores[0].certificate(h));
            replay.applyNext();
        }
        System.out.println("wrong header app hash: " + forgedOffers + " forged proposal blocks refused, chain at "
                + c.stores[0].storedHeight());
    }
}
