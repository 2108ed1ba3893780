package dev.bulwark.net;

import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Canonical binary encoding of consensus messages. One fixed layout, big-endian, no optional
 * fields, so every message has exactly one encoding and {@code encode(decode(b))} equals b for
 * every accepted b:
 *
 * <pre>
 * body (56 bytes):  magic 0xB1 | version 2 | type (1 proposal, 2 prevote, 3 precommit)
 *                   | src int32 | h int64 | r int32
 *                   | value kind (0 block digest, 1 nil) | value digest (32 bytes) | vr int32
 * wire (120 bytes): body | Ed25519 signature (64 bytes) over the signing bytes
 * signing bytes:    purpose tag | chainId int64 | body
 * purpose tags:     "bulwark/consensus/proposal/v2\0", "bulwark/consensus/prevote/v2\0",
 *                   "bulwark/consensus/precommit/v2\0"   (ASCII, NUL-terminated)
 * </pre>
 *
 * The value is the full 32-byte SHA-256 digest of the block (version 1 carried a 64-bit id, a
 * prefix a Byzantine proposer could collide with about 2^32 work); nil has kind 1 and 32 zero
 * bytes (any other digest bytes with kind 1, and any kind other than 0 and 1, are not canonical
 * and refused).
 *
 * <p>Domain separation: the signed bytes begin with a tag that names the protocol, the message's
 * purpose (its type) and the format version, then the chain id. A signature is therefore valid
 * for one chain and one purpose only: it verifies on no other chain, for no other message type,
 * and for no other signed object of the project whose tag differs. The tags are NUL-terminated
 * ASCII strings without NUL inside, so no tag is a prefix of another and the split of signed
 * bytes into tag, chain and body is unique.
 *
 * <p>Encoding and decoding check the form that does not depend on a validator set: type, h &gt;=
 * 1, r &gt;= 0, a proposal's value not nil and -1 &lt;= vr &lt; r, a vote's vr = -1, the value's
 * kind and padding, the lengths. Every refusal is a {@link ConsensusRejectedException}
 * ({@link ConsensusRejectReason#MALFORMED}).
 */
public final class ConsensusCodec {
    public static final byte MAGIC = (byte) 0xB1;
    public static final byte VERSION = 2;
    /** Offset of the value kind byte in the body; the 32 digest bytes follow it. */
    public static final int VALUE_OFFSET = 3 + 4 + 8 + 4;
    public static final int BODY_BYTES = VALUE_OFFSET + 1 + Value.DIGEST_BYTES + 4;
    public static final int SIGNATURE_BYTES = 64;
    public static final int WIRE_BYTES = BODY_BYTES + SIGNATURE_BYTES;
    /** Larger inputs are refused before any parsing. */
    public static final int MAX_WIRE_BYTES = 1024;
    private static final byte KIND_DIGEST = 0;
    private static final byte KIND_NIL = 1;

    private static final byte[] TAG_PROPOSAL = tag("bulwark/consensus/proposal/v2");
    private static final byte[] TAG_PREVOTE = tag("bulwark/consensus/prevote/v2");
    private static final byte[] TAG_PRECOMMIT = tag("bulwark/consensus/precommit/v2");

    private ConsensusCodec() {
    }

    private static byte[] tag(String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        byte[] t = new byte[a.length + 1];
        System.arraycopy(a, 0, t, 0, a.length);
        return t; // NUL-terminated
    }

    /** The purpose tag that begins the signing bytes of a message of type t (a copy). */
    public static byte[] purposeTag(MessageType t) throws ConsensusRejectedException {
        if (t == null) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, -1, 0);
        }
        return tagOf(typeByte(t)).clone();
    }

    private static byte[] tagOf(byte typeByte) {
        switch (typeByte) {
            case 1:
                return TAG_PROPOSAL;
            case 2:
                return TAG_PREVOTE;
            case 3:
                return TAG_PRECOMMIT;
            default:
                throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, typeByte, 0);
        }
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

    /** The form every encoded message has (see the class comment). */
    private static boolean wellFormed(MessageType t, long h, int r, Value v, int vr) {
        if (t == null || v == null || h < 1 || r < 0) {
            return false;
        }
        return t == MessageType.PROPOSAL ? !v.isNil() && vr >= -1 && vr < r : vr == -1;
    }

    /** The 56-byte body of m; {@link ConsensusRejectReason#MALFORMED} for a message that has no canonical encoding. */
    public static byte[] encodeBody(Message m) throws ConsensusRejectedException {
        if (m == null || !wellFormed(m.type(), m.h(), m.r(), m.v(), m.vr())) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, m == null ? -1 : m.h(), m == null ? -1 : m.r());
        }
        ByteBuffer b = ByteBuffer.allocate(BODY_BYTES).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).put(VERSION).put(typeByte(m.type())).putInt(m.src()).putLong(m.h()).putInt(m.r())
                .put(m.v().isNil() ? KIND_NIL : KIND_DIGEST).put(m.v().digest()).putInt(m.vr());
        return b.array();
    }

    /**
     * The value a message's 33 value bytes encode (kind, digest): {@link ConsensusRejectReason#MALFORMED}
     * for a kind other than 0 and 1, nil with digest bytes that are not all zero, or a digest of
     * the wrong length.
     */
    public static Value decodeValue(byte kind, byte[] digest) throws ConsensusRejectedException {
        if (digest == null || digest.length != Value.DIGEST_BYTES) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, digest == null ? -1 : digest.length,
                    Value.DIGEST_BYTES);
        }
        if (kind == KIND_DIGEST) {
            return Value.ofDigest(digest);
        }
        if (kind != KIND_NIL) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, kind, 0);
        }
        for (byte x : digest) {
            if (x != 0) {
                throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, kind, x);
            }
        }
        return Value.NIL;
    }

    /**
     * The bytes a validator signs for a body: the purpose tag of the body's type, the chain id,
     * the body. {@link ConsensusRejectReason#MALFORMED} for a body of the wrong length, magic,
     * version or type.
     */
    public static byte[] signingBytes(long chainId, byte[] body) throws ConsensusRejectedException {
        if (body == null || body.length != BODY_BYTES || body[0] != MAGIC || body[1] != VERSION) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, body == null ? -1 : body.length, BODY_BYTES);
        }
        byte[] tag = tagOf(body[2]);
        ByteBuffer b = ByteBuffer.allocate(tag.length + 8 + BODY_BYTES).order(ByteOrder.BIG_ENDIAN);
        b.put(tag).putLong(chainId).put(body);
        return b.array();
    }

    /** body | signature; {@link ConsensusRejectReason#MALFORMED} for lengths other than BODY_BYTES and 64. */
    public static byte[] wire(byte[] body, byte[] signature) throws ConsensusRejectedException {
        if (body == null || signature == null || body.length != BODY_BYTES || signature.length != SIGNATURE_BYTES) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, body == null ? -1 : body.length,
                    signature == null ? -1 : signature.length);
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
        byte kind = b.get();
        byte[] digest = new byte[Value.DIGEST_BYTES];
        b.get(digest);
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
        Value v = decodeValue(kind, digest);
        if (!wellFormed(t, h, r, v, vr)) {
            throw new ConsensusRejectedException(ConsensusRejectReason.MALFORMED, kind, vr);
        }
        return new Message(t, src, h, r, v, vr);
    }
}
