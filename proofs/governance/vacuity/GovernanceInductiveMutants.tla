--------------------- MODULE GovernanceInductiveMutants ---------------------
(***************************************************************************)
(* Vacuity for the bounded induction check: with one rule of Governance   *)
(* weakened, the same box and the same IndInv must fail to be inductive.   *)
(* Needs proofs/governance and spec/governance on the library path.        *)
(***************************************************************************)
EXTENDS GovernanceInductive

(* A leaving owner's approvals stay on the other open proposals: from a   *)
(* box state where the leaving owner approved another proposal, the step   *)
(* leaves an approval by a non-owner (ApprovalsByOwners fails).            *)
MutantVoidLeavingKeep(A, p) == A

(* Execution retires the other proposals of its nonce but not itself: the  *)
(* executed proposal stays open with a consumed nonce (OpenAhead fails) -- *)
(* the state from which it could be replayed.                              *)
MutantRetiredKeepSelf(p) ==
    {x \in Keys : (IsOpen(x) /\ proposal[x].nonce = p.nonce /\ proposal[x] # p)
                  \/ x \in Leaving(p)}

=============================================================================
