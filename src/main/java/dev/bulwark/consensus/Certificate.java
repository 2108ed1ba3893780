package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.List;

/**
 * A commit certificate for (h, r, v): PRECOMMIT(h, r, v) messages from distinct known validators
 * whose power is a quorum. In the core the signatures are assumed checked by the shell.
 *
 * <p>The constructors accept anything (a certificate comes from a peer): they only copy the
 * messages (nulls included) so that the caller cannot change them later. Whether it is a
 * certificate at all is {@link CertificateChecker}'s question, answered with a typed refusal
 * ({@link Reason#INVALID_CERTIFICATE}) by {@link Validator#catchup}.
 */
/*@ nullable_by_default @*/ public final class Certificate {
    //@ spec_public
    private final long h;
    //@ spec_public
    private final int r;
    //@ spec_public
    private final Value v;
    /** The precommits (a private copy; null if the certificate was built without any). */
    //@ spec_public
    private final Message[] precommits;

    /*@ public normal_behavior
      @   ensures this.h == h && this.r == r && this.v == v && (precommits == null <==> this.precommits == null);
      @   ensures precommits != null ==> this.precommits.length == precommits.length
      @       && (\forall int k; 0 <= k && k < precommits.length; this.precommits[k] == precommits[k]);
      @*/
    //-RAC@   ensures precommits != null ==> \fresh(this.precommits);
    //@ pure
    public Certificate(long h, int r, Value v, Message[] precommits) {
        this.h = h;
        this.r = r;
        this.v = v;
        if (precommits == null) {
            this.precommits = null;
        } else {
            Message[] c = new Message[precommits.length];
            //@ loop_invariant 0 <= k && k <= precommits.length;
            //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == precommits[j]);
            //@ decreases precommits.length - k;
            for (int k = 0; k < precommits.length; k++) {
                c[k] = precommits[k];
            }
            this.precommits = c;
        }
    }

    /** Glue: the same from a list (null gives none). */
    /*@ skipesc @*/ // glue: copies a library collection into the array form
    public Certificate(long h, int r, Value v, List<Message> precommits) {
        this(h, r, v, precommits == null ? null : precommits.toArray(new Message[0]));
    }

    //@ public normal_behavior
    //@   ensures \result == h;
    //@ pure
    public long h() {
        return h;
    }

    //@ public normal_behavior
    //@   ensures \result == r;
    //@ pure
    public int r() {
        return r;
    }

    //@ public normal_behavior
    //@   ensures \result == v;
    //@ pure
    public Value v() {
        return v;
    }

    /** Were precommits given at all? */
    //@ public normal_behavior
    //@   ensures \result == (precommits != null);
    //@ pure
    public boolean hasPrecommits() {
        return precommits != null;
    }

    /** The number of precommits (0 if none were given). */
    //@ public normal_behavior
    //@   ensures \result == (precommits == null ? 0 : precommits.length);
    //@ pure
    public int precommitCount() {
        return precommits == null ? 0 : precommits.length;
    }

    /** The k-th precommit (may be null if the sender put a null there). */
    //@ public normal_behavior
    //@   requires precommits != null && 0 <= k && k < precommits.length;
    //@   ensures \result == precommits[k];
    //@ pure
    public Message precommitAt(int k) {
        return precommits[k];
    }

    /** The precommits as an unmodifiable list (nulls kept), or null. */
    /*@ skipesc skiprac @*/ // glue: a library view of the array for callers
    public List<Message> precommits() {
        if (precommits == null) {
            return null;
        }
        List<Message> out = new ArrayList<>(precommits.length);
        for (Message m : precommits) {
            out.add(m);
        }
        return ReadOnlyList.copyOf(out);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for tests
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Certificate)) {
            return false;
        }
        Certificate c = (Certificate) o;
        return h == c.h && r == c.r && java.util.Objects.equals(v, c.v) && java.util.Arrays.equals(precommits, c.precommits);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(h, r, v) * 31 + java.util.Arrays.hashCode(precommits);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "Certificate[h=" + h + ", r=" + r + ", v=" + v + ", precommits=" + precommits() + "]";
    }
}
