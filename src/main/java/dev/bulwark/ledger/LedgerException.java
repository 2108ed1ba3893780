package dev.bulwark.ledger;

/**
 * The single typed error of the ledger core.  The numbers that explain the refusal are kept in
 * fields; the message is built only in {@link #getMessage()}, outside the verified code.
 */
public final class LedgerException extends RuntimeException {
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
    public LedgerException(Reason reason, long a, long b) {
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

    /** The second number describing the refusal (a limit or the current value). */
    //@ public normal_behavior
    //@   ensures \result == second;
    //@ pure
    public long second() {
        return second;
    }

    /**
     * No stack trace: a refusal is an expected outcome; reason and numbers say what was refused.
     * Not instrumented for runtime checking ({@code skiprac}) either: Throwable's constructor calls it
     * before this class's fields are set, where the checker would report the non-null reason as null.
     */
    /*@ skipesc skiprac @*/
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /*@ skipesc @*/
    @Override
    public String getMessage() {
        return reason + " (" + first + ", " + second + ")";
    }
}
