package dev.bulwark.net;

/**
 * A refused consensus message (inbound, or outbound to be encoded or signed); the reason and two
 * numbers say why. No stack trace.
 */
public final class ConsensusRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ConsensusRejectReason reason;
    private final long first;
    private final long second;

    public ConsensusRejectedException(ConsensusRejectReason reason, long first, long second) {
        super();
        this.reason = reason;
        this.first = first;
        this.second = second;
    }

    public ConsensusRejectReason reason() {
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
