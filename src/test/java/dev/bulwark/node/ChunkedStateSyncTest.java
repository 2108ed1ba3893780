package dev.bulwark.node;

import static dev.bulwark.node.StateSyncTest.CHAIN;
import static dev.bulwark.node.StateSyncTest.CHUNK;
import static dev.bulwark.node.StateSyncTest.feedChunks;
import static dev.bulwark.node.StateSyncTest.manifest;
import static dev.bulwark.node.StateSyncTest.recordChunkAsks;
import static dev.bulwark.node.StateSyncTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.node.memory.MemoryCommitStore;
import dev.bulwark.node.memory.MemoryWal;
import dev.bulwark.node.memory.SimNetwork;
import dev.bulwark.replica.MemoryBlockStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * State sync in chunks on the simulated network (chunks of {@link StateSyncTest#CHUNK} bytes, so
 * that the test ledger's snapshot needs several): a whole sync from several peers ending in the
 * same app hash and a voting node; a tampered chunk refused and asked again of another peer; a
 * manifest above the bound refused with nothing allocated; chunks nobody asked for refused; a
 * server whose snapshot is replaced in the middle of a sync answers SNAPSHOT_GONE and the node
 * starts over from the new snapshot; snapshots that fail the final app-hash check; the manifest's
 * peer cut off mid-sync (abandoned, memory freed, done again from another peer) and another chunk
 * server cut off (its chunks asked of the others, the same sync completes).
 */
class ChunkedStateSyncTest {

    /** Frames of a type sent from one node to another, recorded by a send hook. */
    static final class Sent {
        final List<int[]> chunkAsks = new ArrayList<>(); // {from, to, index} of CHUNK_REQUEST
        final List<int[]> chunksTo3 = new ArrayList<>(); // {from, index} of CHUNK_RESPONSE to node 3
        int goneTo3;
    }

    static Sent record(SimNetwork net, boolean tamperFirstChunkTo3) {
        Sent s = new Sent();
        boolean[] tampered = new boolean[1];
        net.beforeSend((from, to, frame) -> {
            if (frame.length == 0) {
                return;
            }
            if (frame[0] == Frames.CHUNK_REQUEST) {
                s.chunkAsks.add(new int[] {from, to, ByteBuffer.wrap(frame).getInt(17)});
            } else if (frame[0] == Frames.CHUNK_RESPONSE && to == 3) {
                s.chunksTo3.add(new int[] {from, ByteBuffer.wrap(frame).getInt(17)});
                if (tamperFirstChunkTo3 && !tampered[0]) {
                    tampered[0] = true;
                    frame[frame.length - 1] ^= 1; // the hook sees the frame before it is copied onto the wire
                }
            } else if (frame[0] == Frames.SNAPSHOT_GONE && to == 3) {
                s.goneTo3++;
            }
        });
        return s;
    }

    /** Three validators commit and prune past height 20; validator 3, booted late, state-syncs by itself. */
    static Cluster prunedCluster(long seed) {
        Cluster c = new Cluster(4, seed, 5L, CHUNK);
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertNull(c.node(1).onClientTx(c.deposit(1, 5_000)));
        assertTrue(c.net.runUntil(() -> c.allPrunedAbove(3, 20), 600_000), c.summary("the three prune"));
        return c;
    }

    @Test
    void aSnapshotOfSeveralChunksIsFetchedFromSeveralPeersAndTheNodeVotes() {
        Cluster c = prunedCluster(61L);
        Sent sent = record(c.net, false);
        NodeCore n3 = c.boot(3);
        assertTrue(c.net.runUntil(() -> c.stores[3].base() > 0, 600_000), c.summary("node 3 state-syncs"));
        long h = c.stores[3].base();
        long chunks = Frames.chunkCount(c.stores[3].snapshot().length, CHUNK);
        assertTrue(chunks >= 4, "the snapshot needs several chunks: " + chunks);
        Set<Integer> servers = new HashSet<>();
        Set<Integer> indices = new HashSet<>();
        for (int[] k : sent.chunksTo3) {
            servers.add(k[0]);
            indices.add(k[1]);
        }
        assertEquals(chunks, indices.size(), "every chunk arrived");
        assertTrue(servers.size() >= 2, "chunks from several peers: " + servers);
        assertEquals(0, n3.syncBufferBytes(), "the download's memory is freed");
        assertEquals(0L, n3.refusals().getOrDefault(Reason.BAD_CHUNK, 0L));
        // the restored snapshot is the servers' own (same bytes, the app hash block h + 1 certifies)
        assertArrayEquals(c.stores[0].snapshotHeight() == h ? c.stores[0].snapshot() : c.stores[3].snapshot(),
                c.stores[3].snapshot());
        long goal = c.stores[0].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 catches up"));
        StateSyncTest.checkAgreementAbove(c, h);
        long without2 = StateSyncTest.decidesOnlyWithNode3(c, 3);
        c.checkNoEquivocation();
        System.out.println("chunked state sync: node 3 restored height " + h + " in " + chunks + " chunks of " + CHUNK
                + " bytes from peers " + servers + "; with node 2 stopped heights " + without2 + ".."
                + c.stores[0].storedHeight() + " carry its precommit");
    }

    @Test
    void aTamperedChunkIsRefusedAskedOfAnotherPeerAndTheSyncCompletes() {
        Cluster c = prunedCluster(62L);
        Sent sent = record(c.net, true);
        NodeCore n3 = c.boot(3);
        assertTrue(c.net.runUntil(() -> c.stores[3].base() > 0, 600_000), c.summary("node 3 state-syncs"));
        assertEquals(1L, n3.refusals().getOrDefault(Reason.BAD_CHUNK, 0L), "the tampered chunk refused and counted");
        int[] bad = sent.chunksTo3.get(0);
        // the tampered chunk was asked again, of another peer
        int askedAgain = 0;
        for (int[] a : sent.chunkAsks) {
            if (a[0] == 3 && a[2] == bad[1]) {
                askedAgain++;
            }
        }
        assertEquals(2, askedAgain, "chunk " + bad[1] + " asked twice");
        int secondPeer = -1;
        for (int[] a : sent.chunkAsks) {
            if (a[0] == 3 && a[2] == bad[1]) {
                secondPeer = a[1];
            }
        }
        assertNotEquals(bad[0], secondPeer, "asked again of another peer than the one that sent it tampered");
        long goal = c.stores[0].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 catches up"));
        StateSyncTest.checkAgreementAbove(c, c.stores[3].base());
        c.checkNoEquivocation();
        System.out.println("tampered chunk " + bad[1] + " from node " + bad[0] + " refused, asked again of node "
                + secondPeer + "; synced to " + c.stores[3].base());
    }

    /** Manifests and chunks sent to node 3, by sender (a send hook). */
    static final class ToNode3 {
        final List<Integer> manifestsFrom = new ArrayList<>();
        final List<Integer> chunksFrom = new ArrayList<>();
    }

    static ToNode3 recordToNode3(SimNetwork net) {
        ToNode3 s = new ToNode3();
        net.beforeSend((from, to, frame) -> {
            if (to == 3 && frame.length > 0 && frame[0] == Frames.SNAPSHOT_MANIFEST) {
                s.manifestsFrom.add(from);
            } else if (to == 3 && frame.length > 0 && frame[0] == Frames.CHUNK_RESPONSE) {
                s.chunksFrom.add(from);
            }
        });
        return s;
    }

    @Test
    void aSyncWhoseManifestPeerIsCutOffIsAbandonedItsMemoryFreedAndDoneAgainFromAnotherPeer() {
        Cluster c = prunedCluster(64L);
        ToNode3 sent = recordToNode3(c.net);
        NodeCore n3 = c.boot(3);
        // the download is under way: the manifest taken, some chunks in, not all
        assertTrue(c.net.runUntil(() -> n3.syncBufferBytes() > 0 && sent.chunksFrom.size() >= 2, 600_000),
                c.summary("node 3's download starts"));
        assertEquals(0L, c.stores[3].base(), "not restored yet");
        int m = sent.manifestsFrom.get(0);
        c.net.isolate(m, true); // the manifest's peer drops off the network
        long cut = c.net.now();
        assertTrue(c.net.runUntil(() -> n3.syncBufferBytes() == 0, cut + 10_000), c.summary("the sync is abandoned"));
        assertEquals(0L, c.stores[3].base(), "abandoned, not completed");
        long abandonedAfter = c.net.now() - cut;
        // node 3 starts over from a peer still there, completes, and votes with the two others
        assertTrue(c.net.runUntil(() -> c.stores[3].base() > 0, 600_000), c.summary("node 3 state-syncs again"));
        assertTrue(sent.manifestsFrom.size() >= 2, "a second manifest: " + sent.manifestsFrom);
        int second = sent.manifestsFrom.get(sent.manifestsFrom.size() - 1);
        assertNotEquals(m, second, "from another peer than the one cut off");
        assertEquals(0, n3.syncBufferBytes(), "the second download's memory is freed too");
        int other = 3 - m - second; // the third of nodes 0..2 (m, second and other are distinct)
        long goal = c.stores[second].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal && c.stores[other].storedHeight() >= goal,
                600_000), c.summary("node 3 decides with the two peers left"));
        c.net.isolate(m, false);
        long healed = c.stores[3].storedHeight() + 2;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(healed), 600_000), c.summary("node " + m + " catches up"));
        StateSyncTest.checkAgreementAbove(c, c.stores[3].base());
        c.checkNoEquivocation();
        System.out.println("manifest peer " + m + " cut off: sync abandoned after " + abandonedAfter
                + " ms, done again from node " + second + " to height " + c.stores[3].base());
    }

    @Test
    void aChunkServerCutOffMidSyncHasItsChunksAskedOfOthersAndTheSameSyncCompletes() {
        Cluster c = prunedCluster(65L);
        ToNode3 sent = recordToNode3(c.net);
        NodeCore n3 = c.boot(3);
        int[] cutOff = {-1};
        assertTrue(c.net.runUntil(() -> {
            if (n3.syncBufferBytes() == 0 || sent.manifestsFrom.isEmpty()) {
                return false;
            }
            int m = sent.manifestsFrom.get(0);
            for (int from : sent.chunksFrom) {
                if (from != m) {
                    cutOff[0] = from;
                    return true;
                }
            }
            return false;
        }, 600_000), c.summary("a chunk from a peer other than the manifest's"));
        int m = sent.manifestsFrom.get(0);
        int served = sent.chunksFrom.size();
        c.net.isolate(cutOff[0], true);
        assertTrue(c.net.runUntil(() -> c.stores[3].base() > 0, 600_000), c.summary("node 3 state-syncs"));
        assertEquals(List.of(m), sent.manifestsFrom, "one manifest: the sync was not started over");
        // (the peer cut off may still answer a request that reached it before the cut: its answer is lost)
        long fromOthers = sent.chunksFrom.subList(served, sent.chunksFrom.size()).stream().filter(f -> f != cutOff[0]).count();
        assertTrue(fromOthers > 0, "the rest came from the others");
        assertEquals(0, n3.syncBufferBytes());
        c.net.isolate(cutOff[0], false);
        long goal = c.stores[m].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(goal), 600_000), c.summary("all four decide"));
        StateSyncTest.checkAgreementAbove(c, c.stores[3].base());
        c.checkNoEquivocation();
        System.out.println("chunk server " + cutOff[0] + " cut off mid-sync; " + (sent.chunksFrom.size() - served)
                + " chunks after it (" + fromOthers + " from the others); one manifest from node " + m);
    }

    /** An isolated node 3 (its own simulated network: its sends are recorded, nothing is delivered). */
    static final class Isolated {
        final NodeCore node;
        final List<int[]> asks;

        Isolated(Cluster c) {
            SimNetwork net = new SimNetwork(4, 1, 1, 0);
            this.asks = recordChunkAsks(net, 3);
            SimNetwork.Endpoint e = net.endpoint(3);
            this.node = new NodeCore(c.config.forValidator(3), c.seeds[3], e, e, e, new MemoryBlockStore(),
                    new MemoryCommitStore(), new MemoryWal());
        }
    }

    /** The three commit past a snapshot (and block h + 1 after it); returns the snapshot's height. */
    static long threeCommit(Cluster c) {
        for (int i = 0; i < 3; i++) {
            c.boot(i);
        }
        assertNull(c.node(0).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.stores[0].snapshotHeight() >= 10 && c.stores[0].storedHeight() - 1
                > c.stores[0].snapshotHeight(), 600_000), c.summary("three validators reach 10 heights"));
        return c.stores[0].snapshotHeight();
    }

    @Test
    void manifestsAboveTheBoundAndChunksNobodyAskedForAreRefusedWithoutEffect() {
        Cluster c = new Cluster(4, 63L, -1L, CHUNK);
        long snapH = threeCommit(c);
        long stored0 = c.stores[0].storedHeight();
        byte[] snap = c.stores[0].snapshot();
        byte[] next = c.stores[0].block(snapH + 1);
        byte[][] pcs = Frames.decodeCommit(c.commits[0].get(snapH + 1));
        int count = (int) Frames.chunkCount(snap.length, CHUNK);
        assertTrue(count > NodeCore.MAX_CHUNKS_IN_FLIGHT / 2 && count >= 4, "chunks: " + count);
        Isolated iso = new Isolated(c);
        NodeCore n3 = iso.node;
        // a chunk before any manifest
        refused(n3, Reason.UNSOLICITED, 0, Frames.chunkResponse(CHAIN, snapH, 0, snap, 0, CHUNK));
        // a manifest nobody asked for
        refused(n3, Reason.UNSOLICITED, 0, manifest(snapH, snap, CHUNK, pcs, next));
        assertNull(n3.onFrame(0, Frames.status(CHAIN, stored0 + 1, 0, stored0, snapH, snapH + 1)));
        // (3) a declared length above the ledger's bound: refused before anything is allocated
        long limit = Snapshot.maxBytes(c.config.ledger);
        byte[][] digests = Frames.chunkDigests(new byte[(int) limit + 1], CHUNK);
        refused(n3, Reason.OVERSIZE, 0, Frames.snapshotManifest(CHAIN, snapH, limit + 1, CHUNK, digests, pcs, next));
        assertEquals(0, n3.syncBufferBytes(), "nothing allocated");
        assertTrue(iso.asks.isEmpty(), "no chunk asked");
        // exactly at the bound it would be taken (allocated: the declared length); the good one is smaller
        assertNull(n3.onFrame(0, manifest(snapH, snap, CHUNK, pcs, next)));
        assertEquals(snap.length, n3.syncBufferBytes());
        assertEquals(Math.min(count, NodeCore.MAX_CHUNKS_IN_FLIGHT), iso.asks.size(), "the first window asked");
        // a second manifest while the download runs
        refused(n3, Reason.UNSOLICITED, 0, manifest(snapH, snap, CHUNK, pcs, next));
        // (4) chunks nobody asked for: another height, an index beyond the manifest, an index not asked
        // yet, one asked of another peer
        int[] first = iso.asks.get(0);
        int i0 = first[1];
        refused(n3, Reason.UNSOLICITED, first[0], Frames.chunkResponse(CHAIN, snapH + 1, i0, snap, i0 * CHUNK, (i0 + 1) * CHUNK));
        refused(n3, Reason.UNSOLICITED, first[0], Frames.chunkResponse(CHAIN, snapH, count, snap, 0, CHUNK));
        refused(n3, Reason.UNSOLICITED, first[0], Frames.chunkResponse(CHAIN, snapH, Frames.MAX_SNAPSHOT_CHUNKS - 1, snap, 0,
                CHUNK));
        int notAsked = -1;
        for (int i = count - 1; i >= 0 && notAsked < 0; i--) {
            boolean asked = false;
            for (int[] a : iso.asks) {
                asked |= a[1] == i;
            }
            if (!asked) {
                notAsked = i;
            }
        }
        if (notAsked >= 0) {
            int from = notAsked * CHUNK;
            refused(n3, Reason.UNSOLICITED, first[0], Frames.chunkResponse(CHAIN, snapH, notAsked, snap, from,
                    Math.min(snap.length, from + CHUNK)));
        }
        int other = (first[0] + 1) % 3;
        refused(n3, Reason.UNSOLICITED, other, Frames.chunkResponse(CHAIN, snapH, i0, snap, i0 * CHUNK, (i0 + 1) * CHUNK));
        refused(n3, Reason.UNSOLICITED, first[0], Frames.snapshotGone(CHAIN, snapH + 7, 0));
        // a chunk of the right index and peer whose bytes are not the manifest's: BAD_CHUNK, counted, asked again
        byte[] wrong = java.util.Arrays.copyOfRange(snap, i0 * CHUNK, (i0 + 1) * CHUNK);
        wrong[3] ^= 1;
        int asksBefore = iso.asks.size();
        assertEquals(Reason.BAD_CHUNK, n3.onFrame(first[0], Frames.chunkResponse(CHAIN, snapH, i0, wrong, 0, wrong.length)));
        assertEquals(1L, n3.refusals().get(Reason.BAD_CHUNK));
        assertEquals(asksBefore + 1, iso.asks.size(), "the chunk asked again");
        assertEquals(i0, iso.asks.get(asksBefore)[1]);
        // (node 3 has only node 0 serving that snapshot: asked again of it, there being no other)
        assertEquals(0, iso.asks.get(asksBefore)[0]);
        iso.asks.remove(0); // the tampered answer's request is answered
        // a short chunk (the right prefix) is a bad one too
        int[] second = iso.asks.get(0);
        int from = second[1] * CHUNK;
        assertEquals(Reason.BAD_CHUNK, n3.onFrame(second[0], Frames.chunkResponse(CHAIN, snapH, second[1], snap, from,
                from + 1)));
        iso.asks.remove(0);
        // the honest chunks complete the sync: the snapshot restored, block h + 1 stored, joined at h + 2
        assertNull(feedChunksAnyCount(n3, iso.asks, snapH, snap));
        assertEquals(snapH + 1, n3.storedHeight());
        assertEquals(snapH + 2, n3.height());
        assertArrayEquals(BlockCodec.decode(c.stores[0].block(snapH + 2)).prevAppHash(), n3.appHash());
        assertEquals(0, n3.syncBufferBytes());
        // a chunk after the end
        refused(n3, Reason.UNSOLICITED, 0, Frames.chunkResponse(CHAIN, snapH, 0, snap, 0, CHUNK));
    }

    /** feedChunks without the once-each count (chunks were asked again after refusals). */
    static Reason feedChunksAnyCount(NodeCore node, List<int[]> asks, long h, byte[] snap) {
        Reason last = null;
        while (!asks.isEmpty()) {
            assertNull(last, "chunk refused before the last one");
            int[] a = asks.remove(0);
            int from = a[1] * CHUNK;
            last = node.onFrame(a[0], Frames.chunkResponse(CHAIN, h, a[1], snap, from, Math.min(snap.length, from + CHUNK)));
        }
        return last;
    }

    /**
     * Snapshots whose chunks match their manifest but whose app hash is not the one block h + 1's
     * certified header carries (a tampered snapshot, garbage, a block h + 1 with another header
     * certified by a Byzantine quorum): the manifest is not signed, so the download completes and
     * the final check refuses it (BAD_SNAPSHOT), the sync ends with its memory freed, and the node
     * is otherwise unchanged.
     */
    @Test
    void aSnapshotThatFailsTheFinalAppHashCheckIsRefusedAfterItsDownload() {
        Cluster c = new Cluster(4, 64L, -1L, CHUNK);
        long snapH = threeCommit(c);
        long stored0 = c.stores[0].storedHeight();
        byte[] snap = c.stores[0].snapshot();
        byte[] next = c.stores[0].block(snapH + 1);
        byte[][] pcs = Frames.decodeCommit(c.commits[0].get(snapH + 1));
        byte[] tampered = snap.clone();
        tampered[tampered.length / 2] ^= 1;
        DecodedBlock d = BlockCodec.decode(next);
        List<SignedTx> txs = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            txs.add(d.signedTx(i));
        }
        byte[] wrongHash = d.prevAppHash();
        wrongHash[5] ^= 1;
        byte[] forged = BlockCodec.encode(CHAIN, snapH + 1, wrongHash, txs);
        byte[][] forgedPcs = StateSyncTest.precommits(c, snapH + 1, BlockCodec.hash(forged).consensusValue(), 0, 1, 2);
        Object[][] cases = {{tampered, pcs, next}, {new byte[] {1, 2, 3}, pcs, next}, {snap, forgedPcs, forged}};
        for (Object[] k : cases) {
            byte[] s = (byte[]) k[0];
            Isolated iso = new Isolated(c);
            NodeCore n3 = iso.node;
            assertNull(n3.onFrame(0, Frames.status(CHAIN, stored0 + 1, 0, stored0, snapH, snapH + 1)));
            String before = n3.fingerprint();
            assertNull(n3.onFrame(0, manifest(snapH, s, CHUNK, (byte[][]) k[1], (byte[]) k[2])));
            assertEquals(s.length, n3.syncBufferBytes());
            assertEquals(Reason.BAD_SNAPSHOT, feedChunks(n3, iso.asks, snapH, s, CHUNK));
            assertEquals(1L, n3.refusals().get(Reason.BAD_SNAPSHOT));
            assertEquals(0, n3.syncBufferBytes(), "the sync ended, its memory freed");
            assertEquals(0, n3.storedHeight());
            // the node is as before the manifest, the request slot free again
            assertEquals(before.replace("|sync=0@", "|sync=-1@"), n3.fingerprint());
        }
    }

    /**
     * A server's snapshot is replaced by a newer one while node 3 downloads the old one: its chunk
     * requests are answered SNAPSHOT_GONE (the server serves the new one from its own copy), node 3
     * drops the download and starts over from the new snapshot's manifest, and completes.
     */
    @Test
    void aServerWhoseSnapshotIsReplacedMidSyncAnswersGoneAndTheNodeStartsOver() {
        Cluster c = new Cluster(4, 65L, 5L, CHUNK);
        long oldH = threeCommit(c);
        long oldStored = c.stores[0].storedHeight();
        byte[] oldSnap = c.stores[0].snapshot();
        byte[] oldManifest = manifest(oldH, oldSnap, CHUNK, Frames.decodeCommit(c.commits[0].get(oldH + 1)),
                c.stores[0].block(oldH + 1));
        // the servers move on: newer snapshots, older blocks pruned
        assertTrue(c.net.runUntil(() -> c.allPrunedAbove(3, oldH + 1), 600_000), c.summary("the three move on"));
        long newH = c.stores[0].snapshotHeight();
        assertTrue(newH > oldH);
        Sent sent = record(c.net, false);
        NodeCore n3 = c.create(3);
        c.net.attach(3, n3);
        // node 3 was told of the old snapshot (a status from before the replacement), asked for it, and
        // took its manifest; its chunk requests go to node 0, whose snapshot is the new one now
        assertNull(n3.onFrame(0, Frames.status(CHAIN, oldStored + 1, 0, oldStored, oldH, oldH + 1)));
        assertNull(n3.onFrame(0, oldManifest));
        assertEquals(oldSnap.length, n3.syncBufferBytes());
        // one chunk of the old snapshot arrives before the replacement is noticed
        int[] a = null;
        for (int[] k : sent.chunkAsks) {
            if (k[0] == 3) {
                a = k;
                break;
            }
        }
        assertTrue(a != null, "chunks asked");
        assertNull(n3.onFrame(a[1], Frames.chunkResponse(CHAIN, oldH, a[2], oldSnap, a[2] * CHUNK,
                Math.min(oldSnap.length, (a[2] + 1) * CHUNK))));
        assertEquals(1, n3.syncProgress()[0]);
        n3.start();
        long started = c.net.now();
        assertTrue(c.net.runUntil(() -> c.stores[3].base() > 0, 600_000), c.summary("node 3 state-syncs"));
        // it started over at the SNAPSHOT_GONE, not after the stalled download timed out
        assertTrue(c.net.now() - started < NodeCore.SYNC_STALL_PERIODS * c.config.gossipPeriodMs,
                "synced " + (c.net.now() - started) + " ms after the start");
        assertTrue(sent.goneTo3 >= 1, "the server answered SNAPSHOT_GONE");
        assertTrue(c.stores[3].base() >= newH, "synced to the newer snapshot " + c.stores[3].base() + " (old " + oldH + ")");
        assertEquals(0, n3.syncBufferBytes());
        long goal = c.stores[0].storedHeight() + 3;
        assertTrue(c.net.runUntil(() -> c.stores[3].storedHeight() >= goal, 600_000), c.summary("node 3 catches up"));
        StateSyncTest.checkAgreementAbove(c, c.stores[3].base());
        System.out.println("replaced mid-sync: old snapshot " + oldH + ", " + sent.goneTo3 + " SNAPSHOT_GONE answers, synced to "
                + c.stores[3].base());
    }

    /** The server side: chunk requests are bounded per peer per period, out-of-range indices refused. */
    @Test
    void aServerRefusesOutOfRangeChunkRequestsAndRateLimitsEachPeer() {
        Cluster c = new Cluster(4, 66L, -1L, CHUNK);
        long snapH = threeCommit(c);
        c.crash(1); // node 0 is driven by the test from here: no gossip period passes
        c.crash(2);
        NodeCore n0 = c.node(0);
        int count = (int) Frames.chunkCount(c.stores[0].snapshot().length, CHUNK);
        int queued = c.net.queued();
        assertEquals(Reason.BAD_CHUNK, n0.onFrame(3, Frames.chunkRequest(CHAIN, snapH, count)));
        assertEquals(queued, c.net.queued(), "nothing sent for a refused request");
        for (int i = 0; i < NodeCore.MAX_CHUNKS_PER_PEER_PER_PERIOD; i++) {
            assertNull(n0.onFrame(3, Frames.chunkRequest(CHAIN, snapH, i % count)));
        }
        assertEquals(queued + NodeCore.MAX_CHUNKS_PER_PEER_PER_PERIOD, c.net.queued());
        assertEquals(Reason.RATE_LIMITED, n0.onFrame(3, Frames.chunkRequest(CHAIN, snapH, 0)));
        assertNull(n0.onFrame(2, Frames.chunkRequest(CHAIN, snapH, 0)), "another peer's budget is its own");
        assertNull(n0.onFrame(2, Frames.snapshotRequest(CHAIN, snapH)));
        assertEquals(Reason.RATE_LIMITED, n0.onFrame(2, Frames.snapshotRequest(CHAIN, snapH)));
    }
}
