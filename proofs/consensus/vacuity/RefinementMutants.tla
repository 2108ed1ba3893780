------------------------- MODULE RefinementMutants -------------------------
(***************************************************************************)
(* Vacuity for the refinement check: a Tendermint mutant whose Catchup     *)
(* adopts any valid value without a commit certificate.  Two correct      *)
(* validators can then decide differently, the abstract log entry changes *)
(* and TLC must report that ConsensusSpec is violated.                     *)
(***************************************************************************)
EXTENDS TendermintRefinement

MutantCatchup(p, h, r, v) ==
    /\ Active(p)
    /\ h = height[p]
    /\ r \in Rounds
    /\ Valid(v)
    /\ evidence' = evidence
    /\ Decide(p, v)
    /\ UNCHANGED <<msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "Catchup", p |-> p, h |-> h, r |-> r, v |-> v]
=============================================================================
