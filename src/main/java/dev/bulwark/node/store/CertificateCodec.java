package dev.bulwark.node.store;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.Value;
import dev.bulwark.net.ConsensusCodec;
import java.nio.ByteBuffer;

/**
 * A commit certificate on disk: {@code h (8) | r (4) | value kind (1) | digest (32) | n (4; -1: no precommits) | n
 * message bodies (ConsensusCodec, 56 bytes each)}; n at most {@link ValidatorSet#MAX_VALIDATORS}.
 * The signatures are in the node's commit store, not here.
 */
public final class CertificateCodec {
    private CertificateCodec() {
    }

    public static byte[] encode(Certificate c) {
        int n = c.hasPrecommits() ? c.precommitCount() : 0;
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 1 + Value.DIGEST_BYTES + 4 + n * ConsensusCodec.BODY_BYTES);
        b.putLong(c.h()).putInt(c.r()).put(c.v().isNil() ? (byte) 1 : (byte) 0).put(c.v().digest())
                .putInt(c.hasPrecommits() ? n : -1);
        for (int i = 0; i < n; i++) {
            b.put(ConsensusCodec.encodeBody(c.precommitAt(i)));
        }
        return b.array();
    }

    /** Decodes a certificate; {@link StoreReason#CORRUPT} for bytes that are not one. */
    public static Certificate decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long h = b.getLong();
            int r = b.getInt();
            byte kind = b.get();
            byte[] d = new byte[Value.DIGEST_BYTES];
            b.get(d);
            Value v = ConsensusCodec.decodeValue(kind, d);
            int n = b.getInt();
            if (n == -1 && !b.hasRemaining()) {
                return new Certificate(h, r, v, (Message[]) null);
            }
            if (n < 0 || n > ValidatorSet.MAX_VALIDATORS || b.remaining() != n * ConsensusCodec.BODY_BYTES) {
                throw new StoreException(StoreReason.CORRUPT, n, b.remaining());
            }
            Message[] ms = new Message[n];
            for (int i = 0; i < n; i++) {
                byte[] body = new byte[ConsensusCodec.BODY_BYTES];
                b.get(body);
                ms[i] = ConsensusCodec.decodeBody(body);
            }
            return new Certificate(h, r, v, ms);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(StoreReason.CORRUPT, bytes.length, 0, e);
        }
    }
}
