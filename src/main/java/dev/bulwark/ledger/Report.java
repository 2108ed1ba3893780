package dev.bulwark.ledger;

/**
 * Report [type, chain, signer: reporter, nonce, price]: a reporter's price for the oracle's
 * current round (Oracle's Report).  Only a reporter of the genesis configuration may sign one.
 */
public final class Report extends Transaction {
    //@ spec_public
    private final long price;

    /*@ public normal_behavior
      @   requires reporter != null;
      @   ensures chainId() == chainId && signer() == reporter && nonce() == nonce && this.price == price;
      @ also public exceptional_behavior
      @   requires reporter == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    public Report(long chainId, /*@ nullable @*/ AccountKey reporter, long nonce, long price) throws LedgerException {
        super(chainId, reporter, nonce);
        this.price = price;
    }

    /** Ticks. */
    //@ public normal_behavior
    //@   ensures \result == price;
    //@ pure
    public long price() {
        return price;
    }

    //@ also public normal_behavior
    //@   ensures \result == REPORT;
    //@ pure
    @Override
    public int type() {
        return REPORT;
    }

    //@ also public normal_behavior
    //@   ensures \result <==> validNonce(nonce()) && validPrice(price);
    //@ pure
    @Override
    public boolean wellFormed() {
        return validNonce(nonce()) && validPrice(price);
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(/*@ nullable @*/ Object o) {
        return o instanceof Report && sameHeader((Report) o) && price == ((Report) o).price;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * headerHash() + Long.hashCode(price);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Report[chain=" + chainId() + ", reporter=" + signer() + ", nonce=" + nonce() + ", price=" + price + "]";
    }
}
