package dev.bulwark.net;

/**
 * A governance message refused by the shell before (or by) the governance core.  Typed reason and
 * numbers; the message is formatted on demand; no stack trace (refusals are expected traffic).
 */
public final class GovernanceGatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a message was refused. */
    public enum Reason {
        /** More bytes than {@link GovernanceCodec#MAX_MESSAGE_BYTES} (first: length, second: the limit). */
        OVERSIZED,
        /**
         * Not one canonical message: wrong length for its kind, magic, version or purpose, an
         * unknown kind byte, a negative nonce (first: length or field value, second: what was expected).
         */
        MALFORMED,
        /** A signer, or a key named by the payload, that is not in the key registry (first: its index in the message, -1 for the signer). */
        UNKNOWN_KEY,
        /** The Ed25519 signature does not verify under the signer's key (first: the signer's index). */
        BAD_SIGNATURE,
        /** The proposal names another chain (first: its chain id, second: this chain's). */
        WRONG_CHAIN,
        /** A retraction by a key that is not the proposer of that open proposal (first: signer, second: its slot or -1). */
        NOT_THE_PROPOSER,
        /** The core refused the proposal or approval (see {@link #coreReason()}). */
        REFUSED_BY_GOVERNANCE
    }

    private final Reason reason;
    private final long first;
    private final long second;
    private final dev.bulwark.governance.Reason coreReason;

    public GovernanceGatewayException(Reason reason, long first, long second) {
        this(reason, first, second, null);
    }

    public GovernanceGatewayException(Reason reason, long first, long second, dev.bulwark.governance.Reason coreReason) {
        super();
        this.reason = reason;
        this.first = first;
        this.second = second;
        this.coreReason = coreReason;
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

    /** The core's reason for {@link Reason#REFUSED_BY_GOVERNANCE}, else null. */
    public dev.bulwark.governance.Reason coreReason() {
        return coreReason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String getMessage() {
        return reason + (coreReason == null ? "" : "/" + coreReason) + " (" + first + ", " + second + ")";
    }
}
