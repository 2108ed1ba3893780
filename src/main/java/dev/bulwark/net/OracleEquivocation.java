package dev.bulwark.net;

import java.security.PublicKey;
import java.util.Arrays;

/**
 * Evidence of an equivocation that anyone holding the reporter's public key can check: the two
 * different signed reports a reporter sent for the same chain, feed and round, exactly as
 * received (the oracle core keeps only {@code (reporter, round)}).  Kept by
 * {@link OracleGateway}, under its bound, until taken for slashing.
 *
 * @param reporter the reporter that signed both
 * @param round    the round both are for
 * @param first    the first accepted message (payload and signature)
 * @param second   the second, different message (payload and signature)
 */
public record OracleEquivocation(int reporter, int round, byte[] first, byte[] second) {
    public OracleEquivocation {
        first = first.clone();
        second = second.clone();
    }

    @Override
    public byte[] first() {
        return first.clone();
    }

    @Override
    public byte[] second() {
        return second.clone();
    }

    /**
     * True iff both messages decode, name {@code chainId}, {@code feedId}, this reporter and this
     * round, carry different prices, and both signatures verify under {@code key}.
     */
    public boolean proves(PublicKey key, long chainId, long feedId) {
        try {
            OracleReportCodec.Signed a = OracleReportCodec.decode(first);
            OracleReportCodec.Signed b = OracleReportCodec.decode(second);
            for (OracleReportCodec.Signed s : new OracleReportCodec.Signed[] {a, b}) {
                OracleReport r = s.report();
                if (r.chainId() != chainId || r.feedId() != feedId || r.reporter() != reporter || r.round() != round) {
                    return false;
                }
                if (!Ed25519.verify(key, OracleReportCodec.signingBytes(s.payload()), s.signature())) {
                    return false;
                }
            }
            return a.report().priceTicks() != b.report().priceTicks();
        } catch (OracleGatewayException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OracleEquivocation e && e.reporter == reporter && e.round == round
                && Arrays.equals(e.first, first) && Arrays.equals(e.second, second);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * reporter + round) + Arrays.hashCode(first) + 7 * Arrays.hashCode(second);
    }

    @Override
    public String toString() {
        return "OracleEquivocation[reporter=" + reporter + ", round=" + round + "]";
    }
}
