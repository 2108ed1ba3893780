package dev.bulwark.governance;

/**
 * The action a proposal carries, with its arguments: one final immutable subclass per kind
 * (not a record, not sealed: the verifier's subset of Java, see /work/shared/openjml/NOTES.md).
 * The constructor is package-private, so the eight kinds below are the only ones.
 *
 * <p>Kinds are numbered as in the canonical encoding (dev.bulwark.net.GovernanceCodec) and
 * named as in the spec's {@code kind} field.  Payload constructors check nothing: whether the
 * values are acceptable is the guard's business ({@code WellFormed} at submission,
 * {@code Applicable} at submission and execution), so that a bad value is refused with a typed
 * reason by the core, never by a constructor.
 */
public abstract class Payload {
    /** SetParams: margin parameters. */
    public static final int SET_PARAMS = 1;
    /** Withdraw: from the insurance fund. */
    public static final int WITHDRAW = 2;
    /** SetStake: an oracle reporter's stake. */
    public static final int SET_STAKE = 3;
    /** AddOwner (with a threshold). */
    public static final int ADD_OWNER = 4;
    /** RemoveOwner (with a threshold). */
    public static final int REMOVE_OWNER = 5;
    /** SwapOwner. */
    public static final int SWAP_OWNER = 6;
    /** ChangeThreshold. */
    public static final int CHANGE_THRESHOLD = 7;
    /** Cancel: consumes the nonce, no timelock. */
    public static final int CANCEL = 8;

    /*@ normal_behavior
      @ pure
      @*/
    Payload() {
    }

    /** The kind, one of the constants above. */
    /*@ public normal_behavior
      @   ensures SET_PARAMS <= \result && \result <= CANCEL;
      @   ensures (\result == SET_PARAMS) <==> (this instanceof ParamsChange);
      @   ensures (\result == WITHDRAW) <==> (this instanceof FundWithdrawal);
      @   ensures (\result == SET_STAKE) <==> (this instanceof StakeChange);
      @   ensures (\result == ADD_OWNER) <==> (this instanceof OwnerAddition);
      @   ensures (\result == REMOVE_OWNER) <==> (this instanceof OwnerRemoval);
      @   ensures (\result == SWAP_OWNER) <==> (this instanceof OwnerSwap);
      @   ensures (\result == CHANGE_THRESHOLD) <==> (this instanceof ThresholdChange);
      @   ensures (\result == CANCEL) <==> (this instanceof Cancellation);
      @   reads \nothing;
      @ pure
      @*/
    public abstract int kind();

    /**
     * Same kind and same arguments (the content a proposal's hash covers): stated over the kinds'
     * fields, so that a caller's proof sees what "same" means without the dynamic type.
     */
    //@ public normal_behavior
    //@   ensures \result <==> o != null && ((this instanceof ParamsChange && o instanceof ParamsChange && ((ParamsChange) this).imBps == ((ParamsChange) o).imBps && ((ParamsChange) this).mmBps == ((ParamsChange) o).mmBps && ((ParamsChange) this).feeBps == ((ParamsChange) o).feeBps)
    //@        || (this instanceof FundWithdrawal && o instanceof FundWithdrawal && ((FundWithdrawal) this).amount == ((FundWithdrawal) o).amount)
    //@        || (this instanceof StakeChange && o instanceof StakeChange && ((StakeChange) this).reporter == ((StakeChange) o).reporter && ((StakeChange) this).stake == ((StakeChange) o).stake)
    //@        || (this instanceof OwnerAddition && o instanceof OwnerAddition && ((OwnerAddition) this).owner == ((OwnerAddition) o).owner && ((OwnerAddition) this).threshold == ((OwnerAddition) o).threshold)
    //@        || (this instanceof OwnerRemoval && o instanceof OwnerRemoval && ((OwnerRemoval) this).owner == ((OwnerRemoval) o).owner && ((OwnerRemoval) this).threshold == ((OwnerRemoval) o).threshold)
    //@        || (this instanceof OwnerSwap && o instanceof OwnerSwap && ((OwnerSwap) this).oldOwner == ((OwnerSwap) o).oldOwner && ((OwnerSwap) this).newOwner == ((OwnerSwap) o).newOwner)
    //@        || (this instanceof ThresholdChange && o instanceof ThresholdChange && ((ThresholdChange) this).threshold == ((ThresholdChange) o).threshold)
    //@        || (this instanceof Cancellation && o instanceof Cancellation));
    //@   ensures \result ==> o != null && o.kind() == kind();
    //@   reads \nothing;
    //@ pure
    public abstract boolean sameAs(/*@ nullable @*/ Payload o);

    /** The spec's name of a kind ("SetParams", ...), or "?" for an unknown number. */
    /*@ skipesc @*/
    public static String kindName(int kind) {
        switch (kind) {
            case SET_PARAMS: return "SetParams";
            case WITHDRAW: return "Withdraw";
            case SET_STAKE: return "SetStake";
            case ADD_OWNER: return "AddOwner";
            case REMOVE_OWNER: return "RemoveOwner";
            case SWAP_OWNER: return "SwapOwner";
            case CHANGE_THRESHOLD: return "ChangeThreshold";
            case CANCEL: return "Cancel";
            default: return "?";
        }
    }

    /*@ skipesc skiprac @*/
    @Override
    public final boolean equals(Object o) {
        return o instanceof Payload && sameAs((Payload) o);
    }

    /*@ skipesc @*/
    @Override
    public abstract int hashCode();
}
