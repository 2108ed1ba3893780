package dev.bulwark.ledger;

/**
 * Liquidate [type, chain, signer: liquidator, nonce, account, lots, price]: the liquidator takes
 * over {@code lots} of the liquidatable {@code account}'s position at {@code price} (Margin's
 * Liquidate).  The account is named by its key; an unknown one makes the margin rule refuse
 * the transaction (UNKNOWN_ACCOUNT), after the liquidator's nonce has advanced.
 */
public final class Liquidate extends Transaction {
    //@ spec_public
    private final AccountKey account;
    //@ spec_public
    private final long lots;
    //@ spec_public
    private final long price;

    /*@ public normal_behavior
      @   requires liquidator != null && account != null;
      @   ensures chainId() == chainId && signer() == liquidator && nonce() == nonce;
      @   ensures this.account == account && this.lots == lots && this.price == price;
      @ also public exceptional_behavior
      @   requires liquidator == null || account == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    public Liquidate(long chainId, /*@ nullable @*/ AccountKey liquidator, long nonce,
                     /*@ nullable @*/ AccountKey account, long lots, long price)
            throws LedgerException {
        super(chainId, liquidator, nonce);
        if (account == null) {
            throw new LedgerException(Reason.MALFORMED, 1, 0);
        }
        this.account = account;
        this.lots = lots;
        this.price = price;
    }

    /** The liquidated account's key. */
    //@ public normal_behavior
    //@   ensures \result == account && \result != null;
    //@ pure
    public AccountKey account() {
        return account;
    }

    //@ public normal_behavior
    //@   ensures \result == lots;
    //@ pure
    public long lots() {
        return lots;
    }

    /** Ticks. */
    //@ public normal_behavior
    //@   ensures \result == price;
    //@ pure
    public long price() {
        return price;
    }

    //@ also public normal_behavior
    //@   ensures \result == LIQUIDATE;
    //@ pure
    @Override
    public int type() {
        return LIQUIDATE;
    }

    //@ also public normal_behavior
    //@   ensures \result <==> validNonce(nonce()) && validLots(lots) && validPrice(price);
    //@ pure
    @Override
    public boolean wellFormed() {
        return validNonce(nonce()) && validLots(lots) && validPrice(price);
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(/*@ nullable @*/ Object o) {
        if (!(o instanceof Liquidate) || !sameHeader((Liquidate) o)) {
            return false;
        }
        Liquidate t = (Liquidate) o;
        return account.sameKey(t.account) && lots == t.lots && price == t.price;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * headerHash() + account.hashCode()) + Long.hashCode(lots)) + Long.hashCode(price);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Liquidate[chain=" + chainId() + ", liquidator=" + signer() + ", nonce=" + nonce() + ", account="
                + account + ", lots=" + lots + ", price=" + price + "]";
    }
}
