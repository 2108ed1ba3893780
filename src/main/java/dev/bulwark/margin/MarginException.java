package dev.bulwark.margin;

/**
 * The single typed error of the margin engine.  The numbers that explain the refusal are kept in
 * fields; the message is built only in {@link #getMessage()}, outside the verified code.
 */
public final class MarginException extends RuntimeException {
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
    public MarginException(Reason reason, long a, long b) {
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

    /** The first number describing the refusal (an account, amount or price; see the call site). */
    //@ public normal_behavior
    //@   ensures \result == first;
    //@ pure
    public long first() {
        return first;
    }

    /** The second number describing the refusal (a limit or the current value; see the call site). */
    //@ public normal_behavior
    //@   ensures \result == second;
    //@ pure
    public long second() {
        return second;
    }

    /**
     * No stack trace: a refusal is an expected outcome (the conformance harness and the property
     * tests provoke millions), and reason, first and second say what was refused.  Capturing the
     * stack would dominate the cost of a refused call.  Not instrumented for runtime checking
     * ({@code skiprac}): Throwable's constructor calls it before this class's fields are set.
     */
    /*@ skipesc @*/
    @Override
    public synchronized /*@ skiprac @*/ Throwable fillInStackTrace() {
        return this;
    }

    /** Formats the numbers; outside the proof (no string building in verified code). */
    /*@ skipesc @*/
    @Override
    public String getMessage() {
        return reason + " (" + first + ", " + second + ")";
    }
}
