package dev.bulwark.consensus;

/**
 * A consensus message, the spec's record {@code [type, src, h, r, v, vr]}. For votes {@code vr}
 * is -1 and {@code v} may be {@link Value#NIL}; for proposals {@code v} is a value (not nil) and
 * {@code -1 <= vr < r}. The signature belongs to the shell (dev.bulwark.net): a message in the
 * core is one whose signature has been checked.
 */
public record Message(MessageType type, int src, long h, int r, Value v, int vr) {

    /** PROPOSAL(h, r, v, vr) from src. */
    public static Message proposal(int src, long h, int r, Value v, int vr) {
        return new Message(MessageType.PROPOSAL, src, h, r, v, vr);
    }

    /** PREVOTE(h, r, v) from src. */
    public static Message prevote(int src, long h, int r, Value v) {
        return new Message(MessageType.PREVOTE, src, h, r, v, -1);
    }

    /** PRECOMMIT(h, r, v) from src. */
    public static Message precommit(int src, long h, int r, Value v) {
        return new Message(MessageType.PRECOMMIT, src, h, r, v, -1);
    }

    /** Is this a vote (prevote or precommit)? */
    public boolean isVote() {
        return type != MessageType.PROPOSAL;
    }

    /**
     * Well-formedness, independent of any validator's state: non-null fields, a sender index
     * within 0..n-1, h within 1..maxHeight, r within 0..maxRound, a value id that is non-negative
     * (or nil for votes), vr within -1..r-1 for proposals and -1 for votes.
     */
    public static boolean wellFormed(Message m, int n, long maxHeight, int maxRound) {
        if (m == null || m.type == null || m.v == null) {
            return false;
        }
        if (m.src < 0 || m.src >= n || m.h < 1 || m.h > maxHeight || m.r < 0 || m.r > maxRound) {
            return false;
        }
        if (m.type == MessageType.PROPOSAL) {
            return m.v.id() >= 0 && m.vr >= -1 && m.vr < m.r;
        }
        return m.v.id() >= Value.NIL_ID && m.vr == -1;
    }
}
