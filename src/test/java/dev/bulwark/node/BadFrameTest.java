package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ProposerSelection;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.ConsensusSigner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad frame a peer can send is refused with its typed reason, counted, and changes
 * nothing: the node's fingerprint (consensus state, store, ledger, mempool, buffers, replay set,
 * timers) is the same, and nothing is queued for sending. Each group ends with a positive control
 * (a good frame of the same kind is used), so the refusals are not an artefact of the setup.
 */
class BadFrameTest {
    static final long CHAIN = Cluster.CHAIN;
    Cluster c;
    NodeCore node;
    long h;
    int r;
    final ProposerSelection proposers = new ProposerSelection(new int[] {0, 1, 2, 3});

    @BeforeEach
    void setUp() {
        c = new Cluster(4, 77L);
        c.bootAll();
        assertNull(c.node(1).onClientTx(c.deposit(0, 1_000_000)));
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(3) && ClusterTest.allApplied(c, 0, 1), 60_000));
        node = c.node(0);
        h = node.height();
        r = node.round();
    }

    void refused(Reason expected, int peer, byte[] frame) {
        refusedAsFirst(expected, peer, frame, 1);
    }

    void used(int peer, byte[] frame) {
        String before = node.fingerprint();
        assertNull(node.onFrame(peer, frame));
        assertNotEquals(before, node.fingerprint(), "a used frame changes the node");
    }

    byte[] vote(int src, long chainSigned, long height, int round) {
        return new ConsensusSigner(src, chainSigned, c.seeds[src]).sign(Message.prevote(src, height, round, Value.NIL));
    }

    @Test
    void envelope() {
        byte[] status = Frames.status(CHAIN, h, r, h - 1);
        refused(Reason.UNKNOWN_PEER, 4, status);
        refused(Reason.UNKNOWN_PEER, -1, status);
        refused(Reason.UNKNOWN_PEER, 0, status); // itself
        refused(Reason.MALFORMED, 1, new byte[0]);
        refused(Reason.MALFORMED, 1, null);
        refused(Reason.MALFORMED, 1, new byte[] {42, 0, 0, 0, 0, 0, 0, 0, 7});
        refused(Reason.MALFORMED, 1, new byte[] {Frames.STATUS, 0, 0});
        refused(Reason.WRONG_CHAIN, 1, Frames.status(CHAIN + 1, h, r, h - 1));
        refused(Reason.OVERSIZE, 1, Arrays.copyOf(status, Frames.STATUS_FRAME + 1));
        refused(Reason.MALFORMED, 1, Frames.status(CHAIN, h, r, h)); // stored height not below height
        refused(Reason.MALFORMED, 1, Frames.status(CHAIN, 0, 0, 0));
        byte[] huge = new byte[Frames.MAX_CONSENSUS_FRAME + 1];
        huge[0] = Frames.CONSENSUS;
        refused(Reason.OVERSIZE, 1, huge);
        assertNull(node.onFrame(1, status), "a good status is used");
    }

    @Test
    void consensusMessages() {
        byte[] good = vote(1, CHAIN, h, r + 1);
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        refused(Reason.BAD_SIGNATURE, 1, Frames.consensus(CHAIN, flipped));
        refused(Reason.BAD_SIGNATURE, 1, Frames.consensus(CHAIN, vote(1, CHAIN + 1, h, r + 1))); // signed for another chain
        byte[] forged = vote(1, CHAIN, h, r + 1).clone();
        forged[3 + 3] = 2; // sender 1 -> 2 in the body: validator 1's signature over validator 2's vote
        refused(Reason.BAD_SIGNATURE, 1, Frames.consensus(CHAIN, forged));
        refused(Reason.WRONG_CHAIN, 1, Frames.consensus(CHAIN + 1, good));
        refused(Reason.MALFORMED, 1, Frames.consensus(CHAIN, Arrays.copyOf(good, good.length - 1)));
        byte[] badBody = good.clone();
        badBody[0] = 0; // magic
        refused(Reason.MALFORMED, 1, Frames.consensus(CHAIN, badBody));
        refused(Reason.STALE, 1, Frames.consensus(CHAIN, vote(1, CHAIN, h - 1, 0)));
        refused(Reason.CONSENSUS_REFUSED, 1, Frames.consensus(CHAIN, vote(1, CHAIN, h, r + 100))); // round window
        refused(Reason.CONSENSUS_REFUSED, 1, Frames.consensus(CHAIN, vote(1, CHAIN, h + 50, 0))); // height window
        refused(Reason.CONSENSUS_REFUSED, 1, Frames.consensus(CHAIN, vote(0, CHAIN, h, r + 1))); // our own index
        used(2, Frames.consensus(CHAIN, good)); // relayed by another peer: fine
        refused(Reason.STALE, 3, Frames.consensus(CHAIN, good)); // replayed
    }

    int foreignProposerRound() {
        for (int k = r; k <= r + NodeCore.MAX_BLOCK_ROUNDS_AHEAD; k++) {
            if (proposers.proposer(h, k) != 0) {
                return k;
            }
        }
        throw new IllegalStateException();
    }

    byte[] block(long chain, long height, List<SignedTx> txs) {
        return BlockCodec.encode(chain, height, node.appHash(), txs);
    }

    @Test
    void proposalBlocks() {
        int k = foreignProposerRound();
        int p = proposers.proposer(h, k);
        int other = p == 1 ? 2 : 1;
        SignedTx tx = TxCodec.decode(c.deposit(2, 500));
        byte[] good = block(CHAIN, h, List.of(tx));
        refused(Reason.NOT_PROPOSER, other, Frames.proposalBlock(CHAIN, h, k, good));
        refused(Reason.MALFORMED, p, Frames.proposalBlock(CHAIN, h, k, new byte[] {1, 2, 3}));
        refused(Reason.WRONG_CHAIN, p, Frames.proposalBlock(CHAIN, h, k, block(CHAIN + 1, h, List.of())));
        refused(Reason.BAD_BLOCK, p, Frames.proposalBlock(CHAIN, h, k, block(CHAIN, h + 1, List.of())));
        byte[][] sigs = {tx.signature(0)};
        sigs[0][7] ^= 1;
        refused(Reason.BAD_SIGNATURE, p, Frames.proposalBlock(CHAIN, h, k, block(CHAIN, h, List.of(new SignedTx(tx.tx(), sigs)))));
        List<SignedTx> many = new ArrayList<>();
        SignedTx dep = TxCodec.decode(c.deposit(3, 1));
        for (int i = 0; i < 4_000; i++) {
            many.add(dep); // 4,000 deposits: more than 256 KiB
        }
        byte[] big = block(CHAIN, h, many);
        assertTrue(big.length > c.config.maxBlockBytes);
        refused(Reason.OVERSIZE, p, Frames.proposalBlock(CHAIN, h, k, big));
        refused(Reason.STALE, p, Frames.proposalBlock(CHAIN, h - 1, 0, block(CHAIN, h - 1, List.of())));
        refused(Reason.CONSENSUS_REFUSED, p, Frames.proposalBlock(CHAIN, h + 2, 0, block(CHAIN, h + 2, List.of())));
        refused(Reason.CONSENSUS_REFUSED, p, Frames.proposalBlock(CHAIN, h, r + NodeCore.MAX_BLOCK_ROUNDS_AHEAD + 1, good));
        // the header must carry our app hash after h - 1: another one (e.g. the genesis app hash, or
        // the app hash after h - 2) makes a block that is never valid
        byte[] wrongHash = node.appHash();
        wrongHash[0] ^= 1;
        refused(Reason.BAD_APP_HASH, p, Frames.proposalBlock(CHAIN, h, k, BlockCodec.encode(CHAIN, h, wrongHash, List.of(tx))));
        byte[] genesisHash = new dev.bulwark.ledger.Ledger(c.config.ledger).appHash();
        refused(Reason.BAD_APP_HASH, p, Frames.proposalBlock(CHAIN, h, k, BlockCodec.encode(CHAIN, h, genesisHash, List.of(tx))));
        used(p, Frames.proposalBlock(CHAIN, h, k, good));
        refused(Reason.STALE, p, Frames.proposalBlock(CHAIN, h, k, good)); // held already
        // a Byzantine proposer may offer at most MAX_BLOCKS_PER_ROUND blocks per round
        used(p, Frames.proposalBlock(CHAIN, h, k, block(CHAIN, h, List.of())));
        refused(Reason.FULL, p, Frames.proposalBlock(CHAIN, h, k, block(CHAIN, h, List.of(TxCodec.decode(c.deposit(1, 9))))));
    }

    byte[] precommit(int src, long height, Value v) {
        return new ConsensusSigner(src, CHAIN, c.seeds[src]).sign(Message.precommit(src, height, 0, v));
    }

    @Test
    void blockResponses() {
        long next = c.stores[0].storedHeight() + 1;
        byte[] blk = block(CHAIN, next, List.of());
        Value v = BlockCodec.hash(blk).consensusValue();
        Value other = BlockCodec.hash(block(CHAIN, next, List.of(TxCodec.decode(c.deposit(2, 1))))).consensusValue();
        byte[][] two = {precommit(1, next, v), precommit(2, next, v)};
        refused(Reason.BAD_CERTIFICATE, 1, Frames.blockResponse(CHAIN, next, two, blk)); // below quorum
        byte[][] dup = {precommit(1, next, v), precommit(2, next, v), precommit(2, next, v)};
        refused(Reason.BAD_CERTIFICATE, 1, Frames.blockResponse(CHAIN, next, dup, blk)); // a signer twice
        byte[][] otherValue = {precommit(1, next, other), precommit(2, next, other), precommit(3, next, other)};
        refused(Reason.BAD_CERTIFICATE, 1, Frames.blockResponse(CHAIN, next, otherValue, blk)); // certifies another block
        byte[][] badSig = {precommit(1, next, v), precommit(2, next, v), precommit(3, next, v)};
        badSig[2][100] ^= 1;
        refused(Reason.BAD_SIGNATURE, 1, Frames.blockResponse(CHAIN, next, badSig, blk));
        byte[][] good = {precommit(1, next, v), precommit(2, next, v), precommit(3, next, v)};
        refused(Reason.STALE, 1, Frames.blockResponse(CHAIN, next + 1, good, block(CHAIN, next + 1, List.of())));
        refused(Reason.MALFORMED, 1, Frames.blockResponse(CHAIN, next, new byte[5][120], blk));
        byte[] truncated = Frames.blockResponse(CHAIN, next, good, blk);
        refused(Reason.MALFORMED, 1, Arrays.copyOf(truncated, 9 + 10 + 200));
        // positive control: a quorum of valid signatures over this block's hash is applied
        assertNull(node.onFrame(1, Frames.blockResponse(CHAIN, next, good, blk)));
        assertEquals(next, c.stores[0].storedHeight());
        assertEquals(next + 1, node.height());
    }

    @Test
    void transactions() {
        refused(Reason.MALFORMED, 1, Frames.tx(CHAIN, new byte[] {9, 9, 9}));
        byte[] oversize = new byte[Frames.MAX_TX_FRAME + 1];
        oversize[0] = Frames.TX;
        refused(Reason.OVERSIZE, 1, oversize);
        byte[] good = c.deposit(2, 70);
        SignedTx s = TxCodec.decode(good);
        byte[] sig = s.signature(0);
        sig[0] ^= 1;
        refused(Reason.BAD_SIGNATURE, 1, Frames.tx(CHAIN, TxCodec.encode(new SignedTx(s.tx(), sig))));
        Deposit otherChain = new Deposit(CHAIN + 1, c.trader(2), 5, 1);
        refused(Reason.WRONG_CHAIN, 1, Frames.tx(CHAIN, TxCodec.encode(TxSignatures.sign(otherChain, c.traders[2]))));
        Deposit replay = new Deposit(CHAIN, c.trader(0), 1, 1); // nonce 1 of trader 0 is committed
        refused(Reason.BAD_NONCE, 1, Frames.tx(CHAIN, TxCodec.encode(TxSignatures.sign(replay, c.traders[0]))));
        Deposit far = new Deposit(CHAIN, c.trader(0), 2 + c.config.nonceWindow + 1, 1);
        refused(Reason.BAD_NONCE, 1, Frames.tx(CHAIN, TxCodec.encode(TxSignatures.sign(far, c.traders[0]))));
        used(1, Frames.tx(CHAIN, good));
        refused(Reason.DUPLICATE, 2, Frames.tx(CHAIN, good));
    }

    /** A TXS frame laid out by hand: n, then the given entry lengths, each followed by that many bytes of body, then tail bytes. */
    static byte[] txsLayout(int n, int[] lengths, byte[][] bodies, int tail) {
        int size = 9 + 2 + tail;
        for (int i = 0; i < lengths.length; i++) {
            size += 2 + bodies[i].length;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size);
        b.put(Frames.TXS).putLong(CHAIN).putShort((short) n);
        for (int i = 0; i < lengths.length; i++) {
            b.putShort((short) lengths[i]).put(bodies[i]);
        }
        return b.array();
    }

    @Test
    void transactionBatches() {
        byte[] good = c.deposit(2, 70);
        // the layout
        refused(Reason.MALFORMED, 1, txsLayout(0, new int[0], new byte[0][], 0)); // no entry
        refused(Reason.MALFORMED, 1, Arrays.copyOf(txsLayout(1, new int[] {good.length}, new byte[][] {good}, 0), 10)); // n cut
        refused(Reason.MALFORMED, 1, txsLayout(Frames.MAX_TXS_PER_FRAME + 1, new int[] {good.length}, new byte[][] {good}, 0));
        refused(Reason.MALFORMED, 1, txsLayout(2, new int[] {good.length}, new byte[][] {good}, 0)); // an entry missing
        refused(Reason.MALFORMED, 1, txsLayout(1, new int[] {good.length}, new byte[][] {good}, 3)); // trailing bytes
        refused(Reason.MALFORMED, 1, txsLayout(1, new int[] {0}, new byte[][] {new byte[0]}, 0)); // empty entry
        refused(Reason.MALFORMED, 1, txsLayout(1, new int[] {good.length + 5}, new byte[][] {good}, 0)); // length past the end
        refused(Reason.MALFORMED, 1, txsLayout(1, new int[] {TxCodec.MAX_TX_BYTES + 1}, new byte[][] {new byte[TxCodec.MAX_TX_BYTES + 1]}, 0));
        byte[] oversize = new byte[Frames.MAX_TXS_FRAME + 1];
        oversize[0] = Frames.TXS;
        refused(Reason.OVERSIZE, 1, oversize);
        byte[] otherChain = Frames.txs(CHAIN + 1, List.of(good));
        refused(Reason.WRONG_CHAIN, 1, otherChain);
        // entries that are all refused: the first one's reason, each counted, nothing changed
        SignedTx s = TxCodec.decode(good);
        byte[] sig = s.signature(0);
        sig[0] ^= 1;
        byte[] badSig = TxCodec.encode(new SignedTx(s.tx(), sig));
        byte[] sig2 = s.signature(0);
        sig2[1] ^= 1;
        byte[] badSig2 = TxCodec.encode(new SignedTx(s.tx(), sig2));
        byte[] garbage = new byte[] {9, 9, 9};
        String before = node.fingerprint();
        int queued = c.net.queued();
        long bad = node.refusals().getOrDefault(Reason.BAD_SIGNATURE, 0L);
        long malformed = node.refusals().getOrDefault(Reason.MALFORMED, 0L);
        assertEquals(Reason.BAD_SIGNATURE, node.onFrame(1, Frames.txs(CHAIN, List.of(badSig, garbage, badSig2))));
        assertEquals(before, node.fingerprint(), "refused entries changed the node");
        assertEquals(queued, c.net.queued());
        assertEquals(bad + 2, node.refusals().get(Reason.BAD_SIGNATURE), "each bad entry counted");
        assertEquals(malformed + 1, node.refusals().get(Reason.MALFORMED));
        // a batch with good and bad entries: used (the good ones are admitted), the bad one refused and counted
        byte[] good2 = c.deposit(3, 70);
        int size = node.mempoolSize();
        assertNull(node.onFrame(1, Frames.txs(CHAIN, List.of(good, badSig, good2))));
        assertEquals(size + 2, node.mempoolSize());
        assertTrue(node.mempoolHas(Mempool.hash(good)) && node.mempoolHas(Mempool.hash(good2)));
        assertEquals(bad + 3, node.refusals().get(Reason.BAD_SIGNATURE));
        // the same batch again: nothing new (duplicates), nothing changed
        refusedAsFirst(Reason.DUPLICATE, 2, Frames.txs(CHAIN, List.of(good, good2)), 2);
        // positive control: a batch of good entries is used
        used(1, Frames.txs(CHAIN, List.of(c.deposit(2, 1), c.deposit(3, 1))));
    }

    /** A frame (a TXS frame: its `entries` entries) refused with `expected`, each counted, the node unchanged. */
    void refusedAsFirst(Reason expected, int peer, byte[] frame, int entries) {
        String before = node.fingerprint();
        int queued = c.net.queued();
        long count = node.refusals().getOrDefault(expected, 0L);
        assertEquals(expected, node.onFrame(peer, frame));
        assertEquals(before, node.fingerprint(), "a refused frame changed the node");
        assertEquals(queued, c.net.queued(), "a refused frame made the node send something");
        assertEquals(count + entries, node.refusals().get(expected), "counted");
    }

    /** A manifest frame laid out by hand: h | total | chunk bytes | count | digest bytes | n | n precommits (zeros) | tail. */
    static byte[] manifestLayout(long h, long total, int chunkBytes, int count, int digestBytes, int n, int tail) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(9 + 26 + digestBytes + n * 120 + tail);
        b.put(Frames.SNAPSHOT_MANIFEST).putLong(CHAIN).putLong(h).putLong(total).putInt(chunkBytes).putInt(count);
        b.position(b.position() + digestBytes);
        b.putShort((short) n);
        return b.array();
    }

    @Test
    void chunkedStateSyncFrames() {
        // SNAPSHOT_MANIFEST: the layout, then (well-formed) nothing was asked
        refused(Reason.MALFORMED, 1, Arrays.copyOf(manifestLayout(h, 100, 10, 10, 320, 3, 50), 9 + 25));
        refused(Reason.MALFORMED, 1, manifestLayout(0, 100, 10, 10, 320, 3, 50)); // height 0
        refused(Reason.MALFORMED, 1, manifestLayout(h, 0, 10, 0, 0, 3, 50)); // empty snapshot
        refused(Reason.MALFORMED, 1, manifestLayout(h, 100, 0, 10, 320, 3, 50)); // chunk size 0
        refused(Reason.MALFORMED, 1, manifestLayout(h, 100, Frames.MAX_CHUNK_BYTES + 1, 1, 32, 3, 50));
        refused(Reason.MALFORMED, 1, manifestLayout(h, 100, 10, 9, 288, 3, 50)); // count is not ceil(total / chunk)
        refused(Reason.MALFORMED, 1, manifestLayout(h, 100, 10, 11, 352, 3, 50));
        refused(Reason.MALFORMED, 1, manifestLayout(h, 2_000, 1, 2_000, 0, 3, 50)); // above MAX_SNAPSHOT_CHUNKS
        refused(Reason.OVERSIZE, 1, manifestLayout(h, Frames.MAX_SNAPSHOT_BYTES + 1, Frames.MAX_CHUNK_BYTES, 1_025, 0, 3,
                50)); // a declared length above 1 GiB: refused before any digest is read
        refused(Reason.MALFORMED, 1, Arrays.copyOf(manifestLayout(h, 100, 10, 10, 320, 3, 50), 9 + 26 + 300)); // digests cut
        refused(Reason.MALFORMED, 1, manifestLayout(h, 100, 10, 10, 320, 0, 50)); // no precommit
        refused(Reason.MALFORMED, 1, manifestLayout(h, 100, 10, 10, 320, 5, 50)); // more precommits than validators
        refused(Reason.MALFORMED, 1, Arrays.copyOf(manifestLayout(h, 100, 10, 10, 320, 3, 0), 9 + 26 + 320 + 2 + 200));
        byte[] big = new byte[Frames.MAX_MANIFEST_FRAME + 1];
        big[0] = Frames.SNAPSHOT_MANIFEST;
        refused(Reason.OVERSIZE, 1, big);
        refused(Reason.UNSOLICITED, 1, manifestLayout(h, 100, 10, 10, 320, 3, 50)); // well-formed, not asked for
        // CHUNK_REQUEST
        refused(Reason.MALFORMED, 1, Arrays.copyOf(Frames.chunkRequest(CHAIN, h, 0), Frames.CHUNK_REQUEST_FRAME - 1));
        refused(Reason.OVERSIZE, 1, Arrays.copyOf(Frames.chunkRequest(CHAIN, h, 0), Frames.CHUNK_REQUEST_FRAME + 1));
        refused(Reason.MALFORMED, 1, Frames.chunkRequest(CHAIN, 0, 0));
        refused(Reason.MALFORMED, 1, Frames.chunkRequest(CHAIN, h, -1));
        refused(Reason.MALFORMED, 1, Frames.chunkRequest(CHAIN, h, Frames.MAX_SNAPSHOT_CHUNKS));
        refused(Reason.WRONG_CHAIN, 1, Frames.chunkRequest(CHAIN + 1, h, 0));
        // CHUNK_RESPONSE
        byte[] snap = new byte[64];
        refused(Reason.MALFORMED, 1, Frames.chunkResponse(CHAIN, h, 0, snap, 0, 0)); // an empty chunk
        refused(Reason.MALFORMED, 1, Frames.chunkResponse(CHAIN, 0, 0, snap, 0, 8));
        refused(Reason.MALFORMED, 1, Frames.chunkResponse(CHAIN, h, -1, snap, 0, 8));
        byte[] bigChunk = new byte[Frames.MAX_CHUNK_RESPONSE_FRAME + 1];
        bigChunk[0] = Frames.CHUNK_RESPONSE;
        refused(Reason.OVERSIZE, 1, bigChunk);
        refused(Reason.UNSOLICITED, 1, Frames.chunkResponse(CHAIN, h, 0, snap, 0, 8)); // well-formed, no sync running
        // SNAPSHOT_GONE
        refused(Reason.MALFORMED, 1, Arrays.copyOf(Frames.snapshotGone(CHAIN, h, 0), Frames.SNAPSHOT_GONE_FRAME - 1));
        refused(Reason.MALFORMED, 1, Frames.snapshotGone(CHAIN, 0, 0));
        refused(Reason.MALFORMED, 1, Frames.snapshotGone(CHAIN, h, h)); // gone and served at once
        refused(Reason.MALFORMED, 1, Frames.snapshotGone(CHAIN, h, -1));
        refused(Reason.UNSOLICITED, 1, Frames.snapshotGone(CHAIN, h, 0)); // nothing asked
        // the retired single-frame SNAPSHOT_RESPONSE (7) and COMMITS (8, 9) types, and 15, are unknown
        for (byte t : new byte[] {7, 8, 9, 15}) {
            byte[] f = Frames.snapshotRequest(CHAIN, 1);
            f[0] = t;
            refused(Reason.MALFORMED, 1, f);
        }
        // positive control: well-formed requests for a snapshot this node does not serve (it has none yet)
        // are answered SNAPSHOT_GONE, and change nothing else
        for (byte[] req : new byte[][] {Frames.chunkRequest(CHAIN, h, 0), Frames.snapshotRequest(CHAIN, h)}) {
            String before = node.fingerprint();
            int queued = c.net.queued();
            assertNull(node.onFrame(1, req));
            assertEquals(queued + 1, c.net.queued(), "answered");
            assertEquals(before, node.fingerprint());
        }
    }
}
