----------------------------- MODULE Tendermint -----------------------------
(***************************************************************************)
(* Tendermint consensus: Buchman, Kwon, Milosevic, "The latest gossip on   *)
(* BFT consensus" (2018), Algorithm 1, for a fixed validator set with      *)
(* voting power, several heights, bounded rounds, Byzantine validators,   *)
(* accountability evidence and catch-up by commit certificate.             *)
(*                                                                         *)
(* Line numbers "lines a-b" in comments refer to Algorithm 1 of the paper. *)
(* See README.md for the encoding choices and their soundness arguments.   *)
(*                                                                         *)
(* Messages.  Three sets hold every message ever sent; none is removed.    *)
(* A message is available to every correct validator once sent: a guard    *)
(* may use any sent message (a validator that has not received it yet     *)
(* simply takes the step later or never).                                  *)
(*                                                                         *)
(* Byzantine validators.  Their messages are present from Init: the       *)
(* operator FaultyMsgChoices lists the possible sets of faulty messages    *)
(* (by default one: every message a faulty validator can sign within the  *)
(* bounds, equivocation included).  Every guard of Algorithm 1 is         *)
(* monotone in the message sets, so this over-approximates every order in *)
(* which faulty messages could be sent (README, "Byzantine validators").   *)
(*                                                                         *)
(* Evidence.  `evidence` is the set of faulty validators' messages that    *)
(* some correct validator used in a step.  Together with the correct      *)
(* validators' own (broadcast) messages it is the material from which      *)
(* guilt is proved (Accountability).                                       *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Sequences, TLC

CONSTANTS
    Corr,           \* correct validators
    Faulty,         \* Byzantine validators (disjoint from Corr)
    Power,          \* [Procs -> positive integers]: voting power
    MaxHeight,      \* heights 1..MaxHeight
    MaxRound,       \* rounds 0..MaxRound
    ValidValues,    \* values for which valid(v) holds
    InvalidValues,  \* values for which valid(v) fails
    NilValue,       \* "nil"
    ProposerSeq,    \* a sequence listing every validator once
    TrackEvidence,  \* BOOLEAN: record evidence (FALSE: evidence stays {};
                    \* a model-checking switch for the configs that do not
                    \* check accountability)
    DecisionWindow  \* a validator keeps the decisions of at most this many
                    \* heights (the last ones); older ones are certified and
                    \* stored by the node, not by the validator

Procs == Corr \cup Faulty
Heights == 1..MaxHeight
Rounds == 0..MaxRound
NilRound == -1
Values == ValidValues \cup InvalidValues
ValuesOrNil == Values \cup {NilValue}
Steps == {"propose", "prevote", "precommit"}

ASSUME Corr \cap Faulty = {}
ASSUME TrackEvidence \in BOOLEAN
ASSUME DecisionWindow \in Nat \ {0}
ASSUME NilValue \notin Values
ASSUME ValidValues \cap InvalidValues = {}
ASSUME MaxHeight \in Nat \ {0} /\ MaxRound \in Nat
ASSUME Len(ProposerSeq) = Cardinality(Procs)
         /\ {ProposerSeq[i] : i \in 1..Len(ProposerSeq)} = Procs

\* The deterministic proposer of (h, r), round robin from ProposerSeq.
Proposer(h, r) == ProposerSeq[((h - 1 + r) % Len(ProposerSeq)) + 1]

\* valid(v) of the paper (an application predicate).
Valid(v) == v \in ValidValues

-----------------------------------------------------------------------------
(* Voting power and thresholds, exact (no division).                      *)
RECURSIVE SumPower(_)
SumPower(S) == IF S = {} THEN 0
               ELSE LET x == CHOOSE x \in S : TRUE IN Power[x] + SumPower(S \ {x})

TotalPower == SumPower(Procs)
\* The sets of validators above each threshold: constant-level, so TLC
\* computes them once; the predicates are then membership tests.
QuorumSets == {S \in SUBSET Procs : 3 * SumPower(S) > 2 * TotalPower}
OneThirdSets == {S \in SUBSET Procs : 3 * SumPower(S) > TotalPower}
IsQuorum(S) == S \in QuorumSets       \* "2f + 1": 3 * Power(S) > 2 * TotalPower
IsOneThird(S) == S \in OneThirdSets   \* "f + 1":  3 * Power(S) > TotalPower

ASSUME \A p \in Procs : Power[p] \in Nat \ {0}

-----------------------------------------------------------------------------
(* Messages.                                                               *)
Proposal(p, h, r, v, vr) ==
    [type |-> "PROPOSAL", src |-> p, h |-> h, r |-> r, v |-> v, vr |-> vr]
Prevote(p, h, r, v) == [type |-> "PREVOTE", src |-> p, h |-> h, r |-> r, v |-> v]
Precommit(p, h, r, v) == [type |-> "PRECOMMIT", src |-> p, h |-> h, r |-> r, v |-> v]

ProposalMsgs(P) ==
    UNION {{Proposal(p, h, r, v, vr) : p \in P, h \in Heights, v \in Values,
                                       vr \in NilRound..(r - 1)} : r \in Rounds}
PrevoteMsgs(P) == {Prevote(p, h, r, v) : p \in P, h \in Heights, r \in Rounds, v \in ValuesOrNil}
PrecommitMsgs(P) == {Precommit(p, h, r, v) : p \in P, h \in Heights, r \in Rounds, v \in ValuesOrNil}

\* Everything the faulty validators can sign that a correct validator can
\* react to: a proposal counts only if it comes from the proposer of its
\* round (lines 22, 28, 36, 49), so other proposals are left out.
AllFaultyProposals == {m \in ProposalMsgs(Faulty) : m.src = Proposer(m.h, m.r)}
AllFaultyPrevotes == PrevoteMsgs(Faulty)
AllFaultyPrecommits == PrecommitMsgs(Faulty)

\* The possible sets of faulty messages, as triples <<proposals, prevotes,
\* precommits>>.  Default: one triple, everything (equivocation included).
FaultyMsgChoices == {<<AllFaultyProposals, AllFaultyPrevotes, AllFaultyPrecommits>>}

\* The values non-equivocating faulty validators vote for.  Default: valid
\* values and nil; the amnesia config restricts it to the valid values.
FaultyVoteValues == ValidValues \cup {NilValue}
ValidOnly == ValidValues

\* Non-equivocating Byzantine validators: at most one proposal per
\* round they lead and exactly one prevote and one precommit per height and
\* round (a missing faulty vote is never needed: guards are monotone); they
\* may still vote against the algorithm (amnesia).  For the accountability
\* configs.
NonEquivocatingChoices ==
    LET Slots == Faulty \X Heights \X Rounds
        PSlots == {s \in Slots : s[1] = Proposer(s[2], s[3])}
    IN  { <<{Proposal(s[1], s[2], s[3], pc[s][1], pc[s][2]) : s \in PSlots},
            {Prevote(s[1], s[2], s[3], pv[s]) : s \in Slots},
            {Precommit(s[1], s[2], s[3], pp[s]) : s \in Slots}>> :
          pc \in {f \in [PSlots -> {<<v, vr>> : v \in ValidValues, vr \in NilRound..(MaxRound - 1)}] :
                    \A s \in PSlots : f[s][2] < s[3]},
          pv \in [Slots -> FaultyVoteValues],
          pp \in [Slots -> FaultyVoteValues] }


\* Smaller: non-equivocating faulty validators that precommit what they
\* prevote in each round, but may switch values between rounds (the
\* amnesia attack).  For the amnesia configs.
ConsistentVoterChoices ==
    LET Slots == Faulty \X Heights \X Rounds
        PSlots == {s \in Slots : s[1] = Proposer(s[2], s[3])}
    IN  { <<{Proposal(s[1], s[2], s[3], pc[s][1], pc[s][2]) : s \in PSlots},
            {Prevote(s[1], s[2], s[3], pv[s]) : s \in Slots},
            {Precommit(s[1], s[2], s[3], pv[s]) : s \in Slots}>> :
          pc \in {f \in [PSlots -> {<<v, vr>> : v \in ValidValues, vr \in NilRound..(MaxRound - 1)}] :
                    \A s \in PSlots : f[s][2] < s[3]},
          pv \in [Slots -> FaultyVoteValues] }

-----------------------------------------------------------------------------
VARIABLES
    height, round, step,          \* per correct validator (lines 2-4: h_p, round_p, step_p)
    lockedValue, lockedRound,     \* line 6
    validValue, validRound,       \* line 7
    decision,                     \* line 5: decision[p][h], the validator's decided log,
                                  \* kept for the heights base[p]..height[p]-1 only
    base,                         \* per correct validator: the lowest height of its
                                  \* decision window (the heights below are certified)
    msgsPropose, msgsPrevote, msgsPrecommit,
    evidence,                     \* faulty messages used by correct validators
    lastAction

vars == <<height, round, step, lockedValue, lockedRound, validValue, validRound,
          decision, base, msgsPropose, msgsPrevote, msgsPrecommit, evidence, lastAction>>

\* Everything except lastAction (VIEW for the property configs).
stateView == <<height, round, step, lockedValue, lockedRound, validValue, validRound,
               decision, base, msgsPropose, msgsPrevote, msgsPrecommit, evidence>>

AllMsgs == msgsPropose \cup msgsPrevote \cup msgsPrecommit

Senders(M) == {m.src : m \in M}
FaultyPart(M) == {m \in M : m.src \in Faulty}

PrevotesFor(h, r, v) == {m \in msgsPrevote : m.h = h /\ m.r = r /\ m.v = v}
PrecommitsFor(h, r, v) == {m \in msgsPrecommit : m.h = h /\ m.r = r /\ m.v = v}
PrevotesAny(h, r) == {m \in msgsPrevote : m.h = h /\ m.r = r}
PrecommitsAny(h, r) == {m \in msgsPrecommit : m.h = h /\ m.r = r}
MsgsAny(h, r) == {m \in AllMsgs : m.h = h /\ m.r = r}

\* A step that needs the senders of M to reach a quorum (one third) of the
\* power.  The validator that takes it is taken to have received every sent
\* message in M, so it records every faulty message of M (and the faulty
\* proposal X it uses, if any) as evidence.  (Letting it record any subset
\* that suffices is a larger model: README, "Evidence".)
Record(F) == IF TrackEvidence THEN evidence \cup F ELSE evidence
UseQuorum(M, X) ==
    /\ IsQuorum(Senders(M))
    /\ evidence' = Record(FaultyPart(M) \cup X)
UseOneThird(M) ==
    /\ IsOneThird(Senders(M))
    /\ evidence' = Record(FaultyPart(M))

\* The proposal a step uses is evidence if a faulty validator signed it.
UseProposal(prop) == IF prop.src \in Faulty THEN {prop} ELSE {}

-----------------------------------------------------------------------------
TypeOK ==
    /\ height \in [Corr -> 1..(MaxHeight + 1)]
    /\ round \in [Corr -> Rounds]
    /\ step \in [Corr -> Steps]
    /\ lockedValue \in [Corr -> ValuesOrNil]
    /\ lockedRound \in [Corr -> Rounds \cup {NilRound}]
    /\ validValue \in [Corr -> ValuesOrNil]
    /\ validRound \in [Corr -> Rounds \cup {NilRound}]
    /\ decision \in [Corr -> [Heights -> ValuesOrNil]]
    /\ base \in [Corr -> 1..(MaxHeight + 1)]
    /\ msgsPropose \subseteq ProposalMsgs(Procs)
    /\ msgsPrevote \subseteq PrevoteMsgs(Procs)
    /\ msgsPrecommit \subseteq PrecommitMsgs(Procs)
    /\ evidence \subseteq FaultyPart(AllMsgs)

\* Lines 1-10: initialisation, StartRound(0) at height 1 (the proposal of
\* lines 14-19 is the separate action InsertProposal).
Init ==
    /\ height = [p \in Corr |-> 1]
    /\ round = [p \in Corr |-> 0]
    /\ step = [p \in Corr |-> "propose"]
    /\ lockedValue = [p \in Corr |-> NilValue]
    /\ lockedRound = [p \in Corr |-> NilRound]
    /\ validValue = [p \in Corr |-> NilValue]
    /\ validRound = [p \in Corr |-> NilRound]
    /\ decision = [p \in Corr |-> [h \in Heights |-> NilValue]]
    /\ base = [p \in Corr |-> 1]
    /\ \E fm \in FaultyMsgChoices :
          /\ msgsPropose = fm[1]
          /\ msgsPrevote = fm[2]
          /\ msgsPrecommit = fm[3]
    /\ evidence = {}
    /\ lastAction = [name |-> "Init"]

-----------------------------------------------------------------------------
(* Helpers for the actions of a correct validator p.                        *)
Active(p) == height[p] \in Heights

\* Lines 11-13, 21: StartRound(r) without the proposal (InsertProposal).
StartRound(p, r) ==
    /\ round' = [round EXCEPT ![p] = r]
    /\ step' = [step EXCEPT ![p] = "propose"]

\* The base of p's decision window once it has decided height[p]: the window
\* keeps the last DecisionWindow decisions (heights nb..height[p]).
NewBase(p) == IF height[p] + 1 - base[p] > DecisionWindow
              THEN height[p] + 1 - DecisionWindow ELSE base[p]

\* Lines 49-54: decide v at the current height, move to the next height,
\* reset locked and valid value/round, StartRound(0).  After MaxHeight the
\* validator is done: height = MaxHeight + 1, round 0, step "propose".
\* The decision log is a window: a decision that would make it longer than
\* DecisionWindow forgets the oldest one (its height is certified, and the
\* node stores the block and its certificate; no guard reads a past decision).
Decide(p, v) ==
    /\ decision' = [decision EXCEPT ![p] =
                       [h \in Heights |-> IF h = height[p] THEN v
                                         ELSE IF h < NewBase(p) THEN NilValue
                                         ELSE decision[p][h]]]
    /\ base' = [base EXCEPT ![p] = NewBase(p)]
    /\ height' = [height EXCEPT ![p] = height[p] + 1]
    /\ lockedValue' = [lockedValue EXCEPT ![p] = NilValue]
    /\ lockedRound' = [lockedRound EXCEPT ![p] = NilRound]
    /\ validValue' = [validValue EXCEPT ![p] = NilValue]
    /\ validRound' = [validRound EXCEPT ![p] = NilRound]
    /\ StartRound(p, 0)

BroadcastPrevote(p, v) ==
    msgsPrevote' = msgsPrevote \cup {Prevote(p, height[p], round[p], v)}
BroadcastPrecommit(p, v) ==
    msgsPrecommit' = msgsPrecommit \cup {Precommit(p, height[p], round[p], v)}

-----------------------------------------------------------------------------
(* Actions of a correct validator p.                                       *)

\* Lines 14-19 (in StartRound): the proposer of (h_p, round_p) broadcasts
\* PROPOSAL(h_p, round_p, v, validRound_p), v = validValue_p if not nil,
\* else getValue() (any valid value).  Once per (height, round).
InsertProposal(p, v) ==
    /\ Active(p)
    /\ p = Proposer(height[p], round[p])
    /\ step[p] = "propose"
    /\ ~\E m \in msgsPropose : m.src = p /\ m.h = height[p] /\ m.r = round[p]
    /\ IF validValue[p] /= NilValue THEN v = validValue[p] ELSE v \in ValidValues
    /\ msgsPropose' = msgsPropose \cup {Proposal(p, height[p], round[p], v, validRound[p])}
    /\ UNCHANGED <<height, round, step, lockedValue, lockedRound, validValue,
                   validRound, decision, base, msgsPrevote, msgsPrecommit, evidence>>
    /\ lastAction' = [name |-> "InsertProposal", p |-> p, v |-> v]

\* Lines 22-27: PROPOSAL(h_p, round_p, v, -1) from the proposer while in
\* step propose: prevote v if valid(v) and (lockedRound_p = -1 or
\* lockedValue_p = v), else prevote nil; step := prevote.
UponProposalInPropose(p, v) ==
    LET h == height[p]
        r == round[p]
        prop == Proposal(Proposer(h, r), h, r, v, NilRound)
    IN
    /\ Active(p)
    /\ step[p] = "propose"
    /\ prop \in msgsPropose
    /\ BroadcastPrevote(p, IF Valid(v) /\ (lockedRound[p] = NilRound \/ lockedValue[p] = v)
                           THEN v ELSE NilValue)
    /\ step' = [step EXCEPT ![p] = "prevote"]
    /\ evidence' = Record(UseProposal(prop))
    /\ UNCHANGED <<height, round, lockedValue, lockedRound, validValue, validRound,
                   decision, base, msgsPropose, msgsPrecommit>>
    /\ lastAction' = [name |-> "UponProposalInPropose", p |-> p, v |-> v]

\* Lines 28-33: PROPOSAL(h_p, round_p, v, vr) from the proposer and a quorum
\* of PREVOTE(h_p, vr, v), 0 <= vr < round_p, in step propose: prevote v if
\* valid(v) and (lockedRound_p <= vr or lockedValue_p = v), else nil.
UponProposalInProposeAndPrevote(p, v, vr) ==
    LET h == height[p]
        r == round[p]
        prop == Proposal(Proposer(h, r), h, r, v, vr)
    IN
    /\ Active(p)
    /\ step[p] = "propose"
    /\ vr \in Rounds /\ vr < r
    /\ prop \in msgsPropose
    /\ UseQuorum(PrevotesFor(h, vr, v), UseProposal(prop))
    /\ BroadcastPrevote(p, IF Valid(v) /\ (lockedRound[p] <= vr \/ lockedValue[p] = v)
                           THEN v ELSE NilValue)
    /\ step' = [step EXCEPT ![p] = "prevote"]
    /\ UNCHANGED <<height, round, lockedValue, lockedRound, validValue, validRound,
                   decision, base, msgsPropose, msgsPrecommit>>
    /\ lastAction' = [name |-> "UponProposalInProposeAndPrevote", p |-> p, v |-> v, vr |-> vr]

\* Lines 34-35 (a quorum of PREVOTE(h_p, round_p, *) schedules
\* timeoutPrevote) are folded into the guard of OnTimeoutPrevote.

\* Lines 36-43: PROPOSAL(h_p, round_p, v, *) from the proposer, a quorum of
\* PREVOTE(h_p, round_p, v), valid(v), step >= prevote, for the first time
\* in this round (validRound_p < round_p: only this action sets validRound_p,
\* and only to round_p): if step = prevote, lock v at round_p, precommit v,
\* step := precommit; in both cases validValue_p := v, validRound_p := round_p.
UponProposalInPrevoteOrCommitAndPrevote(p, v, vr) ==
    LET h == height[p]
        r == round[p]
        prop == Proposal(Proposer(h, r), h, r, v, vr)
    IN
    /\ Active(p)
    /\ step[p] \in {"prevote", "precommit"}
    /\ validRound[p] < r
    /\ prop \in msgsPropose
    /\ Valid(v)
    /\ UseQuorum(PrevotesFor(h, r, v), UseProposal(prop))
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

\* Lines 44-46: a quorum of PREVOTE(h_p, round_p, nil) in step prevote:
\* precommit nil, step := precommit.
UponQuorumOfPrevotesNil(p) ==
    LET h == height[p]
        r == round[p]
    IN
    /\ Active(p)
    /\ step[p] = "prevote"
    /\ UseQuorum(PrevotesFor(h, r, NilValue), {})
    /\ BroadcastPrecommit(p, NilValue)
    /\ step' = [step EXCEPT ![p] = "precommit"]
    /\ UNCHANGED <<height, round, lockedValue, lockedRound, validValue, validRound,
                   decision, base, msgsPropose, msgsPrevote>>
    /\ lastAction' = [name |-> "UponQuorumOfPrevotesNil", p |-> p]

\* Lines 49-54: PROPOSAL(h_p, r, v, *) from proposer(h_p, r) and a quorum
\* of PRECOMMIT(h_p, r, v), decision_p[h_p] = nil, valid(v): decide v,
\* h_p := h_p + 1, reset locked and valid value/round, StartRound(0).
\* r is any round, not only round_p.
UponProposalInPrecommitNoDecision(p, v, r) ==
    LET h == height[p] IN
    /\ Active(p)
    /\ decision[p][h] = NilValue
    /\ r \in Rounds
    /\ \E vr \in NilRound..(r - 1) :
         LET prop == Proposal(Proposer(h, r), h, r, v, vr) IN
         /\ prop \in msgsPropose
         /\ UseQuorum(PrecommitsFor(h, r, v), UseProposal(prop))
    /\ Valid(v)
    /\ Decide(p, v)
    /\ UNCHANGED <<msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "UponProposalInPrecommitNoDecision", p |-> p, v |-> v, r |-> r]

\* Lines 55-56: f + 1 (one-third of the power) messages of (h_p, r), any
\* type, with r > round_p: StartRound(r).
OnRoundCatchup(p, r) ==
    LET h == height[p] IN
    /\ Active(p)
    /\ r \in Rounds /\ r > round[p]
    /\ UseOneThird(MsgsAny(h, r))
    /\ StartRound(p, r)
    /\ UNCHANGED <<height, lockedValue, lockedRound, validValue, validRound, decision, base,
                   msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "OnRoundCatchup", p |-> p, r |-> r]

\* Lines 57-60 (timeoutPropose scheduled at line 21): in step propose,
\* prevote nil, step := prevote.  Timeouts are nondeterministic events.
OnTimeoutPropose(p) ==
    /\ Active(p)
    /\ step[p] = "propose"
    /\ BroadcastPrevote(p, NilValue)
    /\ step' = [step EXCEPT ![p] = "prevote"]
    /\ UNCHANGED <<height, round, lockedValue, lockedRound, validValue, validRound,
                   decision, base, msgsPropose, msgsPrecommit, evidence>>
    /\ lastAction' = [name |-> "OnTimeoutPropose", p |-> p]

\* Lines 34-35 and 61-64: a quorum of PREVOTE(h_p, round_p, *) (which
\* schedules the timeout), step = prevote: precommit nil, step := precommit.
OnTimeoutPrevote(p) ==
    LET h == height[p]
        r == round[p]
    IN
    /\ Active(p)
    /\ step[p] = "prevote"
    /\ UseQuorum(PrevotesAny(h, r), {})
    /\ BroadcastPrecommit(p, NilValue)
    /\ step' = [step EXCEPT ![p] = "precommit"]
    /\ UNCHANGED <<height, round, lockedValue, lockedRound, validValue, validRound,
                   decision, base, msgsPropose, msgsPrevote>>
    /\ lastAction' = [name |-> "OnTimeoutPrevote", p |-> p]

\* Lines 47-48 and 65-67: a quorum of PRECOMMIT(h_p, round_p, *) (which
\* schedules the timeout): StartRound(round_p + 1), within the bound.
OnTimeoutPrecommit(p) ==
    LET h == height[p]
        r == round[p]
    IN
    /\ Active(p)
    /\ r < MaxRound
    /\ UseQuorum(PrecommitsAny(h, r), {})
    /\ StartRound(p, r + 1)
    /\ UNCHANGED <<height, lockedValue, lockedRound, validValue, validRound, decision, base,
                   msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "OnTimeoutPrecommit", p |-> p]

\* Recovery (not in Algorithm 1; replaces its block sync): a validator at
\* height h adopts v given a commit certificate, PRECOMMIT(h, r, v) from a
\* quorum, and valid(v).  Same effect as lines 49-54.
Catchup(p, h, r, v) ==
    /\ Active(p)
    /\ h = height[p]
    /\ r \in Rounds
    /\ Valid(v)
    /\ UseQuorum(PrecommitsFor(h, r, v), {})
    /\ Decide(p, v)
    /\ UNCHANGED <<msgsPropose, msgsPrevote, msgsPrecommit>>
    /\ lastAction' = [name |-> "Catchup", p |-> p, h |-> h, r |-> r, v |-> v]

\* State sync (not in Algorithm 1; replaces the decisions of heights
\* height[p]..h): a validator given the certified state after height h, with
\* the commit certificate PRECOMMIT(h, r, v) from a quorum, joins consensus
\* at height h + 1 with an empty decision window based there.  Its decisions
\* below h + 1 are the certified ones (the node holds the snapshot, the
\* blocks and the certificate; the validator needs none of them).  Only
\* forward (h >= height[p]): a validator never joins at or below a height
\* at which it may already have signed (the node's restore rule).
JoinAt(p, h, r, v) ==
    /\ Active(p)
    /\ h \in Heights /\ h >= height[p]
    /\ r \in Rounds
    /\ UseQuorum(PrecommitsFor(h, r, v), {})
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
Next ==
    \E p \in Corr :
        \/ \E v \in ValidValues : InsertProposal(p, v)
        \/ \E v \in Values : UponProposalInPropose(p, v)
        \/ \E v \in Values, vr \in Rounds : UponProposalInProposeAndPrevote(p, v, vr)
        \/ \E v \in Values, vr \in Rounds \cup {NilRound} :
              UponProposalInPrevoteOrCommitAndPrevote(p, v, vr)
        \/ UponQuorumOfPrevotesNil(p)
        \/ \E v \in Values, r \in Rounds : UponProposalInPrecommitNoDecision(p, v, r)
        \/ \E r \in Rounds : OnRoundCatchup(p, r)
        \/ OnTimeoutPropose(p)
        \/ OnTimeoutPrevote(p)
        \/ OnTimeoutPrecommit(p)
        \/ \E h \in Heights, r \in Rounds, v \in Values : Catchup(p, h, r, v)
        \/ \E h \in Heights, r \in Rounds, v \in Values : JoinAt(p, h, r, v)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Safety properties.                                                      *)

\* No two correct validators decide different values for a height.
Agreement ==
    \A p, q \in Corr, h \in Heights :
        (decision[p][h] /= NilValue /\ decision[q][h] /= NilValue)
            => decision[p][h] = decision[q][h]

\* Only valid values that were proposed at that height are decided.
Validity ==
    \A p \in Corr, h \in Heights :
        decision[p][h] /= NilValue =>
            /\ decision[p][h] \in ValidValues
            /\ \E m \in msgsPropose : m.h = h /\ m.v = decision[p][h]

\* Every decision rests on a commit certificate among the sent precommits.
DecisionHasCertificate ==
    \A p \in Corr, h \in Heights :
        decision[p][h] /= NilValue =>
            \E r \in Rounds : IsQuorum(Senders(PrecommitsFor(h, r, decision[p][h])))

\* Correct validators decide heights in order, and each keeps the decisions
\* of the heights base[p]..height[p]-1 exactly: at most DecisionWindow.
DecidedWindow ==
    \A p \in Corr :
        /\ base[p] <= height[p]
        /\ height[p] - base[p] <= DecisionWindow
        /\ \A h \in Heights : (decision[p][h] /= NilValue) <=> (base[p] <= h /\ h < height[p])

\* v has a commit certificate at h: PRECOMMIT(h, r, v) from a quorum in some
\* round.  Messages are never removed, so a certificate, once formed, stays.
Certified(h, v) == \E r \in Rounds : IsQuorum(Senders(PrecommitsFor(h, r, v)))

\* The decided log the model keeps globally: at most one value per height has
\* a commit certificate.  With DecisionHasCertificate every decision a correct
\* validator ever took (including those its window has forgotten, and those
\* below the base it joined at) is the certified value of its height: this is
\* Agreement over all decisions, not only over the windows held now.
CertifiedUnique ==
    \A h \in Heights, v, w \in Values :
        (Certified(h, v) /\ Certified(h, w)) => v = w

\* The heights below a validator's window are certified (decided by it and
\* forgotten, or given to it by JoinAt with a certificate).
BaseCertified ==
    \A p \in Corr, h \in Heights :
        h < base[p] => \E v \in Values : Certified(h, v)

