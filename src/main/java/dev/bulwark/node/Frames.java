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
 * type  name            payload                                                  max frame bytes
 * 1     CONSENSUS       a signed consensus message (ConsensusCodec wire, 120)    9 + 1,024
 * 2     PROPOSAL_BLOCK  h (8) | r (4) | block (BlockCodec)                       21 + MAX_BLOCK_BYTES
 * 3     STATUS          height (8) | round (4) | stored height (8)               45
 *                       | snapshot height (8) | oldest served block (8)
 * 4     BLOCK_RESPONSE  h (8) | n (2) | n signed precommits (120 each) | block   19 + 120 * 1,024 + MAX_BLOCK_BYTES
 * 5     TX              a signed transaction (TxCodec)                           9 + 256
 * 6     SNAPSHOT_REQUEST   h (8): the snapshot height asked for                  17
 * 7     SNAPSHOT_RESPONSE  h (8) | snapshot length (4) | snapshot (Snapshot)     21 + MAX_SNAPSHOT_BYTES + 2
 *                          | n (2) | n signed precommits of block h + 1           + 120 * 1,024 + MAX_BLOCK_BYTES
 *                          | block h + 1
 * </pre>
 *
 * Types 8 and 9 (COMMITS_REQUEST and COMMITS_RESPONSE, the signed commits below a state-synced
 * node's base) are retired: a node restored from a snapshot joins consensus at once with the
 * consensus core's base-height validator and needs no decision below its base. They are unknown
 * types now (MALFORMED), and stay unassigned.
 *
 * A snapshot travels in one frame: {@link #MAX_SNAPSHOT_BYTES} = 16 MiB bounds it, which holds a
 * ledger of up to about 290,000 accounts ({@code Snapshot.maxBytes(config)} is the bound of a
 * configuration: 56 bytes per account of {@code maxAccounts}, 32 per reporter, the governance
 * slots and 4 per result of a block). A node whose configured ledger could exceed it serves and
 * requests no snapshot (chunking is not built).
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
    public static final byte SNAPSHOT_RESPONSE = 7;
    /** Bound on the snapshot bytes of one SNAPSHOT_RESPONSE. */
    public static final int MAX_SNAPSHOT_BYTES = 16 << 20;

    static final int HEADER = 9;
    /** The type byte and chain id that open every frame. */
    public static final int HEADER_BYTES = HEADER;
    public static final int MAX_CONSENSUS_FRAME = HEADER + ConsensusCodec.MAX_WIRE_BYTES;
    public static final int MAX_PROPOSAL_BLOCK_FRAME = HEADER + 12 + BlockCodec.MAX_BLOCK_BYTES;
    public static final int STATUS_FRAME = HEADER + 36;
    public static final int SNAPSHOT_REQUEST_FRAME = HEADER + 8;
    public static final int MAX_SNAPSHOT_RESPONSE_FRAME = HEADER + 12 + MAX_SNAPSHOT_BYTES + 2
            + ValidatorSet.MAX_VALIDATORS * ConsensusCodec.WIRE_BYTES + BlockCodec.MAX_BLOCK_BYTES;
    public static final int MAX_BLOCK_RESPONSE_FRAME = HEADER + 10 + ValidatorSet.MAX_VALIDATORS * ConsensusCodec.WIRE_BYTES
            + BlockCodec.MAX_BLOCK_BYTES;
    public static final int MAX_TX_FRAME = HEADER + TxCodec.MAX_TX_BYTES;
    /** The largest frame of any type (a snapshot response: about 20.2 MiB). */
    public static final int MAX_FRAME_BYTES = MAX_SNAPSHOT_RESPONSE_FRAME;

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
            case SNAPSHOT_REQUEST:
                return SNAPSHOT_REQUEST_FRAME;
            case SNAPSHOT_RESPONSE:
                return MAX_SNAPSHOT_RESPONSE_FRAME;
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

    public static byte[] snapshotResponse(long chainId, long h, byte[] snapshot, byte[][] precommits, byte[] nextBlock) {
        ByteBuffer b = frame(SNAPSHOT_RESPONSE, chainId, 14 + snapshot.length + precommits.length * ConsensusCodec.WIRE_BYTES
                + nextBlock.length);
        b.putLong(h).putInt(snapshot.length).put(snapshot).putShort((short) precommits.length);
        for (byte[] p : precommits) {
            b.put(p);
        }
        return b.put(nextBlock).array();
    }

    /** A SNAPSHOT_RESPONSE frame's content (nothing checked beyond the layout). */
    public static final class SnapshotResponse {
        public final long h;
        public final byte[] snapshot;
        public final byte[][] precommits;
        public final byte[] nextBlock;

        SnapshotResponse(long h, byte[] snapshot, byte[][] precommits, byte[] nextBlock) {
            this.h = h;
            this.snapshot = snapshot;
            this.precommits = precommits;
            this.nextBlock = nextBlock;
        }
    }

    public static SnapshotResponse decodeSnapshotResponse(ByteBuffer b, int validators) {
        if (b.remaining() < 14) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 14);
        }
        long h = b.getLong();
        int len = b.getInt();
        if (h < 1 || len < 0) {
            throw new NodeException(Reason.MALFORMED, h, len);
        }
        if (len > MAX_SNAPSHOT_BYTES) {
            throw new NodeException(Reason.OVERSIZE, len, MAX_SNAPSHOT_BYTES);
        }
        if (b.remaining() < len + 2) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), len);
        }
        byte[] snap = new byte[len];
        b.get(snap);
        int n = b.getShort() & 0xFFFF;
        if (n < 1 || n > validators || b.remaining() < n * ConsensusCodec.WIRE_BYTES) {
            throw new NodeException(Reason.MALFORMED, n, validators);
        }
        byte[][] p = new byte[n][ConsensusCodec.WIRE_BYTES];
        for (int i = 0; i < n; i++) {
            b.get(p[i]);
        }
        return new SnapshotResponse(h, snap, p, rest(b));
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
