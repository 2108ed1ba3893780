package dev.bulwark.node;

import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.net.ConsensusCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The node-to-node frames. Every frame is {@code type (1) | chain id (8) | payload}, big-endian,
 * one canonical encoding each (a stream transport adds a 4-byte length prefix and refuses a
 * length above {@link #MAX_FRAME_BYTES} before reading the body):
 *
 * <pre>
 * type  name               payload                                               max frame bytes
 * 1     CONSENSUS          a signed consensus message (ConsensusCodec wire, 120) 9 + 1,024
 * 2     PROPOSAL_BLOCK     h (8) | r (4) | block (BlockCodec)                    21 + MAX_BLOCK_BYTES
 * 3     STATUS             height (8) | round (4) | stored height (8)            45
 *                          | snapshot height (8) | oldest served block (8)
 * 4     BLOCK_RESPONSE     h (8) | n (2) | n signed precommits (120 each) | block 19 + 120 * 1,024 + MAX_BLOCK_BYTES
 * 5     TX                 a signed transaction (TxCodec)                        9 + 256
 * 6     SNAPSHOT_REQUEST   h (8): the snapshot height whose manifest is asked    17
 * 10    SNAPSHOT_MANIFEST  h (8) | total length (8) | chunk bytes (4)            35 + 32 * MAX_SNAPSHOT_CHUNKS
 *                          | chunk count (4) | count SHA-256 digests (32 each)      + 120 * 1,024 + MAX_BLOCK_BYTES
 *                          | n (2) | n signed precommits of block h + 1
 *                          | block h + 1
 * 11    CHUNK_REQUEST      h (8) | index (4)                                     21
 * 12    CHUNK_RESPONSE     h (8) | index (4) | the chunk's bytes (1 ..)          21 + MAX_CHUNK_BYTES
 * 13    SNAPSHOT_GONE      h (8) | the snapshot height served now (8; 0: none)   25
 * 14    TXS                n (2) | n times: length (2) | a signed transaction    11 + 64 * (2 + 256)
 *                          (1 <= n <= MAX_TXS_PER_FRAME, 1 <= length <= 256)     = 16,523
 * </pre>
 *
 * <p>TXS gossips the transactions a node admitted from one client request (or one batch) in one
 * frame instead of one TX frame each: fewer frames, wake-ups and event-loop deliveries per
 * transaction. Each entry is judged on its own (a refused entry does not refuse the others); a
 * peer's transaction budget per gossip period counts a TXS frame's entries, not its frames.
 *
 * Types 7, 8 and 9 are retired and stay unassigned (unknown types, MALFORMED): 7 was the
 * single-frame SNAPSHOT_RESPONSE (snapshot, certificate and block h + 1 in one frame, at most
 * 16 MiB of snapshot), replaced by the chunked protocol for every snapshot size (one path); 8 and
 * 9 (COMMITS_REQUEST and COMMITS_RESPONSE, the signed commits below a state-synced node's base)
 * went when a node restored from a snapshot started to join consensus at once with the consensus
 * core's base-height validator.
 *
 * <p><b>Chunked snapshots.</b> A snapshot of height h is served as a manifest and chunks of
 * {@code chunk bytes} each (the last one shorter): the server's {@code NodeConfig.snapshotChunkBytes},
 * {@link #SNAPSHOT_CHUNK_BYTES} = 1 MiB by default, at most {@link #MAX_CHUNK_BYTES}. The manifest
 * is canonical: total length 1 .. {@link #MAX_SNAPSHOT_BYTES}, chunk count = ceil(total / chunk
 * bytes) <= {@link #MAX_SNAPSHOT_CHUNKS}, one SHA-256 per chunk. The manifest is not signed: the
 * chunk digests only let a receiver drop a bad chunk on arrival; what authenticates the snapshot
 * is the receiver's final check that the reassembled snapshot's app hash is the one block h + 1's
 * certified header carries. A receiver refuses a manifest above its own {@code
 * Snapshot.maxBytes(ledger config)} (OVERSIZE). MAX_SNAPSHOT_BYTES = 1 GiB bounds every
 * configurable ledger (at most 2^20 accounts, 56 bytes each, about 57 MiB with everything else).
 *
 * <p>With the single-frame snapshot gone, the largest frame is the manifest (the block frame plus
 * 32 KiB of digests): {@link #MAX_FRAME_BYTES} is 4,573,020 bytes, about 4.36 MiB (it was about 20.3 MiB).
 *
 * MAX_BLOCK_BYTES is {@link BlockCodec#MAX_BLOCK_BYTES} (about 4.04 MiB); a node also refuses
 * blocks above its configured {@code maxBlockBytes}. Decoding checks the type, the length bounds
 * of the type, the chain id and the exact layout; it throws {@link NodeException} with
 * {@link Reason#MALFORMED}, {@link Reason#OVERSIZE} or {@link Reason#WRONG_CHAIN}, and allocates
 * nothing larger than the frame itself.
 *
 * <p>Not here (the real transport's, not in this slice): the handshake frame, which
 * authenticates a connection's peer index by a signature over ("bulwark/handshake/v1", chain id,
 * both nonces, index).
 */
public final class Frames {
    public static final byte CONSENSUS = 1;
    public static final byte PROPOSAL_BLOCK = 2;
    public static final byte STATUS = 3;
    public static final byte BLOCK_RESPONSE = 4;
    public static final byte TX = 5;
    public static final byte SNAPSHOT_REQUEST = 6;
    public static final byte SNAPSHOT_MANIFEST = 10;
    public static final byte CHUNK_REQUEST = 11;
    public static final byte CHUNK_RESPONSE = 12;
    public static final byte SNAPSHOT_GONE = 13;
    public static final byte TXS = 14;
    /** The most transactions in one TXS frame. */
    public static final int MAX_TXS_PER_FRAME = 64;
    /** The default (production) chunk size of a served snapshot: 1 MiB. */
    public static final int SNAPSHOT_CHUNK_BYTES = 1 << 20;
    /** The largest chunk of a CHUNK_RESPONSE. */
    public static final int MAX_CHUNK_BYTES = SNAPSHOT_CHUNK_BYTES;
    /** The most chunks of one snapshot (the manifest's digests: 32 bytes each). */
    public static final int MAX_SNAPSHOT_CHUNKS = 1_024;
    /** Bound on a snapshot's total length: 1 GiB (MAX_SNAPSHOT_CHUNKS chunks of 1 MiB). */
    public static final long MAX_SNAPSHOT_BYTES = (long) MAX_SNAPSHOT_CHUNKS * SNAPSHOT_CHUNK_BYTES;
    /** The bytes of one chunk digest (SHA-256). */
    public static final int CHUNK_DIGEST_BYTES = 32;

    static final int HEADER = 9;
    /** The type byte and chain id that open every frame. */
    public static final int HEADER_BYTES = HEADER;
    public static final int MAX_CONSENSUS_FRAME = HEADER + ConsensusCodec.MAX_WIRE_BYTES;
    public static final int MAX_PROPOSAL_BLOCK_FRAME = HEADER + 12 + BlockCodec.MAX_BLOCK_BYTES;
    public static final int STATUS_FRAME = HEADER + 36;
    public static final int SNAPSHOT_REQUEST_FRAME = HEADER + 8;
    public static final int MAX_MANIFEST_FRAME = HEADER + 26 + MAX_SNAPSHOT_CHUNKS * CHUNK_DIGEST_BYTES
            + ValidatorSet.MAX_VALIDATORS * ConsensusCodec.WIRE_BYTES + BlockCodec.MAX_BLOCK_BYTES;
    public static final int CHUNK_REQUEST_FRAME = HEADER + 12;
    public static final int MAX_CHUNK_RESPONSE_FRAME = HEADER + 12 + MAX_CHUNK_BYTES;
    public static final int SNAPSHOT_GONE_FRAME = HEADER + 16;
    public static final int MAX_BLOCK_RESPONSE_FRAME = HEADER + 10 + ValidatorSet.MAX_VALIDATORS * ConsensusCodec.WIRE_BYTES
            + BlockCodec.MAX_BLOCK_BYTES;
    public static final int MAX_TX_FRAME = HEADER + TxCodec.MAX_TX_BYTES;
    public static final int MAX_TXS_FRAME = HEADER + 2 + MAX_TXS_PER_FRAME * (2 + TxCodec.MAX_TX_BYTES);
    /** The largest frame of any type (a snapshot manifest: 4,573,020 bytes, about 4.36 MiB). */
    public static final int MAX_FRAME_BYTES = Math.max(MAX_MANIFEST_FRAME, Math.max(MAX_BLOCK_RESPONSE_FRAME,
            Math.max(MAX_PROPOSAL_BLOCK_FRAME, MAX_CHUNK_RESPONSE_FRAME)));

    private Frames() {
    }

    /** The type byte of a frame (MALFORMED for an empty or null one). */
    public static byte type(byte[] f) {
        if (f == null || f.length < 1) {
            throw new NodeException(Reason.MALFORMED, f == null ? -1 : 0, 0);
        }
        return f[0];
    }

    /** The largest frame of a type (MALFORMED for an unknown type). */
    public static int maxBytes(byte type) {
        switch (type) {
            case CONSENSUS:
                return MAX_CONSENSUS_FRAME;
            case PROPOSAL_BLOCK:
                return MAX_PROPOSAL_BLOCK_FRAME;
            case STATUS:
                return STATUS_FRAME;
            case BLOCK_RESPONSE:
                return MAX_BLOCK_RESPONSE_FRAME;
            case TX:
                return MAX_TX_FRAME;
            case TXS:
                return MAX_TXS_FRAME;
            case SNAPSHOT_REQUEST:
                return SNAPSHOT_REQUEST_FRAME;
            case SNAPSHOT_MANIFEST:
                return MAX_MANIFEST_FRAME;
            case CHUNK_REQUEST:
                return CHUNK_REQUEST_FRAME;
            case CHUNK_RESPONSE:
                return MAX_CHUNK_RESPONSE_FRAME;
            case SNAPSHOT_GONE:
                return SNAPSHOT_GONE_FRAME;
            default:
                throw new NodeException(Reason.MALFORMED, type, 0);
        }
    }

    /** Checks type, size bound and chain id; returns a buffer positioned at the payload. */
    public static ByteBuffer open(byte[] f, long chainId) {
        byte t = type(f);
        int max = maxBytes(t);
        if (f.length > max) {
            throw new NodeException(Reason.OVERSIZE, f.length, max);
        }
        if (f.length < HEADER) {
            throw new NodeException(Reason.MALFORMED, f.length, HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(f);
        b.get();
        long chain = b.getLong();
        if (chain != chainId) {
            throw new NodeException(Reason.WRONG_CHAIN, chain, chainId);
        }
        return b;
    }

    private static ByteBuffer frame(byte type, long chainId, int payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload);
        b.put(type).putLong(chainId);
        return b;
    }

    private static byte[] rest(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    // ------------------------------------------------------------------------------------------

    public static byte[] consensus(long chainId, byte[] wire) {
        return frame(CONSENSUS, chainId, wire.length).put(wire).array();
    }

    /** The wire bytes of a CONSENSUS frame (exactly ConsensusCodec.WIRE_BYTES, else MALFORMED). */
    public static byte[] decodeConsensus(ByteBuffer b) {
        if (b.remaining() != ConsensusCodec.WIRE_BYTES) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), ConsensusCodec.WIRE_BYTES);
        }
        return rest(b);
    }

    public static byte[] proposalBlock(long chainId, long h, int r, byte[] block) {
        return frame(PROPOSAL_BLOCK, chainId, 12 + block.length).putLong(h).putInt(r).put(block).array();
    }

    /** A PROPOSAL_BLOCK frame's content. */
    public static final class ProposalBlock {
        public final long h;
        public final int r;
        public final byte[] block;

        ProposalBlock(long h, int r, byte[] block) {
            this.h = h;
            this.r = r;
            this.block = block;
        }
    }

    public static ProposalBlock decodeProposalBlock(ByteBuffer b) {
        if (b.remaining() < 12) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 12);
        }
        long h = b.getLong();
        int r = b.getInt();
        if (h < 1 || r < 0) {
            throw new NodeException(Reason.MALFORMED, h, r);
        }
        return new ProposalBlock(h, r, rest(b));
    }

    /** A status with no snapshot and every block served (tests). */
    public static byte[] status(long chainId, long height, int round, long storedHeight) {
        return status(chainId, height, round, storedHeight, 0, 1);
    }

    public static byte[] status(long chainId, long height, int round, long storedHeight, long snapshotHeight,
            long oldestServed) {
        return frame(STATUS, chainId, 36).putLong(height).putInt(round).putLong(storedHeight).putLong(snapshotHeight)
                .putLong(oldestServed).array();
    }

    /** A STATUS frame's content. */
    public static final class Status {
        public final long height;
        public final int round;
        public final long storedHeight;
        /** The sender's latest snapshot height (0: none), which it serves. */
        public final long snapshotHeight;
        /** The lowest height whose block the sender still serves (blocks below were pruned or never held). */
        public final long oldestServed;

        Status(long height, int round, long storedHeight, long snapshotHeight, long oldestServed) {
            this.height = height;
            this.round = round;
            this.storedHeight = storedHeight;
            this.snapshotHeight = snapshotHeight;
            this.oldestServed = oldestServed;
        }
    }

    public static Status decodeStatus(ByteBuffer b) {
        if (b.remaining() != 36) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 36);
        }
        long h = b.getLong();
        int r = b.getInt();
        long s = b.getLong();
        long snap = b.getLong();
        long oldest = b.getLong();
        if (h < 1 || r < 0 || s < 0 || s >= h || snap < 0 || snap > s || oldest < 1 || oldest > s + 1) {
            throw new NodeException(Reason.MALFORMED, h, s);
        }
        return new Status(h, r, s, snap, oldest);
    }

    public static byte[] snapshotRequest(long chainId, long h) {
        return frame(SNAPSHOT_REQUEST, chainId, 8).putLong(h).array();
    }

    public static long decodeSnapshotRequest(ByteBuffer b) {
        if (b.remaining() != 8) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 8);
        }
        long h = b.getLong();
        if (h < 1) {
            throw new NodeException(Reason.MALFORMED, h, 1);
        }
        return h;
    }

    /** The number of chunks of a snapshot of {@code total} bytes in chunks of {@code chunkBytes}. */
    public static long chunkCount(long total, int chunkBytes) {
        return (total + chunkBytes - 1) / chunkBytes;
    }

    /** The SHA-256 digest of a chunk. */
    public static byte[] chunkDigest(byte[] a, int from, int to) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(a, from, to - from);
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digests of a snapshot's chunks of {@code chunkBytes} (the last one shorter). */
    public static byte[][] chunkDigests(byte[] snapshot, int chunkBytes) {
        int count = (int) chunkCount(snapshot.length, chunkBytes);
        byte[][] d = new byte[count][];
        for (int i = 0; i < count; i++) {
            int from = i * chunkBytes;
            d[i] = chunkDigest(snapshot, from, Math.min(snapshot.length, from + chunkBytes));
        }
        return d;
    }

    public static byte[] snapshotManifest(long chainId, long h, long total, int chunkBytes, byte[][] digests,
            byte[][] precommits, byte[] nextBlock) {
        ByteBuffer b = frame(SNAPSHOT_MANIFEST, chainId, 26 + digests.length * CHUNK_DIGEST_BYTES
                + precommits.length * ConsensusCodec.WIRE_BYTES + nextBlock.length);
        b.putLong(h).putLong(total).putInt(chunkBytes).putInt(digests.length);
        for (byte[] d : digests) {
            b.put(d);
        }
        b.putShort((short) precommits.length);
        for (byte[] p : precommits) {
            b.put(p);
        }
        return b.put(nextBlock).array();
    }

    /** A SNAPSHOT_MANIFEST frame's content (the layout checked, nothing else). */
    public static final class SnapshotManifest {
        public final long h;
        public final long total;
        public final int chunkBytes;
        public final byte[][] digests;
        public final byte[][] precommits;
        public final byte[] nextBlock;

        SnapshotManifest(long h, long total, int chunkBytes, byte[][] digests, byte[][] precommits, byte[] nextBlock) {
            this.h = h;
            this.total = total;
            this.chunkBytes = chunkBytes;
            this.digests = digests;
            this.precommits = precommits;
            this.nextBlock = nextBlock;
        }

        public int count() {
            return digests.length;
        }

        /** The length of chunk i (the last one holds the rest). */
        public int chunkLength(int i) {
            return (int) Math.min(chunkBytes, total - (long) i * chunkBytes);
        }
    }

    /**
     * Decodes a manifest: h >= 1, total length 1 .. MAX_SNAPSHOT_BYTES (above: OVERSIZE), chunk
     * bytes 1 .. MAX_CHUNK_BYTES, chunk count exactly ceil(total / chunk bytes) (at most
     * MAX_SNAPSHOT_CHUNKS), n precommits 1 .. validators, then block h + 1 (MALFORMED otherwise).
     * Allocates nothing before the lengths are checked against the frame.
     */
    public static SnapshotManifest decodeSnapshotManifest(ByteBuffer b, int validators) {
        if (b.remaining() < 26) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 26);
        }
        long h = b.getLong();
        long total = b.getLong();
        int chunkBytes = b.getInt();
        int count = b.getInt();
        if (h < 1 || total < 1 || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            throw new NodeException(Reason.MALFORMED, h, total);
        }
        if (total > MAX_SNAPSHOT_BYTES) {
            throw new NodeException(Reason.OVERSIZE, total, MAX_SNAPSHOT_BYTES);
        }
        if (count != chunkCount(total, chunkBytes) || count > MAX_SNAPSHOT_CHUNKS
                || b.remaining() < (long) count * CHUNK_DIGEST_BYTES + 2) {
            throw new NodeException(Reason.MALFORMED, count, chunkBytes);
        }
        byte[][] digests = new byte[count][CHUNK_DIGEST_BYTES];
        for (int i = 0; i < count; i++) {
            b.get(digests[i]);
        }
        int n = b.getShort() & 0xFFFF;
        if (n < 1 || n > validators || b.remaining() < n * ConsensusCodec.WIRE_BYTES) {
            throw new NodeException(Reason.MALFORMED, n, validators);
        }
        byte[][] p = new byte[n][ConsensusCodec.WIRE_BYTES];
        for (int i = 0; i < n; i++) {
            b.get(p[i]);
        }
        return new SnapshotManifest(h, total, chunkBytes, digests, p, rest(b));
    }

    public static byte[] chunkRequest(long chainId, long h, int index) {
        return frame(CHUNK_REQUEST, chainId, 12).putLong(h).putInt(index).array();
    }

    /** A CHUNK_REQUEST or the head of a CHUNK_RESPONSE: the snapshot height and the chunk index. */
    public static final class Chunk {
        public final long h;
        public final int index;
        /** The chunk's bytes (a CHUNK_RESPONSE's; null for a request). */
        public final byte[] bytes;

        Chunk(long h, int index, byte[] bytes) {
            this.h = h;
            this.index = index;
            this.bytes = bytes;
        }
    }

    public static Chunk decodeChunkRequest(ByteBuffer b) {
        if (b.remaining() != 12) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 12);
        }
        long h = b.getLong();
        int index = b.getInt();
        if (h < 1 || index < 0 || index >= MAX_SNAPSHOT_CHUNKS) {
            throw new NodeException(Reason.MALFORMED, h, index);
        }
        return new Chunk(h, index, null);
    }

    public static byte[] chunkResponse(long chainId, long h, int index, byte[] snapshot, int from, int to) {
        return frame(CHUNK_RESPONSE, chainId, 12 + to - from).putLong(h).putInt(index).put(snapshot, from, to - from).array();
    }

    public static Chunk decodeChunkResponse(ByteBuffer b) {
        if (b.remaining() < 13) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 13);
        }
        long h = b.getLong();
        int index = b.getInt();
        if (h < 1 || index < 0 || index >= MAX_SNAPSHOT_CHUNKS) {
            throw new NodeException(Reason.MALFORMED, h, index);
        }
        return new Chunk(h, index, rest(b));
    }

    public static byte[] snapshotGone(long chainId, long h, long servedNow) {
        return frame(SNAPSHOT_GONE, chainId, 16).putLong(h).putLong(servedNow).array();
    }

    /** A SNAPSHOT_GONE frame: the snapshot of height h is not served (any more); the one served now (0: none). */
    public static long[] decodeSnapshotGone(ByteBuffer b) {
        if (b.remaining() != 16) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 16);
        }
        long h = b.getLong();
        long now = b.getLong();
        if (h < 1 || now < 0 || now == h) {
            throw new NodeException(Reason.MALFORMED, h, now);
        }
        return new long[] {h, now};
    }

    public static byte[] blockResponse(long chainId, long h, byte[][] precommits, byte[] block) {
        ByteBuffer b = frame(BLOCK_RESPONSE, chainId, 10 + precommits.length * ConsensusCodec.WIRE_BYTES + block.length);
        b.putLong(h).putShort((short) precommits.length);
        for (byte[] p : precommits) {
            b.put(p);
        }
        return b.put(block).array();
    }

    /** A BLOCK_RESPONSE frame's content (nothing checked beyond the layout). */
    public static final class BlockResponse {
        public final long h;
        public final byte[][] precommits;
        public final byte[] block;

        BlockResponse(long h, byte[][] precommits, byte[] block) {
            this.h = h;
            this.precommits = precommits;
            this.block = block;
        }
    }

    public static BlockResponse decodeBlockResponse(ByteBuffer b, int validators) {
        if (b.remaining() < 10) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 10);
        }
        long h = b.getLong();
        int n = b.getShort() & 0xFFFF;
        if (h < 1 || n < 1 || n > validators) {
            throw new NodeException(Reason.MALFORMED, h, n);
        }
        if (b.remaining() < n * ConsensusCodec.WIRE_BYTES) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), n);
        }
        byte[][] p = new byte[n][ConsensusCodec.WIRE_BYTES];
        for (int i = 0; i < n; i++) {
            b.get(p[i]);
        }
        return new BlockResponse(h, p, rest(b));
    }

    public static byte[] tx(long chainId, byte[] signedTx) {
        return frame(TX, chainId, signedTx.length).put(signedTx).array();
    }

    public static byte[] decodeTx(ByteBuffer b) {
        return rest(b);
    }

    /** A TXS frame of 1 .. MAX_TXS_PER_FRAME signed transactions (each 1 .. TxCodec.MAX_TX_BYTES bytes). */
    public static byte[] txs(long chainId, java.util.List<byte[]> signedTxs) {
        int n = signedTxs.size();
        if (n < 1 || n > MAX_TXS_PER_FRAME) {
            throw new IllegalArgumentException("a TXS frame holds 1.." + MAX_TXS_PER_FRAME + " transactions, not " + n);
        }
        int bytes = 2;
        for (byte[] t : signedTxs) {
            if (t.length < 1 || t.length > TxCodec.MAX_TX_BYTES) {
                throw new IllegalArgumentException("a transaction of " + t.length + " bytes");
            }
            bytes += 2 + t.length;
        }
        ByteBuffer b = frame(TXS, chainId, bytes).putShort((short) n);
        for (byte[] t : signedTxs) {
            b.putShort((short) t.length).put(t);
        }
        return b.array();
    }

    /**
     * The transactions of a TXS frame: MALFORMED unless n is 1 .. MAX_TXS_PER_FRAME, every length
     * is 1 .. TxCodec.MAX_TX_BYTES and the entries fill the payload exactly.
     */
    public static java.util.List<byte[]> decodeTxs(ByteBuffer b) {
        if (b.remaining() < 2) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 2);
        }
        int n = b.getShort() & 0xFFFF;
        if (n < 1 || n > MAX_TXS_PER_FRAME) {
            throw new NodeException(Reason.MALFORMED, n, MAX_TXS_PER_FRAME);
        }
        java.util.List<byte[]> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (b.remaining() < 2) {
                throw new NodeException(Reason.MALFORMED, i, n);
            }
            int len = b.getShort() & 0xFFFF;
            if (len < 1 || len > TxCodec.MAX_TX_BYTES || len > b.remaining()) {
                throw new NodeException(Reason.MALFORMED, len, TxCodec.MAX_TX_BYTES);
            }
            byte[] t = new byte[len];
            b.get(t);
            out.add(t);
        }
        if (b.hasRemaining()) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 0);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // The signed commit kept per stored height (CommitStore): n (2) | n signed precommits

    public static byte[] encodeCommit(byte[][] precommits) {
        ByteBuffer b = ByteBuffer.allocate(2 + precommits.length * ConsensusCodec.WIRE_BYTES);
        b.putShort((short) precommits.length);
        for (byte[] p : precommits) {
            b.put(p);
        }
        return b.array();
    }

    public static byte[][] decodeCommit(byte[] c) {
        ByteBuffer b = ByteBuffer.wrap(c);
        int n = b.getShort() & 0xFFFF;
        if (c.length != 2 + n * ConsensusCodec.WIRE_BYTES) {
            throw new NodeException(Reason.MALFORMED, c.length, n);
        }
        byte[][] p = new byte[n][ConsensusCodec.WIRE_BYTES];
        for (int i = 0; i < n; i++) {
            b.get(p[i]);
        }
        return p;
    }

    static byte[] copy(byte[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
