package dev.bulwark.ledger;

import dev.bulwark.governance.Governance;
import dev.bulwark.governance.Proposal;

/**
 * GovPropose [type, chain, signer: key k, nonce, proposal, approvers] (LedgerApp.tla): the
 * governance key k submits a proposal with its own approval (Governance's Propose(k, p)), then the
 * approvals of {@code approvers}, in order (Approve(a, k) each), then the proposal is queued -- or,
 * for a Cancel, carried out -- if the approvals allow it now.  All or nothing.  The approvers'
 * signatures over the proposal's canonical encoding (domain "bulwark/governance/v1", purpose,
 * chain, nonce) are checked by the shell ({@code TxSignatures}); the core sees their keys.
 *
 * <p>Well formed: a valid nonce, a proposal, at most {@link #MAX_APPROVERS} approver keys, none
 * null.  Duplicates, non-owners and the proposer itself among the approvers are not malformed:
 * the governance rule refuses them (REFUSED with its reason).
 */
public final class GovPropose extends Transaction {
    /** Bound on the approvals one transaction carries: the owners' bound. */
    public static final int MAX_APPROVERS = Governance.MAX_OWNERS;

    //@ spec_public
    private final Proposal proposal;
    //@ spec_public
    private final AccountKey[] approvers;

    /** Refused with {@link Reason#MALFORMED} for a null key, proposal or approver list (copied). */
    /*@ public normal_behavior
      @   requires signer != null && proposal != null && approvers != null;
      @   ensures chainId() == chainId && signer() == signer && nonce() == nonce && this.proposal == proposal;
      @ also public exceptional_behavior
      @   requires signer == null || proposal == null || approvers == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    public GovPropose(long chainId, /*@ nullable @*/ AccountKey signer, long nonce,
                      /*@ nullable @*/ Proposal proposal, /*@ nullable @*/ AccountKey[] approvers)
            throws LedgerException {
        super(chainId, signer, nonce);
        if (proposal == null || approvers == null) {
            throw new LedgerException(Reason.MALFORMED, 0, 0);
        }
        this.proposal = proposal;
        this.approvers = AccountKey.copyOf(approvers);
    }

    /** The proposal (its chain and governance nonce are its own, signed by the approvals). */
    //@ public normal_behavior
    //@   ensures \result == proposal;
    //@ pure
    public Proposal proposal() {
        return proposal;
    }

    /** Number of approvals carried. */
    //@ public normal_behavior
    //@   ensures \result == approvers.length;
    //@ pure
    public int approverCount() {
        return approvers.length;
    }

    /** Approver i's key. */
    //@ public normal_behavior
    //@   requires 0 <= i && i < approvers.length;
    //@   ensures \result == approvers[i];
    //@ pure
    public AccountKey approver(int i) {
        return approvers[i];
    }

    //@ also public normal_behavior
    //@   ensures \result == GOV_PROPOSE;
    //@ pure
    @Override
    public int type() {
        return GOV_PROPOSE;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> (validNonce(nonce()) && approvers.length <= MAX_APPROVERS && proposal.payload() != null
      @                        && (\forall int i; 0 <= i && i < approvers.length; approvers[i] != null));
      @ pure
      @*/
    @Override
    public boolean wellFormed() {
        if (!validNonce(nonce()) || approvers.length > MAX_APPROVERS || proposal.payload() == null) {
            return false;
        }
        //@ loop_invariant 0 <= i && i <= approvers.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; approvers[j] != null);
        //@ decreases approvers.length - i;
        for (int i = 0; i < approvers.length; i++) {
            if (approvers[i] == null) {
                return false;
            }
        }
        return true;
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(/*@ nullable @*/ Object o) {
        if (!(o instanceof GovPropose) || !sameHeader((GovPropose) o)) {
            return false;
        }
        GovPropose x = (GovPropose) o;
        if (!x.proposal.sameAs(proposal) || x.approvers.length != approvers.length) {
            return false;
        }
        for (int i = 0; i < approvers.length; i++) {
            if (!approvers[i].sameKey(x.approvers[i])) {
                return false;
            }
        }
        return true;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * headerHash() + 7 * Long.hashCode(proposal.nonce()) + proposal.kind()) + approvers.length;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "GovPropose[chain=" + chainId() + ", signer=" + signer() + ", nonce=" + nonce() + ", " + proposal
                + ", approvers=" + java.util.Arrays.toString(approvers) + "]";
    }
}
