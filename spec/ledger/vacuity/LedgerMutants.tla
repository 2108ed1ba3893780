---------------------------- MODULE LedgerMutants ----------------------------
(***************************************************************************)
(* Vacuity mutants for Ledger.tla: one realistic bug per property.  Each   *)
(* config in this folder overrides one operator (X <- MutantX) and checks  *)
(* the one property the bug must break.                                    *)
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

(* ReplicaInvariants (Conservation) -- a deposit credits the account but   *)
(* is not counted in netDeposits.                                          *)
MutantRuleEffect(s, t) ==
    IF t.type = "Deposit" THEN [s EXCEPT !.m.coll = [@ EXCEPT ![t.signer] = @ + t.amount]]
    ELSE [r \in {Rules(s)} |-> RuleEffectR(s, t, r)][Rules(s)]

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
