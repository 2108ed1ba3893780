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
import dev.bulwark.net.ConsensusCodec;
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
    /** The snapshot chunk size of these tests' clusters: small, so that a test ledger's snapshot needs several chunks. */
    static final int CHUNK = 96;

    /** A manifest of a snapshot in chunks of chunkBytes, as a server builds it. */
    static byte[] manifest(long h, byte[] snap, int chunkBytes, byte[][] pcs, byte[] next) {
        return Frames.snapshotManifest(CHAIN, h, snap.length, chunkBytes, Frames.chunkDigests(snap, chunkBytes), pcs, next);
    }

    /** Records the chunk requests node {@code from} sends on a simulated network: {peer asked, index}. */
    static List<int[]> recordChunkAsks(dev.bulwark.node.memory.SimNetwork net, int from) {
        List<int[]> asks = new ArrayList<>();
        net.beforeSend((f, to, frame) -> {
            if (f == from && frame.length == Frames.CHUNK_REQUEST_FRAME && frame[0] == Frames.CHUNK_REQUEST) {
                asks.add(new int[] {to, java.nio.ByteBuffer.wrap(frame).getInt(17)});
            }
        });
        return asks;
    }

    /**
     * Answers the node's recorded chunk requests, each as the peer asked, from {@code snap}, until
     * none is left: every chunk but the last must be used; returns the last one's answer (null:
     * used, which completes the sync).
     */
    static Reason feedChunks(NodeCore node, List<int[]> asks, long h, byte[] snap, int chunkBytes) {
        Reason last = null;
        int fed = 0;
        while (!asks.isEmpty()) {
            assertNull(last, "chunk refused before the last one");
            int[] a = asks.remove(0);
            int from = a[1] * chunkBytes;
            last = node.onFrame(a[0], Frames.chunkResponse(CHAIN, h, a[1], snap, from, Math.min(snap.length, from + chunkBytes)));
            fed++;
        }
        assertEquals(Frames.chunkCount(snap.length, chunkBytes), fed, "every chunk asked once");
        return last;
    }

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

    /** The validators whose precommit is in the stored certificate of height h (node i's store). */
    static boolean[] signersOf(Cluster c, int i, long h) {
        boolean[] out = new boolean[c.n];
        for (Message m : c.stores[i].certificate(h).precommits()) {
            out[m.src()] = true;
        }
        return out;
    }

    /**
     * With validator 2 stopped, the other three (node 3 the state-synced one) decide {@code more}
     * heights after the one in progress: with four equal powers a quorum needs three, so every one of them needs node 3's
     * precommit, which each stored certificate shows. Returns the first height decided without 2.
     */
    static long decidesOnlyWithNode3(Cluster c, int more) {
        c.crash(2);
        // the height in progress may still get node 2's precommit (sent before it stopped): from the next one on
        long from = 0;
        for (int i = 0; i < c.n; i++) {
            from = Math.max(from, c.stores[i].storedHeight() + 2);
        }
        long goal = from + more - 1;
        assertTrue(c.net.runUntil(() -> c.stores[0].storedHeight() >= goal && c.stores[1].storedHeight() >= goal
                && c.stores[3].storedHeight() >= goal, 600_000), c.summary("0, 1 and the joined 3 decide without 2"));
        for (long h = from; h <= goal; h++) {
            boolean[] s = signersOf(c, 0, h);
            assertTrue(s[3], "height " + h + " decided without node 3's precommit");
            assertFalse(s[2], "height " + h + " has a precommit of the stopped node 2");
        }
        return from;
    }

    @Test
    void aNodeJoiningAfter30HeightsRestoresACertifiedSnapshotRefusesBadOnesAndJoinsConsensusAtOnce() {
        Cluster c = new Cluster(4, 31L, -1L, CHUNK);
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
        byte[] good = manifest(snapH, snap, CHUNK, pcs, next);
        assertTrue(Frames.chunkCount(snap.length, CHUNK) >= 4, "several chunks: " + snap.length + " bytes");

        // the manifest is checked before anything is allocated: each refusal leaves the node as it was
        refused(n3, Reason.UNSOLICITED, 1, good); // asked node 0, not node 1
        refused(n3, Reason.STALE, 0, manifest(snapH - 1, snap, CHUNK, pcs, next)); // not the height asked
        // oversize: beyond the snapshot bound of the configured ledger
        long limit = Snapshot.maxBytes(c.config.ledger);
        assertTrue(limit < Frames.MAX_SNAPSHOT_BYTES);
        byte[] big = Arrays.copyOf(snap, (int) limit + 1);
        refused(n3, Reason.OVERSIZE, 0, manifest(snapH, big, CHUNK, pcs, next));
        assertEquals(0, n3.syncBufferBytes(), "nothing allocated for an oversize manifest");
        // bad certificates: too few signers, a flipped signature, a certificate of another block
        refused(n3, Reason.BAD_CERTIFICATE, 0, manifest(snapH, snap, CHUNK, Arrays.copyOf(pcs, 2), next));
        byte[][] flipped = new byte[pcs.length][];
        for (int i = 0; i < pcs.length; i++) {
            flipped[i] = pcs[i].clone();
        }
        flipped[0][flipped[0].length - 1] ^= 1;
        refused(n3, Reason.BAD_CERTIFICATE, 0, manifest(snapH, snap, CHUNK, flipped, next));
        refused(n3, Reason.BAD_CERTIFICATE, 0, manifest(snapH, snap, CHUNK, pcs, c.stores[0].block(snapH + 2)));
        // a quorum of valid signatures on block h + 1, but in a round beyond the configured last one:
        // a certificate the consensus core refuses to join with (atBaseRefusal: INVALID_CERTIFICATE)
        Value nextV = BlockCodec.hash(next).consensusValue();
        int lateRound = c.config.maxRound + 1;
        byte[][] late = new byte[3][];
        for (int i = 0; i < 3; i++) {
            late[i] = new ConsensusSigner(i, CHAIN, c.seeds[i]).sign(Message.precommit(i, snapH + 1, lateRound, nextV));
        }
        refused(n3, Reason.BAD_CERTIFICATE, 0, manifest(snapH, snap, CHUNK, late, next));
        assertEquals(0, n3.syncBufferBytes());
        // (a snapshot whose app hash is not the certified one is refused at the end of its download:
        // ChunkedStateSyncTest)
        // the retired single-frame SNAPSHOT_RESPONSE (type 7) is an unknown type now
        byte[] retired = Frames.snapshotRequest(CHAIN, 1);
        retired[0] = 7;
        refused(n3, Reason.MALFORMED, 0, retired);
        // the retired COMMITS frames (types 8 and 9) are unknown types now
        retired[0] = 8;
        refused(n3, Reason.MALFORMED, 0, retired);
        retired[0] = 9;
        refused(n3, Reason.MALFORMED, 0, retired);
        assertEquals(0, n3.storedHeight());

        // the good manifest: a buffer of the declared length, chunk requests; the chunks, each as asked:
        // snapshot h restored, block h + 1 stored with its certificate and applied,
        // and the validator placed at h + 2 at once (its decision window empty, based there)
        List<int[]> asks = recordChunkAsks(c.net, 3);
        assertNull(n3.onFrame(0, good));
        assertEquals(snap.length, n3.syncBufferBytes());
        assertTrue(asks.size() > 1, "several chunks asked at once");
        assertNull(feedChunks(n3, asks, snapH, snap, CHUNK));
        assertEquals(0, n3.syncBufferBytes(), "the download's memory is freed");
        c.net.beforeSend(null);
        assertEquals(snapH + 1, n3.storedHeight());
        assertEquals(snapH + 1, n3.replica().height());
        assertEquals(snapH, c.stores[3].base());
        assertArrayEquals(BlockCodec.decode(c.stores[0].block(snapH + 2)).prevAppHash(), n3.appHash(),
                "the app hash after h + 1 (block h + 2's header)");
        assertEquals(snapH + 2, n3.height());
        assertEquals(snapH + 2, n3.validatorState().base());
        assertEquals(0, n3.validatorState().decisionCount());
        refused(n3, Reason.UNSOLICITED, 0, good);

        // started: it signs at once (no follower phase, nothing below its base fetched)
        assertFalse(n3.validatorStarted(), "the node is not started yet");
        n3.start();
        assertTrue(n3.validatorStarted());
        assertTrue(c.net.runUntil(() -> ownMessages(c, 3) > 0, c.net.now() + 2_000), c.summary("node 3 signs"));
        // a crash right after the sync: restored from its WAL over the reset store (base snapH), at the
        // height, round and step it had reached, its window the certified decision of snapH + 1
        dev.bulwark.consensus.ValidatorState before = n3.validatorState();
        c.crash(3);
        NodeCore again = c.create(3);
        dev.bulwark.consensus.ValidatorState after = again.validatorState();
        assertEquals(before.height(), after.height());
        assertEquals(before.round(), after.round());
        assertEquals(before.step(), after.step());
        assertEquals(snapH + 1, after.base());
        assertTrue(after.decision(snapH + 1).sameAs(nextV));
        Map<Long, byte[]> applied = new HashMap<>();
        again.setCommitListener((h, block, res) -> applied.put(h, res.appHash()));
        c.net.attach(3, again);
        again.start();
        long goal = c.stores[0].storedHeight() + 5;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 catches up"));
        // agreement at every height above the snapshot: the same block, the same app hash
        Replica replay = new Replica(c.config.ledger, new ValidatorSet(c.config.powers()), new MemoryBlockStore());
        long upTo = Math.min(c.stores[0].storedHeight(), c.stores[3].storedHeight());
        int compared = 0;
        for (long h = 1; h <= upTo; h++) {
            replay.commitBlock(c.stores[0].block(h), c.stores[0].certificate(h));
            byte[] app = replay.applyNext().appHash();
            if (h > snapH + 1) {
                assertArrayEquals(c.stores[0].block(h), c.stores[3].block(h), "block of height " + h);
                assertArrayEquals(app, applied.get(h), "app hash after height " + h);
                compared++;
            }
        }
        assertTrue(compared >= 5, "compared " + compared);

        // node 3 takes part in consensus: with node 2 stopped, nothing is decided without its votes
        long without2 = decidesOnlyWithNode3(c, 4);
        for (long h = snapH + 1; h <= c.stores[3].storedHeight() && h <= c.stores[0].storedHeight(); h++) {
            assertArrayEquals(c.stores[0].block(h), c.stores[3].block(h), "node 3 at height " + h);
        }
        assertArrayEquals(c.node(0).appHash(), c.node(3).appHash(), "node 3's app hash");
        c.checkNoEquivocation();
        System.out.println("state sync: node 3 restored height " + snapH + " (" + snap.length + " bytes, bound " + limit
                + "), joined at " + (snapH + 2) + ", caught up " + compared + " heights in agreement, and with node 2 "
                + "stopped the chain decided heights " + without2 + ".." + c.stores[0].storedHeight()
                + " with its votes; refusals " + n3.refusals() + " before the restart, " + c.node(3).refusals() + " after");
    }

    /** The consensus messages validator i signed itself, over all its incarnations. */
    static int ownMessages(Cluster c, int i) {
        int k = 0;
        for (byte[] wire : c.net.sentConsensus(i)) {
            if (ConsensusCodec.decodeBody(Arrays.copyOfRange(wire, 0, ConsensusCodec.BODY_BYTES)).src() == i) {
                k++;
            }
        }
        return k;
    }

    /**
     * A validator whose WAL holds a message it signed at the height it would join at must not
     * join there: the snapshot is refused (SIGNED_ABOVE), the node unchanged; the same answer is
     * taken by a node whose WAL holds its own message one height lower (certified by block h + 1).
     */
    @Test
    void aStateSyncIsRefusedWhenTheWalHoldsAnOwnMessageAtTheJoinHeight() {
        Cluster c = new Cluster(4, 33L, -1L, CHUNK);
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        assertTrue(c.net.runUntil(() -> c.stores[0].snapshotHeight() >= 10 && c.stores[0].storedHeight() - 1
                > c.stores[0].snapshotHeight(), 600_000), c.summary("three validators reach 10 heights"));
        long snapH = c.stores[0].snapshotHeight();
        long stored0 = c.stores[0].storedHeight();
        byte[] snap = c.stores[0].snapshot();
        byte[] good = manifest(snapH, snap, CHUNK, Frames.decodeCommit(c.commits[0].get(snapH + 1)),
                c.stores[0].block(snapH + 1));
        for (long signedAt : new long[] {snapH + 2, snapH + 1}) {
            // an isolated node 3 (its own simulated network: what it sends goes nowhere, its chunk requests are recorded)
            dev.bulwark.node.memory.SimNetwork net = new dev.bulwark.node.memory.SimNetwork(4, 1, 1, 0);
            List<int[]> asks = recordChunkAsks(net, 3);
            dev.bulwark.node.memory.SimNetwork.Endpoint e = net.endpoint(3);
            dev.bulwark.node.memory.MemoryWal wal = new dev.bulwark.node.memory.MemoryWal();
            NodeCore n3 = new NodeCore(c.config.forValidator(3), c.seeds[3], e, e, e, new MemoryBlockStore(),
                    new dev.bulwark.node.memory.MemoryCommitStore(), wal);
            // its WAL (from an earlier life) holds its own prevote at signedAt
            byte[] own = new ConsensusSigner(3, CHAIN, c.seeds[3]).sign(Message.prevote(3, signedAt, 0, Value.NIL));
            wal.append(signedAt, WalRecord.message(WalRecord.OWN, own));
            wal.sync();
            assertNull(n3.onFrame(0, Frames.status(CHAIN, stored0 + 1, 0, stored0, snapH, snapH + 1)));
            dev.bulwark.consensus.ValidatorState before = n3.validatorState();
            assertNull(n3.onFrame(0, good));
            if (signedAt == snapH + 2) {
                // the join is refused when the reassembled snapshot is checked: the sync ends, nothing else changes
                long count = n3.refusals().getOrDefault(Reason.SIGNED_ABOVE, 0L);
                assertEquals(Reason.SIGNED_ABOVE, feedChunks(n3, asks, snapH, snap, CHUNK));
                assertEquals(count + 1, n3.refusals().get(Reason.SIGNED_ABOVE));
                assertEquals(0, n3.storedHeight());
                assertEquals(before.toString(), n3.validatorState().toString());
                assertEquals(0, n3.syncBufferBytes());
            } else {
                assertNull(feedChunks(n3, asks, snapH, snap, CHUNK));
                assertEquals(snapH + 2, n3.height());
                assertEquals(snapH + 1, n3.storedHeight());
                assertTrue(wal.replay(0).isEmpty(), "the WAL's records below the join height are dropped");
            }
        }
    }

    @Test
    void afterTheOthersPrunedALateValidatorStateSyncsJoinsAtOnceAndSurvivesRestarts() {
        Cluster c = new Cluster(4, 41L, 5L, CHUNK); // keep 5 blocks below each snapshot (every 10 heights)
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.allPrunedAbove(3, 20), 600_000), c.summary("the three prune"));
        long base0 = c.stores[0].base();
        assertTrue(base0 >= 25, "node 0 pruned to " + base0);

        // node 3 boots late and state-syncs by itself; it crashes inside the state sync, after the
        // store was reset to the snapshot and before block h + 1 was stored (a commit store that
        // fails that write)
        CommitStore crashing = new CommitStore() {
            @Override
            public void put(long height, byte[] signedCommit) {
                if (c.stores[3].base() > 0 && c.stores[3].storedHeight() == c.stores[3].base()) {
                    throw new dev.bulwark.node.memory.SimNetwork.InjectedCrash();
                }
                c.commits[3].put(height, signedCommit);
            }

            @Override
            public byte[] get(long height) {
                return c.commits[3].get(height);
            }
        };
        dev.bulwark.node.memory.SimNetwork.Endpoint e = c.net.endpoint(3);
        NodeCore first = new NodeCore(c.config.forValidator(3), c.seeds[3], e, e, e, c.stores[3], crashing, c.wals[3]);
        c.net.attach(3, first);
        first.start();
        assertTrue(c.net.runUntil(() -> c.node(3) == null, 600_000), c.summary("node 3 crashes inside the state sync"));
        c.wals[3].crash();
        long reset = c.stores[3].base();
        assertTrue(reset >= 20, "reset to " + reset);
        assertEquals(reset, c.stores[3].storedHeight(), "crashed between the reset and block h + 1");
        // restarted over the reset store: a validator at h + 1 with an empty decision window
        NodeCore second = c.boot(3);
        assertEquals(reset + 1, second.height());
        assertEquals(reset + 1, second.validatorState().base());
        assertEquals(0, second.validatorState().decisionCount());
        long goal = c.stores[0].storedHeight() + 6;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 catches up"));
        checkAgreementAbove(c, reset);

        // a restart after the catch-up: the validator from its WAL and its certificates above the base
        c.crash(3);
        NodeCore third = c.boot(3);
        long stored3 = c.stores[3].storedHeight();
        assertEquals(stored3 + 1, third.height());
        assertEquals(stored3, third.replica().height());
        assertEquals(Math.max(c.stores[3].base() + 1, stored3 + 1 - 16), third.validatorState().base());
        for (long h = third.validatorState().base(); h <= stored3; h++) {
            assertTrue(third.validatorState().decision(h).sameAs(c.stores[3].certificate(h).v()), "decision " + h);
        }
        // and it takes part in consensus: without node 2, no height is decided without it
        long without2 = decidesOnlyWithNode3(c, 3);

        // node 0, which pruned, restarts: its decision window from its certificates above its base
        c.crash(0);
        NodeCore zero = c.boot(0);
        assertTrue(zero.validatorState().base() > c.stores[0].base());
        assertEquals(c.stores[0].storedHeight() + 1, zero.height());
        long goal3 = c.stores[1].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[0].storedHeight() >= goal3 && c.stores[1].storedHeight() >= goal3
                && c.stores[3].storedHeight() >= goal3, 600_000), c.summary("after node 0's restart"));
        checkAgreementAbove(c, reset);
        c.checkNoEquivocation();
        System.out.println("state sync after pruning: node 3 reset to " + reset + ", crashed before block h + 1, restarted"
                + " and caught up to " + stored3 + "; restarted again, then with node 2 stopped heights " + without2 + ".."
                + c.stores[0].storedHeight() + " carry its precommit; node 0 pruned to " + c.stores[0].base()
                + " and restarted");
    }

    /**
     * A running validator (started, voting) cut off while the other three go on and prune past
     * its height: healed, it cannot catch up by blocks, state-syncs, and its running validator is
     * replaced by the joined one at once (timers and gossip of the old heights dropped); with
     * validator 2 then stopped, every decided height carries its precommit.
     */
    @Test
    void aRunningValidatorCutOffPastThePrunedBlocksStateSyncsAndVotesAgain() {
        Cluster c = new Cluster(4, 43L, 5L, CHUNK);
        c.bootAll();
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(4), 600_000), c.summary("four validators"));
        NodeCore n3 = c.node(3);
        c.net.isolate(3, true);
        long cut = c.stores[3].storedHeight();
        assertTrue(c.net.runUntil(() -> c.allPrunedAbove(3, cut + 10), 600_000), c.summary("the three prune past node 3"));
        assertEquals(cut, c.stores[3].storedHeight());
        int ownBefore = ownMessages(c, 3);
        c.net.isolate(3, false);
        assertTrue(c.net.runUntil(() -> c.stores[3].base() > cut, 600_000), c.summary("node 3 state-syncs"));
        assertEquals(n3, c.node(3), "the same running core");
        long synced = c.stores[3].base();
        long joined = synced + 2;
        // right after the event that synced it: the joined validator, already started
        assertEquals(joined, n3.height());
        assertEquals(joined, n3.validatorState().base());
        assertTrue(n3.validatorStarted(), "the joined validator runs at once");
        assertTrue(c.net.runUntil(() -> ownMessagesAtOrAbove(c, 3, joined) > 0, c.net.now() + 2_000),
                c.summary("node 3 signs at the join height or above"));
        assertTrue(ownMessages(c, 3) > ownBefore);
        long goal = c.stores[0].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 catches up"));
        long without2 = decidesOnlyWithNode3(c, 3);
        checkAgreementAbove(c, c.stores[3].base());
        c.checkNoEquivocation();
        System.out.println("cut off at " + cut + ", node 3 state-synced to " + synced + " while running and"
                + " joined at " + joined + "; with node 2 stopped heights " + without2 + ".." + c.stores[0].storedHeight()
                + " carry its precommit");
    }

    /** The consensus messages validator i signed itself at heights h and above. */
    static int ownMessagesAtOrAbove(Cluster c, int i, long h) {
        int k = 0;
        for (byte[] wire : c.net.sentConsensus(i)) {
            Message m = ConsensusCodec.decodeBody(Arrays.copyOfRange(wire, 0, ConsensusCodec.BODY_BYTES));
            if (m.src() == i && m.h() >= h) {
                k++;
            }
        }
        return k;
    }

    /**
     * Above a height every running node holds (a stopped node is left out): the same block at
     * every height, and each running node's app hash is the one the next block's header names.
     */
    static void checkAgreementAbove(Cluster c, long from) {
        long upTo = Long.MAX_VALUE;
        long lo = from;
        for (int i = 0; i < c.n; i++) {
            if (c.node(i) != null) {
                upTo = Math.min(upTo, c.stores[i].storedHeight());
                lo = Math.max(lo, c.stores[i].base());
            }
        }
        int compared = 0;
        for (long h = lo + 1; h <= upTo; h++) {
            for (int i = 1; i < c.n; i++) {
                if (c.node(i) != null) {
                    assertArrayEquals(c.stores[0].block(h), c.stores[i].block(h), "node " + i + "'s block " + h);
                }
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
