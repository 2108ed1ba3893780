package dev.bulwark.ledger;

/** Deposit [type, chain, signer, nonce, amount]: x quote units enter the signer's account from outside (Margin's Deposit). The first deposit from a key that is neither an account nor a reporter creates its account. */
public final class Deposit extends Transaction {
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
    public Deposit(long chainId, /*@ nullable @*/ AccountKey signer, long nonce, long amount) throws LedgerException {
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
    //@   ensures \result == DEPOSIT;
    //@ pure
    @Override
    public int type() {
        return DEPOSIT;
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
        return o instanceof Deposit && sameHeader((Deposit) o) && amount == ((Deposit) o).amount;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * headerHash() + Long.hashCode(amount);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Deposit[chain=" + chainId() + ", signer=" + signer() + ", nonce=" + nonce() + ", amount=" + amount + "]";
    }
}
