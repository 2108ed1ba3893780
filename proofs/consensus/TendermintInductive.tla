------------------------- MODULE TendermintInductive -------------------------
(***************************************************************************)
(* The inductive invariant behind Agreement, and a bounded check of its    *)
(* induction step with TLC (as in proofs/margin): INIT = a box of states   *)
(* satisfying IndInv, NEXT = Next, INVARIANT IndInv, and a state           *)
(* constraint that expands box states only, so TLC checks                  *)
(*     IndInv /\ Next => IndInv'     for every state of the box.           *)
(*                                                                         *)
(* Setting: one faulty validator whose messages are all present (Init of   *)
(* Tendermint with the default FaultyMsgChoices), evidence not tracked,    *)
(* one height.  IndInv => Agreement (README: the argument).                *)
(***************************************************************************)
EXTENDS TendermintMC

\* Correct validators' messages.
CorrPrevotes == CorrectMsgs(msgsPrevote)
CorrPrecommits == CorrectMsgs(msgsPrecommit)

\* The faulty messages are the fixed set of Init.
FaultyFixed ==
    /\ FaultyPart(msgsPropose) = AllFaultyProposals
    /\ FaultyPart(msgsPrevote) = AllFaultyPrevotes
    /\ FaultyPart(msgsPrecommit) = AllFaultyPrecommits

\* A correct validator's messages are of its past or present: at its height,
\* no round after its round; in its present round, votes match its step.
MsgsOfPast ==
    \A m \in CorrectMsgs(AllMsgs) :
        /\ m.h <= height[m.src]
        /\ m.h = height[m.src] => m.r <= round[m.src]
        /\ (m.h = height[m.src] /\ m.r = round[m.src] /\ m.type = "PREVOTE")
              => step[m.src] \in {"prevote", "precommit"}
        /\ (m.h = height[m.src] /\ m.r = round[m.src] /\ m.type = "PRECOMMIT")
              => step[m.src] = "precommit"

StepHasVotes ==
    \A p \in Corr : height[p] \in Heights =>
        /\ step[p] \in {"prevote", "precommit"} =>
              \E v \in ValuesOrNil : Prevote(p, height[p], round[p], v) \in msgsPrevote
        /\ step[p] = "precommit" =>
              \E v \in ValuesOrNil : Precommit(p, height[p], round[p], v) \in msgsPrecommit

\* The lock is the last non-nil precommit at the current height.
LockIsLastPrecommit ==
    \A p \in Corr : height[p] \in Heights =>
        LET mine == {m \in CorrPrecommits : m.src = p /\ m.h = height[p] /\ m.v /= NilValue}
        IN  IF mine = {} THEN lockedRound[p] = NilRound
            ELSE \E m \in mine : /\ \A m2 \in mine : m2.r <= m.r
                                 /\ lockedRound[p] = m.r /\ lockedValue[p] = m.v

\* Correct validators are never amnesic: after precommitting v1 in r1 they
\* prevote another value v2 in r2 > r1 only with a quorum of prevotes for v2
\* in a round of r1..r2-1.
NoCorrectAmnesia ==
    \A m1 \in CorrPrecommits, m2 \in CorrPrevotes :
        (/\ m1.src = m2.src /\ m1.h = m2.h /\ m1.r < m2.r
         /\ m1.v /= NilValue /\ m2.v /= NilValue /\ m1.v /= m2.v)
           => \E r \in m1.r..(m2.r - 1) : IsQuorum(Senders(PrevotesFor(m1.h, r, m2.v)))

\* A correct non-nil prevote is for a valid value the round's proposer proposed.
PrevoteHasProposal ==
    \A m \in CorrPrevotes :
        m.v /= NilValue =>
           /\ Valid(m.v)
           /\ \E vr \in NilRound..(m.r - 1) : Proposal(Proposer(m.h, m.r), m.h, m.r, m.v, vr) \in msgsPropose

\* A correct proposal's valid round has a quorum of prevotes for its value.
ProposalHasPOL ==
    \A m \in CorrectMsgs(msgsPropose) :
        /\ Valid(m.v)
        /\ m.vr /= NilRound => IsQuorum(Senders(PrevotesFor(m.h, m.vr, m.v)))

RoundsOK ==
    \A p \in Corr : lockedRound[p] <= round[p] /\ validRound[p] <= round[p]

IndInv ==
    /\ TypeOK
    /\ evidence = {}
    /\ FaultyFixed
    /\ MsgsOfPast
    /\ StepHasVotes
    /\ RoundsOK
    /\ NoCorrectEquivocation
    /\ PrecommitHasPOL
    /\ LockHasPOL
    /\ LockIsLastPrecommit
    /\ NoCorrectAmnesia
    /\ PrevoteHasProposal
    /\ ProposalHasPOL
    /\ CommitLocks
    /\ DecisionHasCertificate
    /\ DecidedWindow
    /\ BaseCertified

THEOREM IndInv => Agreement /\ CertifiedUnique
\* Two decisions v, w at h have certificates at rounds r <= r2 (Decision-
\* HasCertificate).  r = r2: each certificate's quorum contains a correct
\* precommit backed by a quorum of prevotes (PrecommitHasPOL); two quorums
\* of one round share a correct validator, which prevoted once
\* (NoCorrectEquivocation): v = w.  r < r2: the correct precommit for w in
\* r2 contradicts CommitLocks unless w = v.  TLC checks the implication on
\* every box state (INVARIANT Agreement in the configs).  The same argument
\* over two certificates instead of two decisions gives CertifiedUnique (the
\* global decided log: one certified value per height), which covers the
\* decisions a validator's window has forgotten and those below the base a
\* validator joined at (JoinAt).

-----------------------------------------------------------------------------
(* The box: one height, rounds 0..1.  Every correct validator has just     *)
(* entered round 1 (step propose, no round-1 message) after any round-0    *)
(* history: per validator, a round-0 prevote and precommit among the       *)
(* patterns below, and the round-0 proposal of its proposer (none, or any  *)
(* valid value).  Locked and valid value/round are those IndInv forces    *)
(* (lock = last non-nil precommit) or, for the valid value, any round-0    *)
(* proof-of-lock.  The box keeps the states that satisfy IndInv.           *)
VotePatterns ==
    {<<"none", "none">>, <<NilValue, "none">>, <<NilValue, NilValue>>}
    \cup {<<v, "none">> : v \in ValidValues} \cup {<<v, NilValue>> : v \in ValidValues}
    \cup {<<v, v>> : v \in ValidValues}

ProofInit ==
    /\ \E pat \in [Corr -> VotePatterns],
          prop \in {{}} \cup {{Proposal(Proposer(1, 0), 1, 0, v, NilRound)} : v \in ValidValues} :
          /\ Proposer(1, 0) \in Corr
          /\ msgsPropose = AllFaultyProposals \cup prop
          /\ msgsPrevote = AllFaultyPrevotes
                 \cup {Prevote(p, 1, 0, pat[p][1]) : p \in {q \in Corr : pat[q][1] /= "none"}}
          /\ msgsPrecommit = AllFaultyPrecommits
                 \cup {Precommit(p, 1, 0, pat[p][2]) : p \in {q \in Corr : pat[q][2] /= "none"}}
          /\ lockedValue = [p \in Corr |-> IF pat[p][2] \in ValidValues THEN pat[p][2] ELSE NilValue]
          /\ lockedRound = [p \in Corr |-> IF pat[p][2] \in ValidValues THEN 0 ELSE NilRound]
    /\ height = [p \in Corr |-> 1]
    /\ round = [p \in Corr |-> 1]
    /\ step = [p \in Corr |-> "propose"]
    /\ \E vv \in [Corr -> ValuesOrNil] :
          /\ validValue = vv
          /\ validRound = [p \in Corr |-> IF vv[p] = NilValue THEN NilRound ELSE 0]
    /\ decision = [p \in Corr |-> [h \in Heights |-> NilValue]]
    /\ base = [p \in Corr |-> 1]
    /\ evidence = {}
    /\ lastAction = [name |-> "Init"]
    /\ IndInv

\* Expand box states only (every action sets another name).
FromBox == lastAction.name = "Init"
=============================================================================
