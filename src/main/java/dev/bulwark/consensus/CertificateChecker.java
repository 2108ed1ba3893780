package dev.bulwark.consensus;

import java.util.List;

/**
 * Checks a commit certificate: a non-null list of at most n messages, each a non-null
 * PRECOMMIT(h, r, v) (type precommit, the certificate's height, round and value, valid round -1
 * as every vote has) from a known validator, no validator twice, and the power of the senders is
 * a quorum ({@code 3 * power > 2 * total}); h &gt;= 1, r &gt;= 0 and v not nil. Anything else is
 * refused (the caller turns the refusal into {@link Reason#INVALID_CERTIFICATE}); nothing here
 * throws.
 */
public final class CertificateChecker {
    private CertificateChecker() {
    }

    /*@ public normal_behavior
      @   requires vs != null;
      @   ensures \result ==> c != null && c.v() != null && c.v().id() >= 0 && c.precommits() != null
      @       && 1 <= c.h() && 0 <= c.r();
      @ pure
      @*/
    public static boolean isValid(ValidatorSet vs, Certificate c) {
        return quorumPower(vs, c) >= 0;
    }

    /**
     * The power of the certificate's signers if the certificate is well formed and a quorum;
     * -1 otherwise.
     */
    /*@ public normal_behavior
      @   requires vs != null;
      @   ensures \result == -1 || (0 <= \result && \result <= vs.totalPower() && ValidatorSet.isQuorum(\result, vs.totalPower()));
      @ pure
      @*/
    public static long quorumPower(ValidatorSet vs, Certificate c) {
        if (c == null || c.v() == null || c.v().id() < 0 || c.precommits() == null || c.h() < 1 || c.r() < 0) {
            return -1;
        }
        List<Message> ms = c.precommits();
        if (ms.size() > vs.size()) {
            return -1;
        }
        boolean[] seen = new boolean[vs.size()];
        long p = 0;
        //@ loop_invariant 0 <= k && k <= ms.size() && 0 <= p && p <= vs.totalPower();
        //@ decreases ms.size() - k;
        for (int k = 0; k < ms.size(); k++) {
            Message m = ms.get(k);
            if (m == null || m.type() != MessageType.PRECOMMIT || m.h() != c.h() || m.r() != c.r() || m.vr() != -1
                    || m.v() == null || !m.v().sameAs(c.v()) || !vs.isKnown(m.src()) || seen[m.src()]) {
                return -1;
            }
            seen[m.src()] = true;
            p = p + vs.power(m.src());
        }
        return ValidatorSet.isQuorum(p, vs.totalPower()) ? p : -1;
    }
}
