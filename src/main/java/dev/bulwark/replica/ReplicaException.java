package dev.bulwark.replica;

/** The typed error of a replica: a reason and two numbers (see the call site). */
public final class ReplicaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final long first;
    private final long second;

    public ReplicaException(Reason reason, long first, long second) {
        super();
        this.reason = reason;
        this.first = first;
        this.second = second;
    }

    public Reason reason() {
        return reason;
    }

    public long first() {
        return first;
    }

    public long second() {
        return second;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String getMessage() {
        return reason + " (" + first + ", " + second + ")";
    }
}
