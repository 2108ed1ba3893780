package dev.bulwark.ledger;

/** Withdraw [type, chain, signer, nonce, amount]: x quote units leave the signer's account (Margin's Withdraw). */
public final class Withdraw extends Transaction {
    //@ spec_public
    private final long amount;

    /** Refused with {@link Reason#MALFORMED} only for a null key; numbers are checked by {@link #wellFormed()}. */
    /*@ public normal_behavior
      @   requires signer != null;
      @   ensures chainId() == chainId && signer() == signer && nonce() == nonce && this.amount == amount;
      @ also public exceptional_behavior
      @   requires signer == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    public Withdraw(long chainId, /*@ nullable @*/ AccountKey signer, long nonce, long amount) throws LedgerException {
        super(chainId, signer, nonce);
        this.amount = amount;
    }

    /** Quote units. */
    //@ public normal_behavior
    //@   ensures \result == amount;
    //@ pure
    public long amount() {
        return amount;
    }

    //@ also public normal_behavior
    //@   ensures \result == WITHDRAW;
    //@ pure
    @Override
    public int type() {
        return WITHDRAW;
    }

    //@ also public normal_behavior
    //@   ensures \result <==> validNonce(nonce()) && validAmount(amount);
    //@ pure
    @Override
    public boolean wellFormed() {
        return validNonce(nonce()) && validAmount(amount);
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(/*@ nullable @*/ Object o) {
        return o instanceof Withdraw && sameHeader((Withdraw) o) && amount == ((Withdraw) o).amount;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * headerHash() + Long.hashCode(amount);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Withdraw[chain=" + chainId() + ", signer=" + signer() + ", nonce=" + nonce() + ", amount=" + amount + "]";
    }
}
