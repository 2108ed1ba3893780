package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A commit certificate for (h, r, v): PRECOMMIT(h, r, v) messages from distinct known validators
 * whose power is a quorum. In the core the signatures are assumed checked by the shell.
 *
 * <p>The constructor accepts anything (a certificate comes from a peer): it only copies the list
 * (nulls included) so that the caller cannot change it later. Whether it is a certificate at all
 * is {@link CertificateChecker}'s question, answered with a typed refusal
 * ({@link Reason#INVALID_CERTIFICATE}) by {@link Validator#catchup}.
 */
public final class Certificate {
    //@ spec_public
    private final long h;
    //@ spec_public
    private final int r;
    //@ spec_public
    private final Value v;
    //@ spec_public
    private final List<Message> precommits;

    /*@ public normal_behavior
      @   ensures this.h == h && this.r == r && this.v == v && (precommits == null <==> this.precommits == null);
      @*/
    /*@ skipesc @*/ // glue: the defensive copy (a library collection), covered by tests
    public Certificate(long h, int r, Value v, List<Message> precommits) {
        this.h = h;
        this.r = r;
        this.v = v;
        this.precommits = precommits == null ? null : Collections.unmodifiableList(new ArrayList<>(precommits));
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

    /** The precommits (unmodifiable; may hold nulls if the sender put them there), or null. */
    //@ public normal_behavior
    //@   ensures \result == precommits;
    //@ pure
    public List<Message> precommits() {
        return precommits;
    }

    @Override
    /*@ skipesc @*/ // glue: value equality for tests
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Certificate)) {
            return false;
        }
        Certificate c = (Certificate) o;
        return h == c.h && r == c.r && java.util.Objects.equals(v, c.v) && java.util.Objects.equals(precommits, c.precommits);
    }

    @Override
    /*@ skipesc @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(h, r, v, precommits);
    }

    @Override
    /*@ skipesc @*/ // glue: formatting
    public String toString() {
        return "Certificate[h=" + h + ", r=" + r + ", v=" + v + ", precommits=" + precommits + "]";
    }
}
