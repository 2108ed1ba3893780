package dev.bulwark.node.real;

/** What the real transport and event loop refused or dropped (each counted, see {@link NettyTransport#counters()}). */
public enum TransportReason {
    /** A handshake frame of the wrong form or length, or a data frame before the handshake completed. */
    HANDSHAKE_MALFORMED,
    /** A handshake naming another chain. */
    WRONG_CHAIN,
    /** A handshake naming no validator, ourselves, a key that is not that validator's, or not the peer we dialed. */
    UNKNOWN_PEER,
    /** A handshake signature that does not verify. */
    BAD_SIGNATURE,
    /** No completed handshake within the handshake timeout. */
    HANDSHAKE_TIMEOUT,
    /** Too many connections waiting for their handshake. */
    TOO_MANY_PENDING,
    /** A length prefix above the maximum frame size (before the handshake: above the handshake frame size). */
    OVERSIZE,
    /** An inbound frame dropped because the event loop's bounded queue was full. */
    INBOUND_QUEUE_FULL,
    /** An outbound frame dropped because the connection's write buffer was above its high-water mark. */
    OUTBOUND_FULL
}
