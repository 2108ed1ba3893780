---------------------------- MODULE LedgerMutants ----------------------------
(***************************************************************************)
(* Vacuity mutants for Ledger.tla: one realistic bug per property.  Each   *)
(* config in this folder overrides one operator (X <- MutantX) and checks  *)
(* the one property the bug must break; two also change the model where    *)
(* MC's cannot show the bug (ReplicaMarginTypeOK: MaxNetDeposits = 30;     *)
(* ReplicaGovernanceInvariants: one more block, MCBlocksOtherChainGov).    *)
(***************************************************************************)
EXTENDS LedgerMC

MaxOf(x, y) == IF x >= y THEN x ELSE y

Reverse(b) == [i \in 1..Len(b) |-> b[Len(b) + 1 - i]]

(* StateMachineSafety -- a replica applies a block's transactions in the  *)
(* order they reached its own mempool, not the block's order.              *)
MutantApply(r) ==
    /\ up[r]
    /\ ht[r] < stored[r]
    /\ \E arrival \in {BlockToApply(r), Reverse(BlockToApply(r))} :
          st' = [st EXCEPT ![r] = ApplyBlock(st[r], arrival)]
    /\ ht' = [ht EXCEPT ![r] = @ + 1]
    /\ applied' = [applied EXCEPT ![r] = Append(@, BlockToApply(r))]
    /\ lastAction' = [name |-> "Apply", r |-> r, h |-> ht[r] + 1]
    /\ UNCHANGED <<log, refState, up, stored, base, snap, acked, crashes>>

(* ReplicaIsPrefix -- a restart takes the snapshot's state but resumes at *)
(* the store's height, skipping the replay of the blocks above the        *)
(* snapshot.                                                               *)
MutantRestart(r) ==
    /\ ~up[r]
    /\ up' = [up EXCEPT ![r] = TRUE]
    /\ st' = [st EXCEPT ![r] = snap[r].s]
    /\ ht' = [ht EXCEPT ![r] = stored[r]]
    /\ applied' = [applied EXCEPT ![r] = snap[r].applied]
    /\ lastAction' = [name |-> "Restart", r |-> r, h |-> stored[r]]
    /\ UNCHANGED <<log, refState, stored, base, snap, acked, crashes>>

(* ReplicaConservation -- a deposit credits the account but is not        *)
(* counted in netDeposits.                                                 *)
MutantRuleEffect(s, t) ==
    IF t.type = "Deposit" THEN [s EXCEPT !.m.coll = [@ EXCEPT ![t.signer] = @ + t.amount]]
    ELSE [r \in {Rules(s)} |-> RuleEffectR(s, t, r)][Rules(s)]

(* ReplicaOpenInterestBalanced -- a fill is booked on the buyer's side      *)
(* only: both balances move, the seller's position does not.               *)
MutantRuleEffectOneSidedFill(s, t) ==
    IF t.type = "Trade"
    THEN [s EXCEPT !.m.coll = [@ EXCEPT ![t.signer] = @ - t.lots * t.price,
                                        ![t.seller] = @ + t.lots * t.price],
                   !.m.pos = [@ EXCEPT ![t.signer] = @ + t.lots]]
    ELSE [r \in {Rules(s)} |-> RuleEffectR(s, t, r)][Rules(s)]

(* ReplicaMarginTypeOK -- the ledger checks a deposit against the account's *)
(* balance bound but not against the engine's bound on all deposits        *)
(* (MaxNetDeposits; the config lowers it to 30, below the 35 the first     *)
(* block deposits).                                                        *)
MutantRuleAllows(s, t) ==
    IF t.type = "Deposit"
    THEN t.amount > 0 /\ s.m.coll[t.signer] + t.amount <= MaxCollateral
    ELSE \E r \in {Rules(s)} : RuleAllowsR(s, t, r)

(* ReplicaInsuranceNonNegative -- the liquidation pass hands every         *)
(* liquidatable account to the backstop, whole position at the oracle      *)
(* price, the fund paying its deficit, without deleveraging first and      *)
(* without checking that the fund can pay (Margin's guard, InsuranceCovers).*)
MutantLiquidateAccountR(m, a, r) ==
    IF ~m.halted /\ a # Backstop /\ m.pos[a] # 0 /\ MAt(m, r)!Liquidatable(a)
    THEN MAt(m, r)!LiquidateEffect(a, Backstop, MAt(m, r)!Abs(m.pos[a]), m.price)
    ELSE m

(* ReplicaOracleTypeOK -- closing the round records the aggregate's price   *)
(* but keeps the previous price's round (the new price has no round).       *)
MutantCloseAggregateR(s, r) ==
    LET agg == OAt(s.o, r)!AggregateGuard
        o1  == IF agg THEN [OAt(s.o, r)!AggregateEffect EXCEPT !.priceRound = s.o.priceRound]
               ELSE s.o
        accepted == agg /\ o1.priceRound = s.o.round
        m1  == IF /\ accepted
                  /\ ~(~s.m.halted /\ o1.price = s.m.price)
                  /\ MAt(s.m, r)!SetPriceGuard(o1.price)
               THEN MAt(s.m, r)!SetPriceEffect(o1.price) ELSE s.m
    IN  [s EXCEPT !.m = m1, !.o = o1]

(* ReplicaNoStalePrice -- the snapshot does not keep the oracle's round: a  *)
(* restart resumes the oracle at round 0, with a price of a later round.    *)
MutantRestartRound(r) ==
    /\ ~up[r]
    /\ up' = [up EXCEPT ![r] = TRUE]
    /\ st' = [st EXCEPT ![r] = [snap[r].s EXCEPT !.o.round = 0]]
    /\ ht' = [ht EXCEPT ![r] = snap[r].h]
    /\ applied' = [applied EXCEPT ![r] = snap[r].applied]
    /\ lastAction' = [name |-> "Restart", r |-> r, h |-> snap[r].h]
    /\ UNCHANGED <<log, refState, stored, base, snap, acked, crashes>>

(* ReplicaEnginePriceUsable -- closing the round advances the oracle but   *)
(* never halts the engine: it keeps trading on a stale price.              *)
MutantCloseAdvanceR(s, r) ==
    LET o2 == IF OAt(s.o, r)!AdvanceRoundGuard(LedgerTruePrice)
              THEN OAt(s.o, r)!AdvanceRoundEffect(LedgerTruePrice) ELSE s.o
    IN  [s EXCEPT !.o = o2]

(* ReplicaGovernanceInvariants (OpenForThisChain) -- the ledger checks a   *)
(* proposal as if it named this chain: its chain field is not checked, and *)
(* a proposal for another chain opens (and is queued) here.  The config's  *)
(* blocks are MC's and one with such a proposal (MCBlocksOtherChainGov),   *)
(* which the ledger refuses.                                               *)
MutantGovAllows(s, t) ==
    CASE t.type = "GovPropose" ->
            /\ LedgerAccepts(t.proposal)
            /\ GAt(s.g, s.m)!ProposeGuard(t.signer, [t.proposal EXCEPT !.chain = Chain])
            /\ ApproveAll(ProposeStep(s, t), t.signer, t.approvers).ok
      [] t.type = "GovApprove" -> GAt(s.g, s.m)!ApproveGuard(t.signer, t.slot)
      [] t.type = "GovRetract" -> GAt(s.g, s.m)!RetractGuard(t.signer)
      [] t.type = "GovQueue"   -> GAt(s.g, s.m)!QueueGuard(t.slot)
      [] t.type = "GovExecute" -> GAt(s.g, s.m)!ExecuteGuard(t.slot)
      [] t.type = "GovCancel"  -> GAt(s.g, s.m)!CancelGuard(t.slot)

OtherChainRateRise == GProp(k1, 1, [SP(3000, 3000, 1000, 0) EXCEPT !.chain = c2], <<k2>>)
MCBlocksOtherChainGov == MCBlocks \cup {<<OtherChainRateRise>>}
MCTxsOtherChainGov == MCTxs \cup {OtherChainRateRise}

(* NoReplay -- the nonce is not checked, only the chain and the signer.    *)
MutantNonceOK(s, t) == TRUE

(* NoApplyWithoutCertificate -- a replica applies a block it was shown for *)
(* its next height (a proposal) without waiting for its commit certificate.*)
MutantApplyUncertified(r) ==
    /\ up[r]
    /\ ht[r] < MaxHeight
    /\ \E b \in Blocks :
          /\ st' = [st EXCEPT ![r] = ApplyBlock(st[r], b)]
          /\ applied' = [applied EXCEPT ![r] = Append(@, b)]
    /\ ht' = [ht EXCEPT ![r] = @ + 1]
    /\ stored' = [stored EXCEPT ![r] = MaxOf(@, ht[r] + 1)]
    /\ lastAction' = [name |-> "Apply", r |-> r, h |-> ht[r] + 1]
    /\ UNCHANGED <<log, refState, up, base, snap, acked, crashes>>


(* Durability -- a replica acknowledges a commit as soon as consensus has *)
(* decided it, before it has persisted the block.                          *)
MutantAckGuard(r) == up[r] /\ acked[r] < DecidedHeight
MutantAck(r) ==
    /\ MutantAckGuard(r)
    /\ acked' = [acked EXCEPT ![r] = DecidedHeight]
    /\ lastAction' = [name |-> "Ack", r |-> r, h |-> DecidedHeight]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, stored, base, snap, crashes>>

(* TypeOK -- catch-up copies a block from a peer that does not have it.    *)
MutantFetchBlock(r, q) ==
    /\ up[r] /\ up[q] /\ q # r
    /\ stored[q] >= stored[r] /\ stored[r] < MaxHeight
    /\ stored' = [stored EXCEPT ![r] = @ + 1]
    /\ lastAction' = [name |-> "FetchBlock", r |-> r, q |-> q, h |-> stored[r] + 1]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, base, snap, acked, crashes>>

(* ReplayCovered -- pruning goes by the stored height instead of the       *)
(* snapshot's: blocks above the snapshot are deleted, and a restart can no  *)
(* longer replay them.                                                     *)
MutantPrune(r, h) ==
    /\ up[r]
    /\ base[r] < h /\ h <= stored[r]
    /\ base' = [base EXCEPT ![r] = h]
    /\ lastAction' = [name |-> "Prune", r |-> r, h |-> h]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, stored, snap, acked, crashes>>

(* HeaderCertifiesState -- the proposer fills the header with the app hash *)
(* after executing the block itself (the state after h, as a state root    *)
(* would be), not the app hash after h - 1.                                *)
MutantHeader(h) == refState[h]

(* CatchUp -- no fairness for restarting: a crashed replica may stay down. *)
MutantFairness ==
    \A r \in Replicas : WF_vars(CommitBlock(r)) /\ WF_vars(Apply(r))
MutantLiveSpec == Spec /\ MutantFairness
=============================================================================
