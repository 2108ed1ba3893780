package dev.bulwark.ledger;

/**
 * Trade [type, chain, signer: buyer, nonce, seller, sellerNonce, lots, price]: the buyer buys
 * {@code lots} from the seller at {@code price} ticks (Margin's Trade).  Signed by both
 * counterparties; both nonces must be next, and both advance when it is executed.
 */
public final class Trade extends Transaction {
    //@ spec_public
    private final AccountKey seller;
    //@ spec_public
    private final long sellerNonce;
    //@ spec_public
    private final long lots;
    //@ spec_public
    private final long price;

    /*@ public normal_behavior
      @   requires buyer != null && seller != null;
      @   ensures chainId() == chainId && signer() == buyer && nonce() == buyerNonce;
      @   ensures this.seller == seller && this.sellerNonce == sellerNonce && this.lots == lots && this.price == price;
      @ also public exceptional_behavior
      @   requires buyer == null || seller == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    public Trade(long chainId, /*@ nullable @*/ AccountKey buyer, long buyerNonce,
                 /*@ nullable @*/ AccountKey seller, long sellerNonce,
                 long lots, long price) throws LedgerException {
        super(chainId, buyer, buyerNonce);
        if (seller == null) {
            throw new LedgerException(Reason.MALFORMED, 1, 0);
        }
        this.seller = seller;
        this.sellerNonce = sellerNonce;
        this.lots = lots;
        this.price = price;
    }

    /** The buyer (the first signer). */
    //@ public normal_behavior
    //@   ensures \result == signer();
    //@ pure
    public AccountKey buyer() {
        return signer();
    }

    //@ public normal_behavior
    //@   ensures \result == seller && \result != null;
    //@ pure
    public AccountKey seller() {
        return seller;
    }

    //@ public normal_behavior
    //@   ensures \result == sellerNonce;
    //@ pure
    public long sellerNonce() {
        return sellerNonce;
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
    //@   ensures \result == TRADE;
    //@ pure
    @Override
    public int type() {
        return TRADE;
    }

    //@ also public normal_behavior
    //@   ensures \result <==> validNonce(nonce()) && validNonce(sellerNonce) && validLots(lots) && validPrice(price);
    //@ pure
    @Override
    public boolean wellFormed() {
        return validNonce(nonce()) && validNonce(sellerNonce) && validLots(lots) && validPrice(price);
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(/*@ nullable @*/ Object o) {
        if (!(o instanceof Trade) || !sameHeader((Trade) o)) {
            return false;
        }
        Trade t = (Trade) o;
        return seller.sameKey(t.seller) && sellerNonce == t.sellerNonce && lots == t.lots && price == t.price;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * headerHash() + seller.hashCode()) + Long.hashCode(sellerNonce))
                + Long.hashCode(lots)) + Long.hashCode(price);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Trade[chain=" + chainId() + ", buyer=" + signer() + ", nonce=" + nonce() + ", seller=" + seller
                + ", sellerNonce=" + sellerNonce + ", lots=" + lots + ", price=" + price + "]";
    }
}