-----------------------------------------------------------------------------
(* Accountability.                                                         *)
(* The material a third party can inspect: every message of a correct      *)
(* validator (broadcast to all) and the faulty messages correct validators *)
(* used (evidence).                                                        *)
Material == evidence \cup {m \in AllMsgs : m.src \in Corr}

\* Equivocation: two different signed messages of one validator with the
\* same type, height and round (two votes for different values, or two
\* proposals).
Equivocators(E) ==
    {q \in Procs : \E m1, m2 \in E :
        /\ m1.src = q /\ m2.src = q
        /\ m1.type = m2.type /\ m1.h = m2.h /\ m1.r = m2.r
        /\ m1 /= m2}

\* Amnesia: q precommitted v1 in round r1 and prevoted v2 /= v1 (both not
\* nil) in a later round r2 of the same height, while E holds no quorum of
\* prevotes for v2 in any round r with r1 <= r < r2 (a proof-of-lock that
\* would have justified unlocking).  A correct validator that precommitted
\* v1 is locked on it from r1 on and prevotes v2 later only with such a
\* proof-of-lock, in a round >= its locked round and < r2.
Amnesic(E) ==
    {q \in Procs : \E h \in Heights, r1, r2 \in Rounds, v1, v2 \in Values :
        /\ r1 < r2 /\ v1 /= v2
        /\ Precommit(q, h, r1, v1) \in E
        /\ Prevote(q, h, r2, v2) \in E
        /\ \A r \in r1..(r2 - 1) :
              ~IsQuorum(Senders({m \in E : m.type = "PREVOTE" /\ m.h = h /\ m.r = r /\ m.v = v2}))}

