package dev.bulwark.consensus;

/**
 * Proof of equivocation: two messages of the same type from the same validator for the same
 * (h, r) that differ (in value, i.e. in digest, or valid round for proposals). With signatures (kept by the
 * shell) the pair convicts {@link #offender()}. The constructor refuses anything else
 * ({@link Reason#INVALID_EVIDENCE}), so an Evidence object always convicts.
 */
/*@ nullable_by_default @*/ public final class Evidence {
    //@ spec_public
    private final Message first;
    //@ spec_public
    private final Message second;

    //  An Evidence always convicts: two messages of one sender, type, height and round that differ.
    //@ public invariant first != null && second != null && first.v != null && second.v != null
    //@     && first.type == second.type && first.src == second.src && first.h == second.h && first.r == second.r
    //@     && (first.v.nil != second.v.nil || first.v.w0 != second.v.w0 || first.v.w1 != second.v.w1
    //@         || first.v.w2 != second.v.w2 || first.v.w3 != second.v.w3 || first.vr != second.vr);

    /*@ public normal_behavior
      @   requires isPair(first, second);
      @   ensures this.first == first && this.second == second;
      @ also public exceptional_behavior
      @   requires !isPair(first, second);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public Evidence(Message first, Message second) throws ConsensusException {
        if (!isPair(first, second)) {
            throw new ConsensusException(Reason.INVALID_EVIDENCE, first == null ? -1 : first.src(),
                    second == null ? -1 : second.src());
        }
        this.first = first;
        this.second = second;
    }

    /** Do a and b convict their common sender (non-null, with values, an equivocation)? */
    /*@ public normal_behavior
      @   ensures \result == (a != null && b != null && a.v() != null && b.v() != null && a.type() != null
      @       && EvidenceDetector.isEquivocation(a, b));
      @ pure
      @*/
    public static boolean isPair(Message a, Message b) {
        return a != null && b != null && a.v() != null && b.v() != null && a.type() != null
                && EvidenceDetector.isEquivocation(a, b);
    }

    //@ public normal_behavior
    //@   ensures \result == first;
    //@ pure helper
    public Message first() {
        return first;
    }

    //@ public normal_behavior
    //@   ensures \result == second;
    //@ pure helper
    public Message second() {
        return second;
    }

    /** The validator that signed both messages. */
    //@ public normal_behavior
    //@   requires first != null;
    //@   ensures \result == first.src;
    //@ pure helper
    public int offender() {
        return first.src();
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for tests
    public boolean equals(Object o) {
        if (!(o instanceof Evidence)) {
            return false;
        }
        Evidence e = (Evidence) o;
        return first.equals(e.first) && second.equals(e.second);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing
    public int hashCode() {
        return 31 * first.hashCode() + second.hashCode();
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "Evidence[first=" + first + ", second=" + second + "]";
    }
}
