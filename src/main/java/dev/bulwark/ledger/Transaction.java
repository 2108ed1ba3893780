package dev.bulwark.ledger;

import dev.bulwark.margin.MarginEngine;

/**
 * A signed instruction, as the core sees it once the shell has checked its signatures: an
 * immutable value naming its chain (domain separation), its signer's key and that signer's
 * nonce.  The kinds are the final classes {@link Deposit}, {@link Withdraw}, {@link Trade}
 * (two signers, two nonces), {@link Report}, {@link Liquidate}, and governance's
 * {@link GovPropose} (a proposal with the keys of the owners whose approval signatures the shell
 * checked) and {@link GovAction} (approve, retract, queue, execute, cancel); the constructor is
 * package-private, so there are no others.  The canonical encoding is
 * {@code dev.bulwark.ledger.state.TxCodec}.
 *
 * <p>Well-formed: every number lies in the range the encoding allows ({@link #wellFormed()}):
 * nonces in 1..{@link #MAX_NONCE}, amounts in 1..{@link #MAX_AMOUNT}, sizes in
 * 1..{@link #MAX_LOTS}, prices in 1..{@link #MAX_PRICE}.  The codec refuses anything else; the
 * ledger re-checks and gives {@link TxCode#MALFORMED} (nothing changes).  Every transaction of
 * the spec's model is well formed.
 */
public abstract class Transaction {
    /** Kind tags (also the type byte of the encoding). */
    public static final int DEPOSIT = 1;
    public static final int WITHDRAW = 2;
    public static final int TRADE = 3;
    public static final int REPORT = 4;
    public static final int LIQUIDATE = 5;
    /** Governance (LedgerApp's Gov* transactions; signer: a governance key). */
    public static final int GOV_PROPOSE = 6;
    public static final int GOV_APPROVE = 7;
    public static final int GOV_RETRACT = 8;
    public static final int GOV_QUEUE = 9;
    public static final int GOV_EXECUTE = 10;
    public static final int GOV_CANCEL = 11;

    /** Largest nonce: a signer's nonce + 1 never overflows. */
    public static final long MAX_NONCE = Long.MAX_VALUE - 1;
    /** Largest deposit or withdrawal: the margin engine's cap on one account's balance. */
    public static final long MAX_AMOUNT = MarginEngine.MAX_COLLATERAL;
    /** Largest size: the margin engine's cap on a position. */
    public static final long MAX_LOTS = MarginEngine.MAX_LOTS;
    /** Largest price: the margin engine's cap on a price. */
    public static final long MAX_PRICE = MarginEngine.MAX_PRICE;

    //@ spec_public
    private final long chainId;
    //@ spec_public
    private final AccountKey signer;
    //@ spec_public
    private final long nonce;

    /*@ normal_behavior
      @   requires signer != null;
      @   ensures this.chainId == chainId && this.signer == signer && this.nonce == nonce;
      @ also exceptional_behavior
      @   requires signer == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    Transaction(long chainId, /*@ nullable @*/ AccountKey signer, long nonce) throws LedgerException {
        if (signer == null) {
            throw new LedgerException(Reason.MALFORMED, 0, 0);
        }
        this.chainId = chainId;
        this.signer = signer;
        this.nonce = nonce;
    }

    /** The chain this transaction is for (part of the signed bytes). */
    //@ public normal_behavior
    //@   ensures \result == chainId;
    //@ pure
    public final long chainId() {
        return chainId;
    }

    /** The (first) signer: depositor, withdrawer, buyer, reporter or liquidator. */
    //@ public normal_behavior
    //@   ensures \result == signer && \result != null;
    //@ pure
    public final AccountKey signer() {
        return signer;
    }

    /** The (first) signer's nonce: its previous nonce + 1 for the transaction to be admissible. */
    //@ public normal_behavior
    //@   ensures \result == nonce;
    //@ pure
    public final long nonce() {
        return nonce;
    }

    /** The kind tag: one of DEPOSIT .. LIQUIDATE, GOV_PROPOSE .. GOV_CANCEL. */
    //@ public normal_behavior
    //@   ensures DEPOSIT <= \result && \result <= GOV_CANCEL;
    //@ pure
    public abstract int type();

    /** Every number within the encoding's range (see the class comment). */
    //@ public normal_behavior
    //@   ensures \result ==> validNonce(nonce);
    //@ pure
    public abstract boolean wellFormed();

    //@ public normal_behavior
    //@   ensures \result <==> 1 <= n && n <= MAX_NONCE;
    //@ pure
    public static boolean validNonce(long n) {
        return 1 <= n && n <= MAX_NONCE;
    }

    //@ public normal_behavior
    //@   ensures \result <==> 1 <= x && x <= MAX_AMOUNT;
    //@ pure
    public static boolean validAmount(long x) {
        return 1 <= x && x <= MAX_AMOUNT;
    }

    //@ public normal_behavior
    //@   ensures \result <==> 1 <= q && q <= MAX_LOTS;
    //@ pure
    public static boolean validLots(long q) {
        return 1 <= q && q <= MAX_LOTS;
    }

    //@ public normal_behavior
    //@   ensures \result <==> 1 <= px && px <= MAX_PRICE;
    //@ pure
    public static boolean validPrice(long px) {
        return 1 <= px && px <= MAX_PRICE;
    }

    /** Is this one of governance's transactions (GOV_PROPOSE .. GOV_CANCEL)? */
    //@ public normal_behavior
    //@   ensures \result <==> GOV_PROPOSE <= type() && type() <= GOV_CANCEL;
    //@ pure
    public final boolean isGovernance() {
        return type() >= GOV_PROPOSE;
    }

    /** Equality of the common fields (subclasses add theirs). */
    /*@ normal_behavior
      @   ensures \result <==> (o != null && o.type() == type() && chainId == o.chainId && nonce == o.nonce
      @                        && signer.sameKey(o.signer));
      @ pure
      @*/
    final boolean sameHeader(/*@ nullable @*/ Transaction o) {
        return o != null && o.type() == type() && chainId == o.chainId && nonce == o.nonce && signer.sameKey(o.signer);
    }

    /**
     * The hash of the common fields (subclasses mix in theirs): transactions with the same header
     * have the same value.  Java's wrapping arithmetic on purpose; {@code (int) (x ^ (x >>> 32))}
     * is {@code Long.hashCode(x)}.
     */
    /*@ normal_behavior
      @   ensures \result == (int) (31 * (31 * (31L * type() + (int) (chainId ^ (chainId >>> 32)))
      @                              + (int) (nonce ^ (nonce >>> 32))) + signer.hashCode());
      @ pure code_java_math spec_java_math
      @*/
    final int headerHash() {
        return (int) (31 * (31 * (31L * type() + (int) (chainId ^ (chainId >>> 32))) + (int) (nonce ^ (nonce >>> 32)))
                + signer.hashCode());
    }
}