Guilty(E) == Equivocators(E) \cup Amnesic(E)

\* If Agreement fails, validators of more than one third of the power are
\* provably guilty from the material alone.
Accountability ==
    ~Agreement => IsOneThird(Guilty(Material))

\* No correct validator is ever found guilty.
NoFrameUp == Guilty(Material) \cap Corr = {}

\* Evidence: the messages that justify a correct validator's state are in
\* the material: the commit certificate of each decision, and the
\* proof-of-lock of the locked and of the valid value.
EvidenceRecorded ==
    \A p \in Corr :
        /\ \A h \in Heights :
              decision[p][h] /= NilValue =>
                 \E r \in Rounds :
                    IsQuorum(Senders({m \in Material : m.type = "PRECOMMIT" /\ m.h = h
                                                       /\ m.r = r /\ m.v = decision[p][h]}))
        /\ lockedRound[p] /= NilRound =>
              IsQuorum(Senders({m \in Material : m.type = "PREVOTE" /\ m.h = height[p]
                                                 /\ m.r = lockedRound[p] /\ m.v = lockedValue[p]}))
        /\ validRound[p] /= NilRound =>
              IsQuorum(Senders({m \in Material : m.type = "PREVOTE" /\ m.h = height[p]
                                                 /\ m.r = validRound[p] /\ m.v = validValue[p]}))

