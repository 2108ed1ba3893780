------------------------- MODULE GovernanceMutants -------------------------
(***************************************************************************)
(* Vacuity mutants for Governance.tla.                                     *)
(*                                                                         *)
(* Each invariant and property of Governance must be able to fail.  Every  *)
(* operator below is one small, realistic bug; a vacuity config selects    *)
(* it with an override  `X <- MutantX`  (or changes one constant) and      *)
(* checks the one property the bug should break.  The first lines of each  *)
(* config name the module and the TLC error text expected.  TLC runs with  *)
(* spec/governance on its library path (scripts/tlc.sh does this).         *)
(***************************************************************************)
EXTENDS Governance

-----------------------------------------------------------------------------
(* TypeOK -- the block count of a queued proposal is not capped at Delay.  *)
MutantEndBlockNoCap ==
    /\ waited' = [s \in Keys |-> IF waited[s] >= 0 THEN waited[s] + 1 ELSE -1]   \* BUG
    /\ params' = IF pending = NoParams THEN params ELSE pending
    /\ pending' = NoParams
    /\ lastAction' = [name |-> "EndBlock"]
    /\ UNCHANGED <<owners, threshold, nonce, proposal, approvals, fund, stake>>

-----------------------------------------------------------------------------
(* ThresholdSane -- RemoveOwner checks only that the key is an owner, not  *)
(* that the new threshold fits the smaller owner set.                      *)
MutantRemoveApplicableNoBound(p) == p.owner \in owners      \* BUG

-----------------------------------------------------------------------------
(* ApprovalsByOwners, RemovedOwnerApprovalsVoid -- a leaving owner's       *)
(* approvals are kept on the other open proposals.                         *)
MutantVoidLeavingKeep(A, p) == A                                \* BUG

(* NoExecutionWithoutQuorum (counting a removed owner) -- the same, and    *)
(* the quorum counts every stored approval, owner or not.                  *)
MutantQuorumCountAll(A) == Cardinality(Approvers(A))            \* BUG

-----------------------------------------------------------------------------
(* NoExecutionWithoutQuorum (no de-duplication) -- approvals are kept as   *)
(* the list of approvals received and counted by its length; a second     *)
(* approval by the same owner is not refused.  (The property still counts *)
(* distinct owners, through Approvers.)                                    *)
MutantNoApprovals == <<>>
MutantWithApproval(A, k) == Append(A, k)
MutantWithoutApprover(A, k) == SelectSeq(A, LAMBDA x : x # k)
MutantApprovers(A) == {A[i] : i \in DOMAIN A}
MutantQuorumCountList(A) == Len(SelectSeq(A, LAMBDA x : x \in owners))  \* BUG
MutantApproveGuardNoDedup(k, s) ==
    /\ IsOpen(s)
    /\ k \in owners
    /\ Len(approvals[s]) < 3     \* keeps the mutant's lists finite; BUG: no "k already approved" check

-----------------------------------------------------------------------------
(* NoReplay -- execution checks nonce <= next instead of =, and leaves the *)
(* executed proposal open (only the others of its nonce are dropped): the  *)
(* same proposal executes again at the next nonce.                         *)
MutantExecuteGuardNonceAtMost(s) ==
    /\ IsOpen(s)
    /\ proposal[s].kind # "Cancel"
    /\ proposal[s].chain = ChainId
    /\ proposal[s].nonce <= nonce                                   \* BUG
    /\ HasQuorum(s)
    /\ waited[s] >= Delay
    /\ Applicable(proposal[s])

MutantRetiredKeepSelf(p) ==
    {x \in Keys : (IsOpen(x) /\ proposal[x].nonce = p.nonce /\ proposal[x] # p)
                  \/ x \in Leaving(p)}                             \* BUG

-----------------------------------------------------------------------------
(* TimelockRespected -- execution does not wait for the timelock (nor for  *)
(* the queueing).                                                          *)
MutantExecuteGuardNoTimelock(s) ==
    /\ IsOpen(s)
    /\ proposal[s].kind # "Cancel"
    /\ proposal[s].chain = ChainId
    /\ proposal[s].nonce = nonce
    /\ HasQuorum(s)
    \* BUG: missing  waited[s] >= Delay
    /\ Applicable(proposal[s])

-----------------------------------------------------------------------------
(* FundFloor -- a withdrawal is checked against the whole fund, not the   *)
(* surplus above the floor.                                                *)
MutantWithdrawApplicableNoFloor(p) == p.amount <= fund        \* BUG

(* FundFloor -- the surplus is checked when the withdrawal is submitted   *)
(* only; by execution the margin engine may have drawn on the fund.        *)
MutantExecuteGuardNoRecheck(s) ==
    /\ IsOpen(s)
    /\ proposal[s].kind # "Cancel"
    /\ proposal[s].chain = ChainId
    /\ proposal[s].nonce = nonce
    /\ HasQuorum(s)
    /\ waited[s] >= Delay
    \* BUG: missing  Applicable(proposal[s])

-----------------------------------------------------------------------------
(* ParamsInBounds -- a parameter change is not checked against the hard   *)
(* bounds.                                                                 *)
MutantParamsWellFormedAny(p) == TRUE                          \* BUG

-----------------------------------------------------------------------------
(* ParamsAtBlockBoundary -- a parameter change takes effect at execution,  *)
(* in the middle of a block.                                               *)
MutantEffectParamsNow(p) ==
    /\ owners'    = OwnersAfter(p)
    /\ threshold' = ThresholdAfter(p)
    /\ pending'   = pending
    /\ fund'      = IF p.kind = "Withdraw" THEN fund - p.amount ELSE fund
    /\ stake'     = IF p.kind = "SetStake" THEN StakeAfter(p) ELSE stake
    /\ params'    = IF p.kind = "SetParams" THEN ParamsOf(p) ELSE params   \* BUG

-----------------------------------------------------------------------------
(* StakeSane -- a stake change may leave no reporter with a stake.        *)
MutantStakeApplicableAny(p) == p.stake \in 0..MaxStake          \* BUG

-----------------------------------------------------------------------------
(* OpenForThisChain -- the chain id of a submitted proposal is not checked. *)
MutantSubmittableAnyChain == {p \in Proposals : WellFormed(p)}
MutantProposeGuardNoChain(k, p) ==
    /\ k \in owners
    /\ proposal[k] = NoProposal
    \* BUG: missing  p.chain = ChainId
    /\ p.nonce \in nonce..(nonce + Window - 1)
    /\ WellFormed(p)
    /\ Applicable(p)
    /\ \A s \in Keys : proposal[s] # p

-----------------------------------------------------------------------------
(* HonestQuorumExecutes without its premise that quorums intersect: once  *)
(* honest owners lower the threshold to 1 (they like it), the faulty      *)
(* owner's own proposal for the same nonce can execute first.              *)
HonestQuorumExecutesAnyThreshold ==
    \A s \in Keys \ Faulty, n \in Nonces :
        (HonestQuorum(s) /\ proposal[s].nonce = n) ~> Executed(s, n)

(* EffectsMatchActions -- the function the ledger uses forgets that a     *)
(* withdrawal leaves the fund.                                              *)
MutantExecuteEffectKeepFund(s) ==
    LET p == proposal[s] IN
    RetiredState([GState EXCEPT
                    !.owners    = OwnersAfter(p),
                    !.threshold = ThresholdAfter(p),
                    !.pending   = IF p.kind = "SetParams" THEN ParamsOf(p) ELSE pending,
                    !.stake     = IF p.kind = "SetStake" THEN StakeAfter(p) ELSE stake], p)

=============================================================================
