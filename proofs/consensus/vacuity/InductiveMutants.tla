------------------------- MODULE InductiveMutants -------------------------
(***************************************************************************)
(* Vacuity for the induction check: IndInv without LockIsLastPrecommit is *)
(* not inductive (a validator that precommitted v in round 0 but is not    *)
(* locked may prevote another value in round 1); TLC must find the step.   *)
(***************************************************************************)
EXTENDS TendermintInductive

IndInvNoLock ==
    /\ TypeOK
    /\ evidence = {}
    /\ FaultyFixed
    /\ MsgsOfPast
    /\ StepHasVotes
    /\ RoundsOK
    /\ NoCorrectEquivocation
    /\ PrecommitHasPOL
    /\ NoCorrectAmnesia
    /\ PrevoteHasProposal
    /\ ProposalHasPOL
    /\ CommitLocks
    /\ DecisionHasCertificate
    /\ DecidedWindow
    /\ BaseCertified

\* The box with the locks free (any lock the weaker invariant allows).
ProofInitNoLock ==
    /\ \E pat \in [Corr -> VotePatterns],
          prop \in {{}} \cup {{Proposal(Proposer(1, 0), 1, 0, v, NilRound)} : v \in ValidValues} :
          /\ msgsPropose = AllFaultyProposals \cup prop
          /\ msgsPrevote = AllFaultyPrevotes
                 \cup {Prevote(p, 1, 0, pat[p][1]) : p \in {q \in Corr : pat[q][1] /= "none"}}
          /\ msgsPrecommit = AllFaultyPrecommits
                 \cup {Precommit(p, 1, 0, pat[p][2]) : p \in {q \in Corr : pat[q][2] /= "none"}}
    /\ lockedValue = [p \in Corr |-> NilValue]
    /\ lockedRound = [p \in Corr |-> NilRound]
    /\ height = [p \in Corr |-> 1]
    /\ round = [p \in Corr |-> 1]
    /\ step = [p \in Corr |-> "propose"]
    /\ validValue = [p \in Corr |-> NilValue]
    /\ validRound = [p \in Corr |-> NilRound]
    /\ decision = [p \in Corr |-> [h \in Heights |-> NilValue]]
    /\ base = [p \in Corr |-> 1]
    /\ evidence = {}
    /\ lastAction = [name |-> "Init"]
    /\ IndInvNoLock
=============================================================================