-----------------------------------------------------------------------------
(* Locking invariants the agreement argument rests on.                     *)

CorrectMsgs(M) == {m \in M : m.src \in Corr}

\* A correct validator signs at most one vote per type, height and round,
\* and at most one proposal per height and round.
NoCorrectEquivocation == Equivocators(CorrectMsgs(AllMsgs)) = {}

\* A correct non-nil precommit rests on a quorum of prevotes (line 36).
PrecommitHasPOL ==
    \A m \in CorrectMsgs(msgsPrecommit) :
        m.v /= NilValue => IsQuorum(Senders(PrevotesFor(m.h, m.r, m.v)))

\* A locked (and a valid) value rests on a quorum of prevotes in its round;
\* the validator precommitted its locked value in its locked round.
LockHasPOL ==
    \A p \in Corr :
        /\ (lockedRound[p] /= NilRound) <=> (lockedValue[p] /= NilValue)
        /\ (validRound[p] /= NilRound) <=> (validValue[p] /= NilValue)
        /\ lockedRound[p] <= validRound[p]
        /\ lockedRound[p] /= NilRound =>
              /\ IsQuorum(Senders(PrevotesFor(height[p], lockedRound[p], lockedValue[p])))
              /\ Precommit(p, height[p], lockedRound[p], lockedValue[p]) \in msgsPrecommit
        /\ validRound[p] /= NilRound =>
              IsQuorum(Senders(PrevotesFor(height[p], validRound[p], validValue[p])))

