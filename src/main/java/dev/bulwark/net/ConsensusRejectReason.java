package dev.bulwark.net;

/**
 * Why {@link ConsensusGateway} refused an inbound message, or the codec or signer an outbound
 * one. A refusal changes no state.
 */
public enum ConsensusRejectReason {
    /** More bytes than {@link ConsensusCodec#MAX_WIRE_BYTES}. */
    OVERSIZED,
    /** Wrong length, magic, version or type byte, fields that break the message's form, or a null. */
    MALFORMED,
    /** A sender index that is not a validator. */
    UNKNOWN_VALIDATOR,
    /** The Ed25519 signature does not verify under the sender's key (or is not one). */
    BAD_SIGNATURE,
    /** A height below the validator's current height (already decided). */
    OLD_HEIGHT,
    /** A height beyond height + {@link ConsensusGateway#MAX_HEIGHTS_AHEAD}. */
    HEIGHT_TOO_FAR,
    /** A round beyond MaxRound, or beyond round + {@link ConsensusGateway#MAX_ROUNDS_AHEAD} at the current height. */
    ROUND_TOO_FAR,
    /** A message with the same body was accepted before. */
    REPLAYED,
    /** A message that names this node's own validator index as its sender (an echo or a forgery). */
    OWN_MESSAGE,
    /**
     * A sender that already has {@link ConsensusGateway#MAX_BODIES_PER_SLOT} different accepted
     * messages of this type, height and round (the first and one conflicting one are enough to
     * convict it; more are refused so that memory stays bounded).
     */
    EQUIVOCATION_LIMIT,
    /** Signing a message whose sender is not this node's validator. */
    NOT_SELF
}
