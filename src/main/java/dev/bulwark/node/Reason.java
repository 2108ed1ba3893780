package dev.bulwark.node;

/**
 * Why the node refused an input (a frame from a peer, a client transaction). A refusal changes
 * nothing but the refusal counter of its reason ({@link NodeCore#refusals()}).
 */
public enum Reason {
    /** Bytes that are not one canonical frame (or transaction, or block) of a known type. */
    MALFORMED,
    /** A frame, block or transaction above its stated maximum size. */
    OVERSIZE,
    /** A frame, block or transaction of another chain. */
    WRONG_CHAIN,
    /** A signature that does not verify (consensus message, precommit of a certificate, transaction). */
    BAD_SIGNATURE,
    /** A frame from a peer index that is not a validator (or is this node itself). */
    UNKNOWN_PEER,
    /** A well-formed consensus message the gateway or the core refuses (wrong round window, flood, own index, ...). */
    CONSENSUS_REFUSED,
    /** Something already known or no longer needed (an old height, a replayed message, a block already held). */
    STALE,
    /** A block that is not one the node can use for that height and round (wrong height, too many transactions). */
    BAD_BLOCK,
    /** A proposal block from a peer that is not that round's proposer and matches no proposal held. */
    NOT_PROPOSER,
    /** A bounded buffer is full (proposal blocks of a round, pending proposals, the mempool). */
    FULL,
    /** A commit certificate that does not check against the validator set or the block. */
    BAD_CERTIFICATE,
    /** A transaction already in the mempool. */
    DUPLICATE,
    /** A transaction whose nonce is below its signer's next nonce, or too far above it. */
    BAD_NONCE,
    /**
     * A block of the height after our applied one whose header's previous app hash is not our app
     * hash (a proposal block; or a certified block in catch-up, which would mean our state or more
     * than a third of the power is wrong).
     */
    BAD_APP_HASH,
    /** A snapshot that does not decode, is no state of this ledger, or whose app hash is not the one block h + 1's header carries. */
    BAD_SNAPSHOT,
    /**
     * A state-sync frame the node did not ask for: a manifest from a peer not asked or while a
     * download runs, a chunk not outstanding from that peer (another height, an index out of the
     * manifest's range or not asked, one already received), a SNAPSHOT_GONE for nothing asked.
     */
    UNSOLICITED,
    /**
     * A peer above its budget of work per gossip period: transaction frames judged
     * ({@link NodeCore#MAX_TXS_PER_PEER_PER_PERIOD}) or blocks sent in answer to its statuses
     * ({@link NodeCore#MAX_BLOCKS_PER_PEER_PER_PERIOD}).
     */
    RATE_LIMITED,
    /**
     * A state sync that would make this validator join consensus at a height at or below one where
     * its WAL holds a message it signed: joining there could sign twice, so the snapshot is refused
     * (the consensus core's {@code INVALID_STATE} from {@code Validator.atBase}: an own message
     * that does not fit the joined state).
     */
    SIGNED_ABOVE,
    /**
     * A snapshot chunk whose length or SHA-256 is not the manifest's (the peer is not asked again
     * for this snapshot while another peer serves it, and the chunk is asked again), or a chunk
     * request for an index beyond the served snapshot's chunks.
     */
    BAD_CHUNK
}
