package dev.bulwark.node;

import dev.bulwark.consensus.Step;
import dev.bulwark.consensus.Value;
import dev.bulwark.net.ConsensusCodec;
import java.nio.ByteBuffer;

/**
 * The records of the consensus WAL ({@link ConsensusWal}), each {@code kind (1) | payload}:
 *
 * <pre>
 * 1 OWN    a message this validator signed (ConsensusCodec wire, 120 bytes)  -- synced before it is sent
 * 2 RECV   a message received and accepted by the validator (wire, 120 bytes)
 * 3 BLOCK  h (8) | r (4) | block bytes: a proposal block held as valid (received or built)
 * 4 STATE  h (8) | r (4) | step (1) | lockedRound (4) | lockedValue (33) | validRound (4) | validValue (33)
 * </pre>
 *
 * A value is encoded as ConsensusCodec does it: kind (0 digest, 1 nil) and 32 digest bytes.
 * The decision log is not in STATE: the decisions of heights below the state's are the values
 * of the blocks in the block store.
 */
public final class WalRecord {
    public static final byte OWN = 1;
    public static final byte RECV = 2;
    public static final byte BLOCK = 3;
    public static final byte STATE = 4;

    public final byte kind;
    /** OWN, RECV: the wire; BLOCK: the block bytes. */
    public final byte[] bytes;
    public final long h;
    public final int r;
    public final Step step;
    public final int lockedRound;
    public final Value lockedValue;
    public final int validRound;
    public final Value validValue;

    private WalRecord(byte kind, byte[] bytes, long h, int r, Step step, int lockedRound, Value lockedValue, int validRound,
            Value validValue) {
        this.kind = kind;
        this.bytes = bytes;
        this.h = h;
        this.r = r;
        this.step = step;
        this.lockedRound = lockedRound;
        this.lockedValue = lockedValue;
        this.validRound = validRound;
        this.validValue = validValue;
    }

    public static byte[] message(byte kind, byte[] wire) {
        byte[] b = new byte[1 + wire.length];
        b[0] = kind;
        System.arraycopy(wire, 0, b, 1, wire.length);
        return b;
    }

    public static byte[] block(long h, int r, byte[] block) {
        return ByteBuffer.allocate(13 + block.length).put(BLOCK).putLong(h).putInt(r).put(block).array();
    }

    public static byte[] state(long h, int r, Step step, int lockedRound, Value lockedValue, int validRound, Value validValue) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + 1 + 4 + 33 + 4 + 33);
        b.put(STATE).putLong(h).putInt(r).put((byte) step.ordinal()).putInt(lockedRound);
        putValue(b, lockedValue);
        b.putInt(validRound);
        putValue(b, validValue);
        return b.array();
    }

    private static void putValue(ByteBuffer b, Value v) {
        b.put(v.isNil() ? (byte) 1 : (byte) 0).put(v.digest());
    }

    private static Value getValue(ByteBuffer b) {
        byte kind = b.get();
        byte[] d = new byte[Value.DIGEST_BYTES];
        b.get(d);
        return ConsensusCodec.decodeValue(kind, d);
    }

    /** Decodes a record (IllegalStateException for a corrupt one: the WAL is the node's own disk). */
    public static WalRecord decode(byte[] rec) {
        try {
            ByteBuffer b = ByteBuffer.wrap(rec);
            byte kind = b.get();
            switch (kind) {
                case OWN:
                case RECV: {
                    byte[] w = new byte[b.remaining()];
                    b.get(w);
                    return new WalRecord(kind, w, 0, 0, null, 0, null, 0, null);
                }
                case BLOCK: {
                    long h = b.getLong();
                    int r = b.getInt();
                    byte[] blk = new byte[b.remaining()];
                    b.get(blk);
                    return new WalRecord(kind, blk, h, r, null, 0, null, 0, null);
                }
                case STATE: {
                    long h = b.getLong();
                    int r = b.getInt();
                    Step step = Step.values()[b.get()];
                    int lr = b.getInt();
                    Value lv = getValue(b);
                    int vr = b.getInt();
                    Value vv = getValue(b);
                    if (b.hasRemaining()) {
                        throw new IllegalStateException("trailing bytes in a WAL state record");
                    }
                    return new WalRecord(kind, null, h, r, step, lr, lv, vr, vv);
                }
                default:
                    throw new IllegalStateException("unknown WAL record kind " + kind);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt WAL record", e);
        }
    }
}
