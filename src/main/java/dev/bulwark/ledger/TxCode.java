package dev.bulwark.ledger;

/**
 * The result code of one transaction in a block (LedgerApp.tla's Codes, plus two Java-only
 * rejections).  APPLIED and REFUSED are "executed": the signers' nonces advanced, and the margin
 * or oracle rule applied the transaction or refused it.  Every other code is a rejection: the
 * transaction changed nothing at all (only its code is recorded).
 */
public enum TxCode {
    /** Executed; the rule applied it (spec "Applied"). */
    APPLIED,
    /** Executed (nonces advanced); the margin or oracle rule refused it (spec "Refused"). */
    REFUSED,
    /** Rejected: another chain id (spec "WrongChain"). */
    WRONG_CHAIN,
    /**
     * Rejected: a signer that is not a known signer of its kind -- an unknown account key (other
     * than the first deposit of a fresh key), a report from a non-reporter, an account
     * transaction from a reporter key, a trade whose seller is its buyer (spec "UnknownSigner").
     */
    UNKNOWN_SIGNER,
    /** Rejected: some signer's nonce is not its next one: a replay, a gap (spec "BadNonce"). */
    BAD_NONCE,
    /** Rejected (Java only): a number outside the encoding's range, see Transaction.wellFormed. */
    MALFORMED,
    /** Rejected (Java only): the first deposit of a fresh key while the ledger holds maxAccounts accounts. */
    ACCOUNT_LIMIT;

    /** Executed (nonces advanced): APPLIED or REFUSED. */
    //@ public normal_behavior
    //@   ensures \result <==> (this == APPLIED || this == REFUSED);
    //@ pure
    public boolean executed() {
        return this == APPLIED || this == REFUSED;
    }
}
