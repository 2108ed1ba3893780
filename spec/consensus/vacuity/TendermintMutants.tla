------------------------- MODULE TendermintMutants -------------------------
(***************************************************************************)
(* Vacuity mutants for Tendermint.tla.  Each operator is one small bug in  *)
(* one guard, effect or definition; a config in this folder selects it     *)
(* with  Op <- MutantOp  and checks the one property it must break.        *)
(***************************************************************************)
EXTENDS TendermintMC

-----------------------------------------------------------------------------
(* Agreement, CommitLocks -- lines 22-27 without the lock check: a locked  *)
(* validator prevotes any valid proposal of a later round.                 *)
MutantUponProposalInPropose(p, v) ==
    LET h == height[p]
        r == round[p]
        prop == Proposal(Proposer(h, r), h, r, v, NilRound)
    IN
    /\ Active(p)
    /\ step[p] = "propose"
    /\ prop \in msgsPropose
    /\ BroadcastPrevote(p, IF Valid(v) THEN v ELSE NilValue)
    /\ step' = [step EXCEPT ![p] = "prevote"]
    /\ evidence' = Record(UseProposal(prop))
    /\ UNCHANGED <<height, round, lockedValue, lockedRound, validValue, validRound,
                   decision, base, msgsPropose, msgsPrecommit>>
    /\ lastAction' = [name |-> "UponProposalInPropose", p |-> p, v |-> v]

-----------------------------------------------------------------------------
(* Validity -- valid(v) is never checked: every value counts as valid.     *)
MutantValid(v) == TRUE

-----------------------------------------------------------------------------
(* DecisionHasCertificate, Agreement (catch-up) -- Catchup adopts a value  *)
(* from a one-third set of precommits instead of a quorum.                 *)
MutantCatchup(p, h, r, v) ==
    /\ Active(p)
    /\ h = height[p]
    /\ r \in Rounds
    /\ Valid(v)
    /\ UseOneThird(PrecommitsFor(h, r, v))
    /\ Decide(p, v)
    /\ UNCHANGED <<msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "Catchup", p |-> p, h |-> h, r |-> r, v |-> v]

-----------------------------------------------------------------------------
(* EvidenceRecorded, Accountability -- a step forgets the faulty messages  *)
(* it used: evidence is never recorded.                                    *)
MutantRecord(F) == evidence
MutantUseQuorum(M, X) == IsQuorum(Senders(M)) /\ evidence' = evidence
MutantUseOneThird(M) == IsOneThird(Senders(M)) /\ evidence' = evidence

-----------------------------------------------------------------------------
(* Accountability -- the check ignores amnesia: only equivocators count.   *)
MutantGuilty(E) == Equivocators(E)

-----------------------------------------------------------------------------
(* NoFrameUp -- amnesia counts a nil precommit as a lock.                  *)
MutantAmnesic(E) ==
    {q \in Procs : \E h \in Heights, r1, r2 \in Rounds, v1 \in ValuesOrNil, v2 \in Values :
        /\ r1 < r2 /\ v1 /= v2
        /\ Precommit(q, h, r1, v1) \in E
        /\ Prevote(q, h, r2, v2) \in E
        /\ \A r \in r1..(r2 - 1) :
              ~IsQuorum(Senders({m \in E : m.type = "PREVOTE" /\ m.h = h /\ m.r = r /\ m.v = v2}))}
MutantGuiltyFrame(E) == Equivocators(E) \cup MutantAmnesic(E)

-----------------------------------------------------------------------------
(* PrecommitHasPOL, LockHasPOL -- lines 36-43 fire on a quorum of prevotes *)
(* for anything in the round, not for v.                                   *)
MutantUponProposalInPrevoteOrCommitAndPrevote(p, v, vr) ==
    LET h == height[p]
        r == round[p]
        prop == Proposal(Proposer(h, r), h, r, v, vr)
    IN
    /\ Active(p)
    /\ step[p] \in {"prevote", "precommit"}
    /\ validRound[p] < r
    /\ prop \in msgsPropose
    /\ Valid(v)
    /\ UseQuorum(PrevotesAny(h, r), UseProposal(prop))
    /\ IF step[p] = "prevote"
         THEN /\ lockedValue' = [lockedValue EXCEPT ![p] = v]
              /\ lockedRound' = [lockedRound EXCEPT ![p] = r]
              /\ BroadcastPrecommit(p, v)
              /\ step' = [step EXCEPT ![p] = "precommit"]
         ELSE UNCHANGED <<lockedValue, lockedRound, msgsPrecommit, step>>
    /\ validValue' = [validValue EXCEPT ![p] = v]
    /\ validRound' = [validRound EXCEPT ![p] = r]
    /\ UNCHANGED <<height, round, decision, base, msgsPropose, msgsPrevote>>
    /\ lastAction' = [name |-> "UponProposalInPrevoteOrCommitAndPrevote", p |-> p, v |-> v, vr |-> vr]

