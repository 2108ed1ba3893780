package dev.bulwark.replica;

/** Why a replica refused a call; the replica (volatile and durable state) is unchanged. */
public enum Reason {
    /** The replica is down (crashed): only restart is possible. */
    DOWN,
    /** Restart of a replica that is up. */
    ALREADY_UP,
    /** A commit certificate that does not check against the validator set (form, signers, quorum). */
    BAD_CERTIFICATE,
    /** A certificate for another height than the replica's next block to store. */
    WRONG_HEIGHT,
    /** A block whose hash is not the value the certificate commits to. */
    HASH_MISMATCH,
    /** Block bytes that do not decode, or decode to another chain or height. */
    MALFORMED_BLOCK,
    /** applyNext with every stored block applied. */
    NOTHING_TO_APPLY,
    /** snapshot when the applied height is not above the last snapshot's. */
    NOTHING_TO_SNAPSHOT,
    /** ack when every stored height is acknowledged. */
    NOTHING_TO_ACK,
    /** A peer that is down (it serves nothing). */
    PEER_DOWN,
    /** A replica named as its own peer. */
    SELF,
    /** fetchBlock from a peer that has not stored more, or stateSync from a peer whose snapshot is not above our store. */
    PEER_NOT_AHEAD,
    /** fetchBlock of a block at or below the peer's base (pruned, or below a snapshot it restored). */
    NOT_AVAILABLE,
    /** prune to a height not above the store's base or above its snapshot (the snapshot must cover what is deleted). */
    NOT_PRUNABLE,
    /**
     * A block whose header's previous app hash is not the replica's app hash at the height below
     * it (BlockCodec version 2: the header of block h carries the app hash after h - 1).
     */
    BAD_APP_HASH,
    /** A snapshot that does not decode, or is no state of this configuration, or whose app hash is not the trusted one. */
    BAD_SNAPSHOT
}
