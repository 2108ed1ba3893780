package dev.bulwark.consensus;

/**
 * The single typed error of the consensus core. The numbers that explain the refusal are kept in
 * fields; the message is built only in {@link #getMessage()}, outside the verified code.
 */
/*@ nullable_by_default @*/ public final class ConsensusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    //@ spec_public
    private final Reason reason;
    //@ spec_public
    private final long first;
    //@ spec_public
    private final long second;

    /*@ public normal_behavior
      @   assignable \nothing;
      @   ensures this.reason == reason && this.first == a && this.second == b;
      @ pure
      @*/
    public ConsensusException(Reason reason, long a, long b) {
        super();
        this.reason = reason;
        this.first = a;
        this.second = b;
    }

    //@ public normal_behavior
    //@   ensures \result == reason;
    //@ pure
    public Reason reason() {
        return reason;
    }

    /** The first number describing the refusal (see the call site). */
    //@ public normal_behavior
    //@   ensures \result == first;
    //@ pure
    public long first() {
        return first;
    }

    /** The second number describing the refusal (see the call site). */
    //@ public normal_behavior
    //@   ensures \result == second;
    //@ pure
    public long second() {
        return second;
    }

    /** No stack trace: refusals are expected outcomes, provoked by the million in tests. */
    /*@ skipesc skiprac @*/
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /*@ skipesc skiprac @*/
    @Override
    public String getMessage() {
        return reason + " (" + first + ", " + second + ")";
    }
}