-----------------------------------------------------------------------------
(* NoCorrectEquivocation -- the proposer may propose again in its round.   *)
MutantInsertProposal(p, v) ==
    /\ Active(p)
    /\ p = Proposer(height[p], round[p])
    /\ step[p] = "propose"
    /\ IF validValue[p] /= NilValue THEN v = validValue[p] ELSE v \in ValidValues
    /\ msgsPropose' = msgsPropose \cup {Proposal(p, height[p], round[p], v, validRound[p])}
    /\ UNCHANGED <<height, round, step, lockedValue, lockedRound, validValue,
                   validRound, decision, base, msgsPrevote, msgsPrecommit, evidence>>
    /\ lastAction' = [name |-> "InsertProposal", p |-> p, v |-> v]

-----------------------------------------------------------------------------
(* LockedRoundMonotone -- a round skip (lines 55-56) drops the lock.       *)
MutantOnRoundCatchup(p, r) ==
    LET h == height[p] IN
    /\ Active(p)
    /\ r \in Rounds /\ r > round[p]
    /\ UseOneThird(MsgsAny(h, r))
    /\ StartRound(p, r)
    /\ lockedValue' = [lockedValue EXCEPT ![p] = NilValue]
    /\ lockedRound' = [lockedRound EXCEPT ![p] = NilRound]
    /\ UNCHANGED <<height, validValue, validRound, decision, base,
                   msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "OnRoundCatchup", p |-> p, r |-> r]

-----------------------------------------------------------------------------
(* DecidedWindow, DecisionStable -- a decision does not move the validator *)
(* to the next height, so it can decide the same height again.             *)
MutantDecide(p, v) ==
    /\ decision' = [decision EXCEPT ![p][height[p]] = v]
    /\ UNCHANGED <<height, base>>
    /\ lockedValue' = [lockedValue EXCEPT ![p] = NilValue]
    /\ lockedRound' = [lockedRound EXCEPT ![p] = NilRound]
    /\ validValue' = [validValue EXCEPT ![p] = NilValue]
    /\ validRound' = [validRound EXCEPT ![p] = NilRound]
    /\ StartRound(p, 0)

-----------------------------------------------------------------------------
(* TypeOK -- the timeout of lines 65-67 ignores the round bound.           *)
MutantOnTimeoutPrecommit(p) ==
    LET h == height[p]
        r == round[p]
    IN
    /\ Active(p)
    /\ UseQuorum(PrecommitsAny(h, r), {})
    /\ StartRound(p, r + 1)
    /\ UNCHANGED <<height, lockedValue, lockedRound, validValue, validRound, decision, base,
                   msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "OnTimeoutPrecommit", p |-> p]

-----------------------------------------------------------------------------
(* StepMonotone, NoCorrectEquivocation -- a driver that runs StartRound    *)
(* again in the current round (a second "start", or a restart that        *)
(* forgets the step): the validator re-enters step propose after it voted  *)
(* and can vote again in the same round.  The Java driver refuses a second *)
(* Input.Start (Reason.ALREADY_STARTED) and Start changes no spec variable.*)
Restart(p) ==
    /\ Active(p)
    /\ StartRound(p, round[p])
    /\ UNCHANGED <<height, lockedValue, lockedRound, validValue, validRound, decision, base,
                   msgsPropose, msgsPrevote, msgsPrecommit, evidence>>
    /\ lastAction' = [name |-> "Restart", p |-> p]

MutantNextRestart == Next \/ \E p \in Corr : Restart(p)

-----------------------------------------------------------------------------
(* BaseCertified -- state sync without the commit certificate: a           *)
(* validator joins past a height nobody has certified.                     *)
MutantJoinAt(p, h, r, v) ==
    /\ Active(p)
    /\ h \in Heights /\ h >= height[p]
    /\ r \in Rounds
    /\ evidence' = evidence
    /\ height' = [height EXCEPT ![p] = h + 1]
    /\ base' = [base EXCEPT ![p] = h + 1]
    /\ decision' = [decision EXCEPT ![p] = [g \in Heights |-> NilValue]]
    /\ lockedValue' = [lockedValue EXCEPT ![p] = NilValue]
    /\ lockedRound' = [lockedRound EXCEPT ![p] = NilRound]
    /\ validValue' = [validValue EXCEPT ![p] = NilValue]
    /\ validRound' = [validRound EXCEPT ![p] = NilRound]
    /\ StartRound(p, 0)
    /\ UNCHANGED <<msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "JoinAt", p |-> p, h |-> h, r |-> r, v |-> v]

-----------------------------------------------------------------------------
(* DecidedWindow (its bound) -- a decision that never forgets: the log     *)
(* grows by one entry per height, as the validator's log did before the    *)
(* window.                                                                 *)
MutantDecideKeepAll(p, v) ==
    /\ decision' = [decision EXCEPT ![p][height[p]] = v]
    /\ base' = base
    /\ height' = [height EXCEPT ![p] = height[p] + 1]
    /\ lockedValue' = [lockedValue EXCEPT ![p] = NilValue]
    /\ lockedRound' = [lockedRound EXCEPT ![p] = NilRound]
    /\ validValue' = [validValue EXCEPT ![p] = NilValue]
    /\ validRound' = [validRound EXCEPT ![p] = NilRound]
    /\ StartRound(p, 0)
=============================================================================
