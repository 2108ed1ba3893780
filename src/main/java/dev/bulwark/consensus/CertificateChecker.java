package dev.bulwark.consensus;

/**
 * Checks a commit certificate: precommits given, at most n of them, each a non-null
 * PRECOMMIT(h, r, v) (type precommit, the certificate's height, round and value, valid round -1
 * as every vote has) from a known validator, no validator twice, and the power of the senders is
 * a quorum ({@code 3 * power > 2 * total}); h &gt;= 1, r &gt;= 0 and v not nil. Anything else is
 * refused (the caller turns the refusal into {@link Reason#INVALID_CERTIFICATE}); nothing here
 * throws.
 */
/*@ nullable_by_default @*/ public final class CertificateChecker {
    private CertificateChecker() {
    }

    /*@ public normal_behavior
      @   requires vs != null;
      @   ensures \result == (quorumPower(vs, c) >= 0);
      @   ensures \result ==> c != null && c.v() != null && !c.v().isNil() && c.hasPrecommits()
      @       && 1 <= c.h() && 0 <= c.r();
      @ pure
      @*/
    public static boolean isValid(ValidatorSet vs, Certificate c) {
        return quorumPower(vs, c) >= 0;
    }

    /** Is m PRECOMMIT(h, r, v) with valid round -1? */
    /*@ public normal_behavior
      @   requires c != null && c.v() != null;
      @   ensures \result == (m != null && m.type() == MessageType.PRECOMMIT && m.h() == c.h() && m.r() == c.r()
      @       && m.vr() == -1 && m.v() != null && m.v().sameAs(c.v()));
      @ pure
      @*/
    public static boolean matches(Certificate c, Message m) {
        return m != null && m.type() == MessageType.PRECOMMIT && m.h() == c.h() && m.r() == c.r() && m.vr() == -1
                && m.v() != null && m.v().sameAs(c.v());
    }

    /**
     * The power of the certificate's signers if the certificate is well formed and a quorum;
     * -1 otherwise. (The sum saturates at the total, which distinct validators never exceed.)
     */
    /*@ public normal_behavior
      @   requires vs != null;
      @   ensures \result == -1 || (0 <= \result && \result <= vs.totalPower() && ValidatorSet.isQuorum(\result, vs.totalPower()));
      @   ensures \result >= 0 ==> c != null && c.v() != null && !c.v().isNil() && c.hasPrecommits()
      @       && 1 <= c.h() && 0 <= c.r() && c.precommitCount() <= vs.size()
      @       && (\forall int k; 0 <= k && k < c.precommitCount(); matches(c, c.precommitAt(k))
      @           && vs.isKnown(c.precommitAt(k).src()));
      @ pure
      @*/
    public static long quorumPower(ValidatorSet vs, Certificate c) {
        if (c == null || c.v() == null || c.v().isNil() || !c.hasPrecommits() || c.h() < 1 || c.r() < 0) {
            return -1;
        }
        int count = c.precommitCount();
        if (count > vs.size()) {
            return -1;
        }
        boolean[] seen = new boolean[vs.size()];
        long t = vs.totalPower();
        long p = 0;
        //@ loop_invariant 0 <= k && k <= count && 0 <= p && p <= t && seen.length == vs.size() && count == c.precommits.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; c.precommits[j] != null && c.precommits[j].type == MessageType.PRECOMMIT
        //@     && c.precommits[j].h == c.h && c.precommits[j].r == c.r && c.precommits[j].vr == -1 && c.precommits[j].v != null
        //@     && c.precommits[j].v.nil == c.v.nil && c.precommits[j].v.w0 == c.v.w0 && c.precommits[j].v.w1 == c.v.w1
        //@     && c.precommits[j].v.w2 == c.v.w2 && c.precommits[j].v.w3 == c.v.w3
        //@     && 0 <= c.precommits[j].src && c.precommits[j].src < vs.size());
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            Message m = c.precommitAt(k);
            if (!matches(c, m) || !vs.isKnown(m.src()) || seen[m.src()]) {
                return -1;
            }
            seen[m.src()] = true;
            long s = p + vs.power(m.src());
            p = s <= t ? s : t;
        }
        return ValidatorSet.isQuorum(p, t) ? p : -1;
    }
}
