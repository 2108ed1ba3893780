package dev.bulwark.ledger;

/**
 * The governance transactions that name a proposal slot (LedgerApp.tla), signed by a governance
 * key k with its nonce:
 * <pre>
 *   GOV_APPROVE  [slot]  Approve(k, slot), then Queue / Cancel of the slot if the quorum allows now
 *   GOV_RETRACT  []      Retract(k): k withdraws its own open proposal (the slot field is 0)
 *   GOV_QUEUE    [slot]  Queue(slot)    -- any governance key may send it
 *   GOV_EXECUTE  [slot]  Execute(slot)  -- any governance key
 *   GOV_CANCEL   [slot]  Cancel(slot)   -- any governance key
 * </pre>
 * A slot is a governance key's index (the proposer's), 0..{@code Governance.MAX_KEYS - 1}.
 */
public final class GovAction extends Transaction {
    /** Largest slot index (the governance key registry's bound). */
    public static final int MAX_SLOT = dev.bulwark.governance.Governance.MAX_KEYS - 1;

    //@ spec_public
    private final int type;
    //@ spec_public
    private final int slot;

    //@ public invariant GOV_APPROVE <= type && type <= GOV_CANCEL;

    /** Refused with {@link Reason#MALFORMED} for a null key or a type that is not one of the five. */
    /*@ public normal_behavior
      @   requires signer != null && GOV_APPROVE <= type && type <= GOV_CANCEL;
      @   ensures chainId() == chainId && signer() == signer && nonce() == nonce && this.type == type && this.slot == slot;
      @ also public exceptional_behavior
      @   requires signer == null || type < GOV_APPROVE || type > GOV_CANCEL;
      @   signals_only LedgerException;
      @ pure
      @*/
    public GovAction(int type, long chainId, /*@ nullable @*/ AccountKey signer, long nonce, int slot) throws LedgerException {
        super(chainId, signer, nonce);
        if (type < GOV_APPROVE || type > GOV_CANCEL) {
            throw new LedgerException(Reason.MALFORMED, type, 0);
        }
        this.type = type;
        this.slot = slot;
    }

    /** The proposal slot named (0 for a retraction). */
    //@ public normal_behavior
    //@   ensures \result == slot;
    //@ pure
    public int slot() {
        return slot;
    }

    //@ also public normal_behavior
    //@   ensures \result == type;
    //@ pure
    @Override
    public int type() {
        return type;
    }

    //@ also public normal_behavior
    //@   ensures \result <==> validNonce(nonce()) && 0 <= slot && slot <= MAX_SLOT && (type != GOV_RETRACT || slot == 0);
    //@ pure
    @Override
    public boolean wellFormed() {
        return validNonce(nonce()) && 0 <= slot && slot <= MAX_SLOT && (type != GOV_RETRACT || slot == 0);
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(/*@ nullable @*/ Object o) {
        return o instanceof GovAction && sameHeader((GovAction) o) && slot == ((GovAction) o).slot;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * headerHash() + slot;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        String[] names = {"GovApprove", "GovRetract", "GovQueue", "GovExecute", "GovCancel"};
        return names[type - GOV_APPROVE] + "[chain=" + chainId() + ", signer=" + signer() + ", nonce=" + nonce()
                + ", slot=" + slot + "]";
    }
}
