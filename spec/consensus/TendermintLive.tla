---------------------------- MODULE TendermintLive ----------------------------
(***************************************************************************)
(* Liveness of Tendermint under eventual synchrony.                        *)
(*                                                                         *)
(* Rounds before GstRound are asynchronous: every timeout may fire at any  *)
(* time (as in Tendermint.tla).  From GstRound on, messages among correct *)
(* validators arrive before timeouts expire; so a timeout fires only when  *)
(* the step it guards could not happen instead:                            *)
(*  - timeoutPropose only if the round's proposer is faulty (a correct     *)
(*    proposer's proposal arrives in time);                                *)
(*  - timeoutPrevote only if no value has a quorum of prevotes;            *)
(*  - timeoutPrecommit only if no value has a quorum of precommits.        *)
(* Every correct validator's steps are weakly fair.  Property: every       *)
(* correct validator eventually decides every height.                      *)
(***************************************************************************)
EXTENDS TendermintMC

CONSTANT GstRound

Synchronous(p) == round[p] >= GstRound

\* No faulty message at all (silent Byzantine validators).
NoFaultyMsgs == {<<{}, {}, {}>>}

\* Round 0 led by the faulty validator, round 1 by a correct one.
OrderF1C1C2C3 == <<"f1", "c1", "c2", "c3">>

LiveOnTimeoutPropose(p) ==
    /\ Synchronous(p) => Proposer(height[p], round[p]) \in Faulty
    /\ OnTimeoutPropose(p)

LiveOnTimeoutPrevote(p) ==
    /\ Synchronous(p) =>
         ~\E v \in Values : IsQuorum(Senders(PrevotesFor(height[p], round[p], v)))
    /\ OnTimeoutPrevote(p)

LiveOnTimeoutPrecommit(p) ==
    /\ Synchronous(p) =>
         ~\E v \in Values : IsQuorum(Senders(PrecommitsFor(height[p], round[p], v)))
    /\ OnTimeoutPrecommit(p)

StepOf(p) ==
    \/ \E v \in ValidValues : InsertProposal(p, v)
    \/ \E v \in Values : UponProposalInPropose(p, v)
    \/ \E v \in Values, vr \in Rounds : UponProposalInProposeAndPrevote(p, v, vr)
    \/ \E v \in Values, vr \in Rounds \cup {NilRound} :
          UponProposalInPrevoteOrCommitAndPrevote(p, v, vr)
    \/ UponQuorumOfPrevotesNil(p)
    \/ \E v \in Values, r \in Rounds : UponProposalInPrecommitNoDecision(p, v, r)
    \/ \E r \in Rounds : OnRoundCatchup(p, r)
    \/ LiveOnTimeoutPropose(p)
    \/ LiveOnTimeoutPrevote(p)
    \/ LiveOnTimeoutPrecommit(p)
    \/ \E h \in Heights, r \in Rounds, v \in Values : Catchup(p, h, r, v)

LiveNext == \E p \in Corr : StepOf(p)

LiveSpec == Init /\ [][LiveNext]_vars /\ \A p \in Corr : WF_vars(StepOf(p))

\* Every correct validator eventually decides every height.
Termination == <>(\A p \in Corr : height[p] = MaxHeight + 1)
=============================================================================
