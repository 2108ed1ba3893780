-------------------------- MODULE RefinementMutants --------------------------
(***************************************************************************)
(* Vacuity mutants for LedgerRefinement: ledger bugs the refinement and    *)
(* boundary checks must catch.                                             *)
(***************************************************************************)
EXTENDS LedgerRefinement

(* MarginRefinement -- the backstop's liquidation keeps the fee for the   *)
(* liquidated account instead of crediting the insurance fund.             *)
MutantBackstopStepR(m, a, r) ==
    IF BackstopLotsR(m, a, r) = 0 THEN m
    ELSE [MAt(m, r)!LiquidateEffect(a, Backstop, BackstopLotsR(m, a, r), m.price)
            EXCEPT !.insurance = m.insurance - MAt(m, r)!Deficit(a)]
MutantBackstopStep(s0, a) == [r \in {Rules(s0)} |-> MutantBackstopStepR(s0.m, a, r)][Rules(s0)]

(* OracleRefinement -- closing the round keeps the round's reports.        *)
MutantCloseAdvanceR(s0, r) ==
    LET o2 == IF OAt(s0.o, r)!AdvanceRoundGuard(LedgerTruePrice)
              THEN [OAt(s0.o, r)!AdvanceRoundEffect(LedgerTruePrice)
                      EXCEPT !.reports = s0.o.reports]
              ELSE s0.o
        m2 == IF ~OAt(o2, r)!Usable /\ MAt(s0.m, r)!HaltGuard THEN MAt(s0.m, r)!HaltEffect ELSE s0.m
    IN  [s0 EXCEPT !.m = m2, !.o = o2]
MutantCloseAdvance(s0) == [r \in {Rules(s0)} |-> MutantCloseAdvanceR(s0, r)][Rules(s0)]

(* BoundaryIsApplyBlock -- the replica's pass skips the deleveraging that  *)
(* the block function performs (each skipped step is a stutter, so the     *)
(* refinement alone would not notice).                                     *)
MutantDeleverageOne == FALSE
MutantDeleverageDone ==
    /\ phase = "deleverage"
    /\ phase' = "backstop"
    /\ UNCHANGED <<s, blk, i, acct, base, mLast, oLast>>

(* GovFundFloor -- the ledger checks a withdrawal against the whole fund, *)
(* not the surplus above the floor (at submission and at execution).      *)
WholeFundOK(s0, p) == p.kind = "Withdraw" => p.amount <= s0.m.insurance
MutantGovAllows(s0, t) ==
    CASE t.type = "GovPropose" ->
            LET p == t.proposal IN
            /\ LedgerAccepts(p)
            /\ t.signer \in s0.g.owners /\ s0.g.proposal[t.signer] = NoneRec
            /\ p.chain = Chain /\ p.nonce \in s0.g.nonce..(s0.g.nonce + Gov.window - 1)
            /\ GAt(s0.g, s0.m)!WellFormed(p)
            /\ IF p.kind = "Withdraw" THEN WholeFundOK(s0, p) ELSE GAt(s0.g, s0.m)!Applicable(p)
            /\ \A x \in GovKeys : s0.g.proposal[x] # p
            /\ ApproveAll(ProposeStep(s0, t), t.signer, t.approvers).ok
      [] t.type = "GovExecute" ->
            LET p == s0.g.proposal[t.slot] IN
            /\ GAt(s0.g, s0.m)!IsOpen(t.slot) /\ p.kind # "Cancel" /\ p.chain = Chain
            /\ p.nonce = s0.g.nonce /\ GAt(s0.g, s0.m)!HasQuorum(t.slot) /\ s0.g.waited[t.slot] >= Gov.delay
            /\ IF p.kind = "Withdraw" THEN WholeFundOK(s0, p) ELSE GAt(s0.g, s0.m)!Applicable(p)
      [] t.type = "GovApprove" -> GAt(s0.g, s0.m)!ApproveGuard(t.signer, t.slot)
      [] t.type = "GovRetract" -> GAt(s0.g, s0.m)!RetractGuard(t.signer)
      [] t.type = "GovQueue"   -> GAt(s0.g, s0.m)!QueueGuard(t.slot)
      [] t.type = "GovCancel"  -> GAt(s0.g, s0.m)!CancelGuard(t.slot)

(* ParamsAtBlockBoundary -- an executed rate change takes effect at once, *)
(* in the middle of the block.                                             *)
MutantGovEffect(s0, t) ==
    CASE t.type = "GovPropose" ->
            AfterApprovals(ApproveAll(ProposeStep(s0, t), t.signer, t.approvers).s, t.signer)
      [] t.type = "GovApprove" ->
            AfterApprovals(WithG(s0, GAt(s0.g, s0.m)!ApproveEffect(t.signer, t.slot)), t.slot)
      [] t.type = "GovRetract" -> WithG(s0, GAt(s0.g, s0.m)!RetractEffect(t.signer))
      [] t.type = "GovQueue"   -> WithG(s0, GAt(s0.g, s0.m)!QueueEffect(t.slot))
      [] t.type = "GovExecute" ->
            LET e == WithG(s0, GAt(s0.g, s0.m)!ExecuteEffect(t.slot)) IN
            IF s0.g.proposal[t.slot].kind = "SetParams"
            THEN [e EXCEPT !.g.params = e.g.pending, !.g.pending = NoneRec] ELSE e
      [] t.type = "GovCancel"  -> WithG(s0, GAt(s0.g, s0.m)!CancelEffect(t.slot))
=============================================================================
