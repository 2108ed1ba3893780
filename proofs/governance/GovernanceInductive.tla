------------------------ MODULE GovernanceInductive ------------------------
(***************************************************************************)
(* A bounded check that IndInv is an inductive invariant of Governance,   *)
(* and that it carries NoExecutionWithoutQuorum and NoReplay.              *)
(*                                                                         *)
(* TLC runs with INIT = ProofInit (every state of a bounded box of          *)
(* type-correct states that satisfies IndInv, not only the reachable       *)
(* ones), NEXT = Next, INVARIANT IndInv and PROPERTIES the two action      *)
(* properties.  It thus checks, for every state s of the box and every     *)
(* Next-step s -> t:                                                       *)
(*     IndInv(s) => IndInv(t)                                               *)
(*     IndInv(s) => NoExecutionWithoutQuorum and NoReplay hold on s -> t   *)
(* Successors are checked whether or not they lie in the box; the state    *)
(* constraint FromBox keeps TLC from expanding them (every box state has   *)
(* lastAction = [name |-> "Init"], every action sets another name), as in  *)
(* proofs/margin/MarginInductive.tla.                                      *)
(*                                                                         *)
(* Why these conjuncts.  The execution guard counts the stored approvals   *)
(* of current owners; NoExecutionWithoutQuorum needs them to be approvals  *)
(* of DISTINCT CURRENT owners, which rests on ApprovalsByOwners (a leaving *)
(* owner's approvals are voided: not inductive without it, see the        *)
(* vacuity config) and on threshold >= 1.  NoReplay needs the consumed     *)
(* proposal to name the counter, and "each nonce at most once" needs no    *)
(* open proposal to name a consumed nonce (OpenAhead: not inductive        *)
(* without the retirement of every proposal of the executed nonce).        *)
(***************************************************************************)
EXTENDS Governance, TLC

IndInv ==
    \* types and bounds
    /\ owners \in SUBSET Keys
    /\ nonce \in 0..MaxNonce
    /\ \A s \in Keys : proposal[s] = NoProposal \/ proposal[s] \in Submittable
    /\ approvals \in [Keys -> SUBSET Keys]
    /\ waited \in [Keys -> -1..Delay]
    /\ ThresholdSane
    \* approvals: only current owners', and the proposer's own while open
    /\ ApprovalsByOwners
    /\ \A s \in Keys : IsOpen(s) => s \in approvals[s]
    \* empty slots hold nothing
    /\ \A s \in Keys : ~IsOpen(s) => approvals[s] = NoApprovals /\ waited[s] = -1
    \* open proposals: an owner's, this chain's, well formed, no consumed nonce
    /\ \A s \in Keys : IsOpen(s) =>
           /\ s \in owners
           /\ proposal[s].chain = ChainId
           /\ WellFormed(proposal[s])
           /\ proposal[s].nonce \in nonce..(nonce + Window - 1)       \* OpenAhead
           /\ proposal[s].kind = "Cancel" => waited[s] = -1
    \* one open proposal per content
    /\ \A s, t \in Keys : IsOpen(s) /\ s # t => proposal[s] # proposal[t]

\* The box: every owner set, threshold and nonce; every slot empty or holding a
\* submittable proposal of its owner for a nonce in the window, with approvals by
\* owners including the proposer, queued or not (a Cancel never); the governed
\* variables at fixed values (the two properties do not read them).  Written as
\* a conjunction of choices each followed by its filter, so that TLC prunes early.
BoxProposals == Submittable \cup {NoProposal}

ProofInit ==
    /\ owners \in (SUBSET Keys) \ {{}}
    /\ threshold \in 1..Cardinality(owners)
    /\ nonce \in 0..MaxNonce
    /\ proposal \in [Keys -> BoxProposals]
    /\ \A s \in Keys : IsOpen(s) => s \in owners /\ proposal[s].nonce \in nonce..(nonce + Window - 1)
    /\ \A s, t \in Keys : IsOpen(s) /\ s # t => proposal[s] # proposal[t]
    /\ approvals \in [Keys -> SUBSET owners]
    /\ \A s \in Keys : IF IsOpen(s) THEN s \in approvals[s] ELSE approvals[s] = NoApprovals
    /\ waited \in [Keys -> -1..Delay]
    /\ \A s \in Keys : ~IsOpen(s) \/ proposal[s].kind = "Cancel" => waited[s] = -1
    /\ params = InitParams
    /\ pending = NoParams
    /\ fund = InitFund
    /\ stake = [r \in Reporters |-> InitStake]
    /\ lastAction = [name |-> "Init"]

FromBox == lastAction.name = "Init"

THEOREM IndInv => ThresholdSane /\ ApprovalsByOwners   \* conjuncts

=============================================================================
