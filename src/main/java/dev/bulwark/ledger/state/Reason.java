package dev.bulwark.ledger.state;

/** Why an encoding was refused; the refused input changes nothing. */
public enum Reason {
    /** Not exactly one canonical encoding: wrong magic, version, type, length, trailing bytes, a number out of range. */
    MALFORMED,
    /** Longer than its bound (MAX_TX_BYTES, MAX_BLOCK_BYTES) or more transactions than Block.MAX_TXS. */
    OVERSIZED,
    /** A snapshot for another chain, or a block whose chain or height is not the one expected. */
    WRONG_CHAIN,
    /** A snapshot that decodes but is no ledger state of this configuration (bounds, invariants, keys). */
    INVALID_STATE,
    /** A snapshot whose app hash is not the trusted one. */
    HASH_MISMATCH,
    /** A signature that does not verify, or a transaction signed by the wrong number of keys. */
    BAD_SIGNATURE
}
