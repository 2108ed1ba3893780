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
 * 3     STATUS          height (8) | round (4) | stored height (8)               29
 * 4     BLOCK_RESPONSE  h (8) | n (2) | n signed precommits (120 each) | block   19 + 120 * 1,024 + MAX_BLOCK_BYTES
 * 5     TX              a signed transaction (TxCodec)                           9 + 256
 * </pre>
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

    static final int HEADER = 9;
    /** The type byte and chain id that open every frame. */
    public static final int HEADER_BYTES = HEADER;
    public static final int MAX_CONSENSUS_FRAME = HEADER + ConsensusCodec.MAX_WIRE_BYTES;
    public static final int MAX_PROPOSAL_BLOCK_FRAME = HEADER + 12 + BlockCodec.MAX_BLOCK_BYTES;
    public static final int STATUS_FRAME = HEADER + 20;
    public static final int MAX_BLOCK_RESPONSE_FRAME = HEADER + 10 + ValidatorSet.MAX_VALIDATORS * ConsensusCodec.WIRE_BYTES
            + BlockCodec.MAX_BLOCK_BYTES;
    public static final int MAX_TX_FRAME = HEADER + TxCodec.MAX_TX_BYTES;
    /** The largest frame of any type. */
    public static final int MAX_FRAME_BYTES = MAX_BLOCK_RESPONSE_FRAME;

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

    public static byte[] status(long chainId, long height, int round, long storedHeight) {
        return frame(STATUS, chainId, 20).putLong(height).putInt(round).putLong(storedHeight).array();
    }

    /** A STATUS frame's content. */
    public static final class Status {
        public final long height;
        public final int round;
        public final long storedHeight;

        Status(long height, int round, long storedHeight) {
            this.height = height;
            this.round = round;
            this.storedHeight = storedHeight;
        }
    }

    public static Status decodeStatus(ByteBuffer b) {
        if (b.remaining() != 20) {
            throw new NodeException(Reason.MALFORMED, b.remaining(), 20);
        }
        long h = b.getLong();
        int r = b.getInt();
        long s = b.getLong();
        if (h < 1 || r < 0 || s < 0 || s >= h) {
            throw new NodeException(Reason.MALFORMED, h, s);
        }
        return new Status(h, r, s);
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
