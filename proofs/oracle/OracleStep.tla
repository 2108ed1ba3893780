----------------------------- MODULE OracleStep -----------------------------
(***************************************************************************)
(* Bounded induction step for the oracle's safety properties.             *)
(*                                                                         *)
(* INIT (StepInit) is every state of a box that satisfies IndInv -- not    *)
(* only reachable states: every reliability vector IndInv allows (every   *)
(* faulty reliability; honest reporters at full reliability, which is     *)
(* HonestFullWeight when the faulty stake is at most a third), every      *)
(* report vector allowed by the environment, every accepted / pending     *)
(* price.  TLC checks, for                                                 *)
(* every state s of the box and every Next-step s -> t:                   *)
(*   - IndInv holds in t (IndInv /\ [Next]_vars => IndInv'), and           *)
(*   - the step satisfies HonestRange, RelNoRiseOnDeviation,               *)
(*     HonestNotPenalised and GuardConfirmed.                              *)
(* Since every reachable state satisfies IndInv (Init does, and it is      *)
(* inductive), the action properties hold on every reachable step.  The  *)
(* median arithmetic itself is covered for all weights in a box by        *)
(* OracleMedian (MedianLemma), the step from stake to weight by           *)
(* OracleStake (StakeShareLemma).  The state constraint FromBox expands box *)
(* states only (each sets lastAction.name = "Init"; every action changes  *)
(* it).                                                                    *)
(***************************************************************************)
EXTENDS Oracle, TLC

\* The environment assumption on honest reporters, as a state predicate:
\* an honest reporter has no report, or one within Tol of the true price
\* (never an equivocation).
HonestReportsOK ==
    \A r \in Reporters \ Faulty :
        \/ reports[r] = NoReport
        \/ reports[r] \in Prices /\ Abs(reports[r] - truePrice) <= Tol

IndInv ==
    /\ TypeOK
    /\ HonestReportsOK
    /\ EquivocationEvidenced
    /\ EvidenceSound
    /\ HonestFullWeight

THEOREM Spec => []IndInv   \* Init => IndInv, and the step checked here.

\* The box.  Round 1 of 0..2 (round 0 differs only in having no previous
\* round, a special case of pendingRound # round - 1); the accepted and held
\* prices of the previous round, or none; evidence exactly for this round's
\* equivocations (older evidence plays no part in any step).
StepInit ==
    /\ round = 1
    /\ truePrice \in Prices
    /\ reports \in [Reporters -> ReportValues]
    /\ rel \in [Reporters -> 0..MaxRel]
    /\ price \in Prices \cup {NoPrice}
    /\ priceRound = IF price = NoPrice THEN -1 ELSE round - 1
    /\ pending \in Prices \cup {NoPrice}
    /\ pendingRound = IF pending = NoPrice THEN -1 ELSE round - 1
    /\ aggregated \in BOOLEAN
    /\ evidence = {[rep |-> r, rnd |-> round] :
                       r \in {x \in Reporters : reports[x] = Equivocated}}
    /\ lastAction = [name |-> "Init"]
    /\ IndInv

FromBox == lastAction.name = "Init"
=============================================================================
