package dev.bulwark.node.store;

/** A refusal of the disk store: a reason and two numbers (see the throw site). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final StoreReason reason;
    private final long first;
    private final long second;

    public StoreException(StoreReason reason, long first, long second, Throwable cause) {
        super(reason + " (" + first + ", " + second + ")", cause);
        this.reason = reason;
        this.first = first;
        this.second = second;
    }

    public StoreException(StoreReason reason, long first, long second) {
        this(reason, first, second, null);
    }

    public StoreReason reason() {
        return reason;
    }

    public long first() {
        return first;
    }

    public long second() {
        return second;
    }
}