\* Once a quorum precommitted v in round r: in no later round is there a
\* quorum of prevotes for another value, no correct validator precommits
\* another value in round r or later, and every correct validator that
\* precommitted v in r and is still at that height is locked on v.
CommitLocks ==
    \A h \in Heights, r \in Rounds, v \in Values :
        IsQuorum(Senders(PrecommitsFor(h, r, v))) =>
            /\ \A r2 \in Rounds, v2 \in Values :
                  (r2 > r /\ v2 /= v) => ~IsQuorum(Senders(PrevotesFor(h, r2, v2)))
            /\ \A m \in CorrectMsgs(msgsPrecommit) :
                  (m.h = h /\ m.r >= r /\ m.v /= NilValue) => m.v = v
            /\ \A p \in Corr :
                  (height[p] = h /\ Precommit(p, h, r, v) \in msgsPrecommit)
                      => lockedValue[p] = v /\ lockedRound[p] >= r

\* The order of the steps within a round.
StepRank(s) == CASE s = "propose" -> 0 [] s = "prevote" -> 1 [] s = "precommit" -> 2

\* A correct validator never goes back (action property): its height never
\* decreases, its round never decreases within a height, and its step never
\* goes back within a round.  Each vote is sent by the action that leaves the
\* step before it (a prevote on leaving "propose", a precommit on entering
\* "precommit"), so this is what limits a correct validator to one prevote and
\* one precommit per round (NoCorrectEquivocation).  A driver that re-runs
\* StartRound in the current round (a second "start") breaks both:
\* vacuity/StepMonotone.cfg and vacuity/NoCorrectEquivocationRestart.cfg.
StepMonotone ==
    [][\A p \in Corr :
          \/ height'[p] > height[p]
          \/ /\ height'[p] = height[p]
             /\ \/ round'[p] > round[p]
                \/ /\ round'[p] = round[p]
                   /\ StepRank(step'[p]) >= StepRank(step[p])]_vars

\* Locked rounds only grow within a height (action property).
LockedRoundMonotone ==
    [][\A p \in Corr : height'[p] = height[p] => lockedRound'[p] >= lockedRound[p]]_vars

\* Decisions are final: a decided value never changes; it only leaves the
\* window when the window's base moves past it, and the base never goes back
\* (action property).
DecisionStable ==
    [][\A p \in Corr :
          /\ base'[p] >= base[p]
          /\ \A h \in Heights :
                decision[p][h] /= NilValue =>
                   \/ decision'[p][h] = decision[p][h]
                   \/ decision'[p][h] = NilValue /\ h < base'[p]]_vars

-----------------------------------------------------------------------------
(* Symmetry helper for configs: valid values are interchangeable.          *)
ValidValueSymmetry == Permutations(ValidValues)

\* Unit voting power.
UnitPower == [p \in Procs |-> 1]

=============================================================================
