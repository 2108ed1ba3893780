package dev.bulwark.consensus;

/**
 * A consensus message, the spec's record {@code [type, src, h, r, v, vr]}. For votes {@code vr}
 * is -1 and {@code v} may be {@link Value#NIL}; for proposals {@code v} is a block digest (not nil) and
 * {@code -1 <= vr < r}. The signature belongs to the shell (dev.bulwark.net): a message in the
 * core is one whose signature has been checked.
 *
 * <p>An immutable value object; the constructor accepts any fields (the core checks the form
 * with {@link #wellFormed} where a message enters it and refuses the rest with a typed
 * {@link ConsensusException}).
 */
/*@ nullable_by_default @*/ public final class Message {
    //@ spec_public
    private final MessageType type;
    //@ spec_public
    private final int src;
    //@ spec_public
    private final long h;
    //@ spec_public
    private final int r;
    //@ spec_public
    private final Value v;
    //@ spec_public
    private final int vr;

    /*@ public normal_behavior
      @   ensures this.type == type && this.src == src && this.h == h && this.r == r && this.v == v && this.vr == vr;
      @ pure
      @*/
    public Message(MessageType type, int src, long h, int r, Value v, int vr) {
        this.type = type;
        this.src = src;
        this.h = h;
        this.r = r;
        this.v = v;
        this.vr = vr;
    }

    //@ public normal_behavior
    //@   ensures \result == type;
    //@ pure
    public MessageType type() {
        return type;
    }

    //@ public normal_behavior
    //@   ensures \result == src;
    //@ pure
    public int src() {
        return src;
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

    //@ public normal_behavior
    //@   ensures \result == vr;
    //@ pure
    public int vr() {
        return vr;
    }

    /** PROPOSAL(h, r, v, vr) from src. */
    //@ public normal_behavior
    //@   ensures \result != null && \result.type == MessageType.PROPOSAL && \result.src == src && \result.h == h
    //@       && \result.r == r && \result.v == v && \result.vr == vr;
    //@ pure
    public static Message proposal(int src, long h, int r, Value v, int vr) {
        return new Message(MessageType.PROPOSAL, src, h, r, v, vr);
    }

    /** PREVOTE(h, r, v) from src. */
    //@ public normal_behavior
    //@   ensures \result != null && \result.type == MessageType.PREVOTE && \result.src == src && \result.h == h
    //@       && \result.r == r && \result.v == v && \result.vr == -1;
    //@ pure
    public static Message prevote(int src, long h, int r, Value v) {
        return new Message(MessageType.PREVOTE, src, h, r, v, -1);
    }

    /** PRECOMMIT(h, r, v) from src. */
    //@ public normal_behavior
    //@   ensures \result != null && \result.type == MessageType.PRECOMMIT && \result.src == src && \result.h == h
    //@       && \result.r == r && \result.v == v && \result.vr == -1;
    //@ pure
    public static Message precommit(int src, long h, int r, Value v) {
        return new Message(MessageType.PRECOMMIT, src, h, r, v, -1);
    }

    /** Is this a vote (prevote or precommit)? */
    //@ public normal_behavior
    //@   ensures \result == (type != MessageType.PROPOSAL);
    //@ pure
    public boolean isVote() {
        return type != MessageType.PROPOSAL;
    }

    /**
     * Well-formedness, independent of any validator's state: non-null fields, a sender index
     * within 0..n-1, h within 1..maxHeight, r within 0..maxRound, a value that is not nil for a
     * proposal (a vote may be nil), vr within -1..r-1 for proposals and -1 for votes.
     */
    /*@ public normal_behavior
      @   ensures \result == (m != null && m.type != null && m.v != null && 0 <= m.src && m.src < n
      @       && 1 <= m.h && m.h <= maxHeight && 0 <= m.r && m.r <= maxRound
      @       && (m.type == MessageType.PROPOSAL ? !m.v.nil && -1 <= m.vr && m.vr < m.r : m.vr == -1));
      @ pure
      @*/
    public static boolean wellFormed(Message m, int n, long maxHeight, int maxRound) {
        if (m == null || m.type == null || m.v == null) {
            return false;
        }
        if (m.src < 0 || m.src >= n || m.h < 1 || m.h > maxHeight || m.r < 0 || m.r > maxRound) {
            return false;
        }
        if (m.type == MessageType.PROPOSAL) {
            return !m.v.isNil() && m.vr >= -1 && m.vr < m.r;
        }
        return m.vr == -1;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for collections and tests
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return type == m.type && src == m.src && h == m.h && r == m.r && vr == m.vr && java.util.Objects.equals(v, m.v);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing for collections
    public int hashCode() {
        return java.util.Objects.hash(type, src, h, r, v, vr);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "Message[type=" + type + ", src=" + src + ", h=" + h + ", r=" + r + ", v=" + v + ", vr=" + vr + "]";
    }
}
