package dev.bulwark.net;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Canonical binary encoding of consensus messages. One fixed layout, big-endian, no optional
 * fields, so every message has exactly one encoding and {@code encode(decode(b))} equals b for
 * every accepted b:
 *
 * <pre>
 * body (31 bytes):  magic 0xB1 | version 1 | type (1 proposal, 2 prevote, 3 precommit)
 *                   | src int32 | h int64 | r int32 | v int64 | vr int32
 * wire (95 bytes):  body | Ed25519 signature (64 bytes) over SIGN_DOMAIN | chainId int64 | body
 * </pre>
 *
 * Decoding checks the form that does not depend on a validator set: type byte, h &gt;= 1,
 * r &gt;= 0, a proposal's v &gt;= 0 and -1 &lt;= vr &lt; r, a vote's v &gt;= -1 and vr = -1.
 */
public final class ConsensusCodec {
    public static final byte MAGIC = (byte) 0xB1;
    public static final byte VERSION = 1;
    public static final int BODY_BYTES = 31;
    public static final int SIGNATURE_BYTES = 64;
    public static final int WIRE_BYTES = BODY_BYTES + SIGNATURE_BYTES;
    /** Larger inputs are refused before any parsing. */
    public static final int MAX_WIRE_BYTES = 1024;
    /** Domain separation of the signed bytes. */
    public static final byte[] SIGN_DOMAIN = "bulwark/consensus/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ConsensusCodec() {
    }

    static byte typeByte(MessageType t) {
        switch (t) {
            case PROPOSAL:
                return 1;
            case PREVOTE:
                return 2;
            default:
                return 3;
        }
    }

    /** The 31-byte body of m. */
    public static byte[] encodeBody(Message m) {
        ByteBuffer b = ByteBuffer.allocate(BODY_BYTES).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).put(VERSION).put(typeByte(m.type())).putInt(m.src()).putLong(m.h()).putInt(m.r())
                .putLong(m.v().id()).putInt(m.vr());
        return b.array();
    }

    /** The bytes a validator signs: domain, chain id, body. */
    public static byte[] signingBytes(long chainId, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(SIGN_DOMAIN.length + 8 + body.length).order(ByteOrder.BIG_ENDIAN);
        b.put(SIGN_DOMAIN).putLong(chainId).put(body);
        return b.array();
    }

    /** body | signature. */
    public static byte[] wire(byte[] body, byte[] signature) {
        if (body.length != BODY_BYTES || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("body or signature of the wrong length");
        }
        byte[] w = new byte[WIRE_BYTES];
        System.arraycopy(body, 0, w, 0, BODY_BYTES);
        System.arraycopy(signature, 0, w, BODY_BYTES, SIGNATURE_BYTES);
        return w;
    }

    /** Decodes a body; throws {@link ConsensusRejectReason#MALFORMED} for anything not canonical. */
    public static Message decodeBody(byte[] body) throws ConsensusRejectedException {
        if (body == null || body.length != BODY_BYTES) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, body == null ? -1 : body.length, BODY_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.BIG_ENDIAN);
        byte magic = b.get();
        byte version = b.get();
        byte type = b.get();
        int src = b.getInt();
        long h = b.getLong();
        int r = b.getInt();
        long v = b.getLong();
        int vr = b.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, magic, version);
        }
        MessageType t;
        if (type == 1) {
            t = MessageType.PROPOSAL;
        } else if (type == 2) {
            t = MessageType.PREVOTE;
        } else if (type == 3) {
            t = MessageType.PRECOMMIT;
        } else {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, type, 0);
        }
        if (h < 1 || r < 0) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, h, r);
        }
        boolean ok = t == MessageType.PROPOSAL ? v >= 0 && vr >= -1 && vr < r : v >= Value.NIL_ID && vr == -1;
        if (!ok) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, v, vr);
        }
        return new Message(t, src, h, r, Value.of(v), vr);
    }
}
