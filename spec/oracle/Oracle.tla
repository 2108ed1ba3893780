------------------------------- MODULE Oracle -------------------------------
(***************************************************************************)
(* The Bulwark fault-tolerant price oracle.                                *)
(*                                                                         *)
(* A fixed set of reporters sign price reports, one per round.  Each       *)
(* reporter has a stake and a reliability in 0..MaxRel; its weight is      *)
(* Stake * rel, i.e. its stake scaled by rel / MaxRel.  Every reporter     *)
(* starts at full reliability (rel = MaxRel): reliability is a penalty     *)
(* factor that can only REDUCE a weight below the stake, never raise it    *)
(* above.  An unknown subset `Faulty` may report anything at any time in a *)
(* round, including two different prices in one round (equivocation).     *)
(* Honest reporters report at most once per round (they may miss rounds), *)
(* within Tol ticks of a true price that moves by at most MaxStep ticks    *)
(* per round.                                                              *)
(*                                                                         *)
(* Aggregation needs fresh reports (a price, not equivocated) from more    *)
(* than two thirds of the total weight; the aggregate is the lower         *)
(* weighted median of the fresh reports.  A deviation guard holds an       *)
(* aggregate that jumps more than MaxJump ticks from the accepted price    *)
(* until the next round's aggregate confirms it (confirm-next-round).      *)
(* Reliability falls by Penalty for a report more than Band ticks from the *)
(* round's median (or an equivocation) and rises by one, back up to at    *)
(* most MaxRel, for a report within Band.  An accepted aggregate is usable *)
(* for StaleRounds rounds; without a usable price the margin engine halts  *)
(* the market (spec/margin, composed in OracleMargin.tla).                 *)
(*                                                                         *)
(* The guarantee (HonestRange) is about STAKE, what an attack costs: no    *)
(* coalition holding at most a third of the stake can move an aggregate    *)
(* outside the range of the honest reports, whatever the reporting history *)
(* (honest reporters may miss any number of rounds).  It rests on weights  *)
(* never exceeding stakes (rel <= MaxRel, starting at MaxRel) and on       *)
(* honest reporters never being penalised (Band >= 2 * Tol), so honest     *)
(* weight equals honest stake and the faulty share of the weight is at     *)
(* most the faulty share of the stake (FaultyWeightShare).  Evidence of    *)
(* equivocation is kept for the current round only (AdvanceRound clears   *)
(* it; the shell keeps the signed pairs, with its own bound).              *)
(*                                                                         *)
(* Names, state and arithmetic are those of the Java class               *)
(* dev.bulwark.oracle.Oracle (one action = one method; see README.md).     *)
(* `truePrice` and `Faulty` are the environment: Java holds neither.       *)
(* Integers throughout: prices in ticks, weights = stake * reliability,    *)
(* in units of 1/MaxRel of a stake unit.                                   *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Reporters,     \* the reporters (model values r1, r2, ...; Java index of rK = K - 1)
    Heavy,         \* reporters with stake HeavyStake; the others have stake 1
    HeavyStake,    \* stake of a heavy reporter (>= 1)
    Faulty,        \* the faulty reporters (environment; Java never knows them)
    MaxRel,        \* reliability cap, and every reporter's reliability at start
    Penalty,       \* reliability lost for a deviation or an equivocation
    MinPrice,      \* lowest price, ticks (>= 1)
    MaxPrice,      \* highest price, ticks
    InitTruePrice, \* the true price at start (environment; one initial state)
    Tol,           \* honest reporters report within Tol ticks of the true price
    Band,          \* reports within Band ticks of the median gain reliability
    MaxStep,       \* the true price moves by at most MaxStep ticks per round
    MaxJump,       \* deviation guard: larger moves wait for confirmation
    StaleRounds,   \* an aggregate accepted in round k is usable in k..k+StaleRounds-1
    MaxRound       \* rounds are 0..MaxRound

(* TLC configuration files cannot hold sequences or functions, so stakes  *)
(* are given by two levels (README.md, "Spec-side choices").              *)
Stake == [r \in Reporters |-> IF r \in Heavy THEN HeavyStake ELSE 1]
MaxStake == HeavyStake

NoPrice     == 0     \* no aggregate accepted / held
NoReport    == 0     \* reporter has not reported in this round
Equivocated == -1    \* reporter sent two different reports in this round
Prices      == MinPrice..MaxPrice
ReportValues == Prices \cup {NoReport, Equivocated}

ASSUME /\ Reporters # {} /\ IsFiniteSet(Reporters)
       /\ Faulty \subseteq Reporters /\ Heavy \subseteq Reporters
       /\ HeavyStake \in Nat \ {0}
       /\ MaxRel \in Nat \ {0} /\ Penalty \in Nat \ {0}
       /\ MinPrice \in Nat \ {0} /\ MaxPrice \in Nat /\ MinPrice <= MaxPrice
       /\ InitTruePrice \in MinPrice..MaxPrice
       /\ Tol \in Nat /\ Band \in Nat /\ MaxStep \in Nat /\ MaxJump \in Nat
       /\ StaleRounds \in Nat \ {0} /\ MaxRound \in Nat

VARIABLES
    round,         \* current round, 0..MaxRound
    truePrice,     \* the true price (environment only)
    reports,       \* [Reporters -> ReportValues]: reports of the current round
    rel,           \* [Reporters -> 0..MaxRel]: reliability
    price,         \* last accepted aggregate, or NoPrice
    priceRound,    \* round in which `price` was accepted, -1 if none
    pending,       \* aggregate held by the deviation guard, or NoPrice
    pendingRound,  \* round in which `pending` was held, -1 if none
    aggregated,    \* an aggregate was computed in this round
    evidence,      \* set of [rep |-> r, rnd |-> round]: this round's equivocations
    lastAction     \* name and parameters of the action that produced the state

vars == <<round, truePrice, reports, rel, price, priceRound, pending,
          pendingRound, aggregated, evidence, lastAction>>

-----------------------------------------------------------------------------
(* Arithmetic on explicit values, so that the proofs (proofs/oracle) can   *)
(* quantify over arbitrary report and weight vectors.                     *)

Abs(x) == IF x < 0 THEN -x ELSE x
Min(x, y) == IF x <= y THEN x ELSE y
Max(x, y) == IF x >= y THEN x ELSE y

\* Sum of the weights wt[r] over a set S of reporters.
RECURSIVE WSum(_, _)
WSum(wt, S) == IF S = {} THEN 0
               ELSE LET r == CHOOSE x \in S : TRUE IN wt[r] + WSum(wt, S \ {r})

\* Weight vector for a reliability vector: stake times reliability.  With
\* rl[r] <= MaxRel, a weight is at most the reporter's full weight
\* Stake[r] * MaxRel: reliability only ever scales a stake DOWN.
WeightsOf(rl) == [r \in Reporters |-> Stake[r] * rl[r]]

\* Reporters with a fresh (usable) report in a report vector.
FreshOf(rep) == {r \in Reporters : rep[r] >= MinPrice}

\* Quorum: fresh weight strictly above two thirds of the total weight.
\* Measured in weight, like the median: a penalised reporter counts for less
\* in both.  Sound over stake because honest weight is honest stake (times
\* MaxRel) and faulty weight at most faulty stake, so with at most a third of
\* the stake faulty, at most a third of the weight is (FaultyWeightShare) and
\* the faulty fresh weight is below half the fresh weight; and live because
\* honest reporters alone, holding more than two thirds of the stake, hold
\* more than two thirds of the weight.
QuorumOf(rep, wt) == 3 * WSum(wt, FreshOf(rep)) > 2 * WSum(wt, Reporters)

\* Weight of the fresh reports at or below p.
WeightAtOrBelow(rep, wt, p) == WSum(wt, {r \in FreshOf(rep) : rep[r] <= p})

\* Lower weighted median: the least reported price p with at least half
\* of the fresh weight at or below p.  Defined when the fresh weight is > 0
\* (implied by the quorum): the highest fresh report then qualifies.
IsMedianCandidate(rep, wt, p) ==
    2 * WeightAtOrBelow(rep, wt, p) >= WSum(wt, FreshOf(rep))
MedianOf(rep, wt) ==
    LET C == {rep[r] : r \in {x \in FreshOf(rep) :
                                IsMedianCandidate(rep, wt, rep[x])}}
    IN  CHOOSE p \in C : \A q \in C : p <= q

\* Deviation: an equivocation, or a fresh report more than Band from m.
DeviatedOf(rep, m, r) ==
    \/ rep[r] = Equivocated
    \/ rep[r] >= MinPrice /\ Abs(rep[r] - m) > Band

\* Reliability after a round with median m.
RelAfter(rep, rl, m) ==
    [r \in Reporters |->
        IF DeviatedOf(rep, m, r) THEN Max(0, rl[r] - Penalty)
        ELSE IF rep[r] >= MinPrice THEN Min(MaxRel, rl[r] + 1)
        ELSE rl[r]]

-----------------------------------------------------------------------------
(* The same on the current state. *)

Weight   == WeightsOf(rel)
W(S)     == WSum(Weight, S)
StakeOf(S) == WSum(Stake, S)
Fresh    == FreshOf(reports)
Quorum   == QuorumOf(reports, Weight)
WeightedMedian == MedianOf(reports, Weight)

(* Deviation guard, confirm-next-round: m is accepted if there is no       *)
(* accepted price yet, if it is within MaxJump of the accepted price, or   *)
(* if the previous round held an aggregate within MaxJump of m.            *)
Accepts(m) ==
    \/ price = NoPrice
    \/ Abs(m - price) <= MaxJump
    \/ /\ pending # NoPrice
       /\ pendingRound = round - 1
       /\ Abs(m - pending) <= MaxJump

(* The only price the margin engine may use; otherwise the market halts.  *)
Usable == price # NoPrice /\ round - priceRound < StaleRounds
UsablePrice == IF Usable THEN price ELSE NoPrice

-----------------------------------------------------------------------------
(* The state as one record, and each action's effect on it (its guard    *)
(* assumed); the actions below assign it.  The ledger (spec/ledger)       *)
(* applies exactly these effects, through INSTANCE, to a replica's state.  *)

OState == [round |-> round, truePrice |-> truePrice, reports |-> reports,
           rel |-> rel, price |-> price, priceRound |-> priceRound,
           pending |-> pending, pendingRound |-> pendingRound,
           aggregated |-> aggregated, evidence |-> evidence]

InitOState == [round |-> 0, truePrice |-> InitTruePrice,
               reports |-> [r \in Reporters |-> NoReport],
               rel |-> [r \in Reporters |-> MaxRel],  \* full weight: weight = stake
               price |-> NoPrice,
               priceRound |-> -1, pending |-> NoPrice, pendingRound |-> -1,
               aggregated |-> FALSE, evidence |-> {}]

SetOState(e) ==
    /\ round' = e.round /\ truePrice' = e.truePrice /\ reports' = e.reports
    /\ rel' = e.rel /\ price' = e.price /\ priceRound' = e.priceRound
    /\ pending' = e.pending /\ pendingRound' = e.pendingRound
    /\ aggregated' = e.aggregated /\ evidence' = e.evidence

(* A first report is recorded; a second, different one is an equivocation. *)
ReportEffect(r, px) ==
    IF reports[r] = NoReport
    THEN [OState EXCEPT !.reports = [reports EXCEPT ![r] = px]]
    ELSE [OState EXCEPT !.reports = [reports EXCEPT ![r] = Equivocated],
                        !.evidence = evidence \cup {[rep |-> r, rnd |-> round]}]

AggregateEffect ==
    LET m == WeightedMedian IN
    IF Accepts(m)
    THEN [OState EXCEPT !.price = m, !.priceRound = round, !.pending = NoPrice,
                        !.pendingRound = -1, !.rel = RelAfter(reports, rel, m),
                        !.aggregated = TRUE]
    ELSE [OState EXCEPT !.pending = m, !.pendingRound = round,
                        !.rel = RelAfter(reports, rel, m), !.aggregated = TRUE]

AdvanceRoundGuard(tp) ==
    /\ round < MaxRound
    /\ tp \in Prices /\ Abs(tp - truePrice) <= MaxStep

AdvanceRoundEffect(tp) ==
    [OState EXCEPT !.round = round + 1, !.truePrice = tp,
                   !.reports = [r \in Reporters |-> NoReport],
                   !.evidence = {}, !.aggregated = FALSE]

-----------------------------------------------------------------------------
(* Actions *)

Init ==
    /\ round = InitOState.round
    /\ truePrice = InitOState.truePrice
    /\ reports = InitOState.reports
    /\ rel = InitOState.rel
    /\ price = InitOState.price
    /\ priceRound = InitOState.priceRound
    /\ pending = InitOState.pending
    /\ pendingRound = InitOState.pendingRound
    /\ aggregated = InitOState.aggregated
    /\ evidence = InitOState.evidence
    /\ lastAction = [name |-> "Init"]

(* Java's precondition of report(r, px). *)
ReportGuard(r, px) ==
    /\ ~aggregated                       \* reports close with the aggregate
    /\ reports[r] # Equivocated
    /\ px \in Prices
    /\ px # reports[r]                    \* an identical repeat is rejected

(* The environment: an honest reporter reports once per round, within Tol *)
(* of the true price.  A faulty reporter is unconstrained.                *)
HonestReport(r, px) ==
    r \notin Faulty => (reports[r] = NoReport /\ Abs(px - truePrice) <= Tol)

(* Report(r, px): reporter r reports px for the current round.  A second, *)
(* different report in the same round is an equivocation: both reports    *)
(* are discarded and the evidence [rep |-> r, rnd |-> round] recorded.     *)
Report(r, px) ==
    /\ ReportGuard(r, px)
    /\ HonestReport(r, px)
    /\ SetOState(ReportEffect(r, px))
    /\ lastAction' = [name |-> "Report", r |-> r, px |-> px]

(* Aggregate: with fresh weight above two thirds, compute the weighted     *)
(* median; accept it or hold it (deviation guard); update reliability     *)
(* against the median, accepted or held.                                   *)
AggregateGuard == ~aggregated /\ Quorum

Aggregate ==
    /\ AggregateGuard
    /\ SetOState(AggregateEffect)
    /\ lastAction' = [name |-> "Aggregate"]

(* AdvanceRound(tp): the next round starts; the true price moves to tp.   *)
(* The finished round's reports and evidence are dropped: what a faulty    *)
(* reporter can make the oracle hold is bounded by one report and one      *)
(* evidence record per reporter (the shell keeps the signed pairs, which   *)
(* are the evidence that can be acted on, under its own bound).            *)
AdvanceRound(tp) ==
    /\ AdvanceRoundGuard(tp)
    /\ SetOState(AdvanceRoundEffect(tp))
    /\ lastAction' = [name |-> "AdvanceRound", tp |-> tp]

Next ==
    \/ \E r \in Reporters, px \in Prices : Report(r, px)
    \/ Aggregate
    \/ \E tp \in Prices : AdvanceRound(tp)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

TypeOK ==
    /\ round \in 0..MaxRound
    /\ truePrice \in Prices
    /\ reports \in [Reporters -> ReportValues]
    /\ rel \in [Reporters -> 0..MaxRel]
    /\ price \in Prices \cup {NoPrice}
    /\ priceRound \in -1..round
    /\ (price = NoPrice) <=> (priceRound = -1)
    /\ pending \in Prices \cup {NoPrice}
    /\ pendingRound \in -1..round
    /\ (pending = NoPrice) <=> (pendingRound = -1)
    /\ aggregated \in BOOLEAN
    /\ evidence \subseteq [rep : Reporters, rnd : {round}]

(* Every equivocation of this round has evidence naming the reporter. *)
EquivocationEvidenced ==
    \A r \in Reporters :
        reports[r] = Equivocated => [rep |-> r, rnd |-> round] \in evidence

(* Evidence never accuses an honest reporter. *)
EvidenceSound == \A e \in evidence : e.rep \in Faulty

(* No stale price is ever offered: the usable price was accepted in one of *)
(* the last StaleRounds rounds (including this one).                       *)
NoStalePrice ==
    UsablePrice # NoPrice =>
        /\ UsablePrice = price
        /\ priceRound \in 0..round
        /\ round - priceRound < StaleRounds

-----------------------------------------------------------------------------
(* The fault assumption, over STAKE: the faulty reporters hold at most a  *)
(* third of the stake.  Stakes are constants, so this is a property of the *)
(* configuration, not of the history: whatever the reports, reliabilities *)
(* and missed rounds, it either holds throughout or not at all.           *)
FaultyStakeAtMostThird == 3 * StakeOf(Faulty) <= StakeOf(Reporters)

(* The same bound on the weights of the current state: what the median    *)
(* lemma needs (proofs/oracle/OracleMedian.tla).                           *)
FaultyWeightAtMostThird == 3 * W(Faulty) <= W(Reporters)

(* Honest reporters keep their full weight (weight = stake * MaxRel): they *)
(* are never penalised while the fault assumption holds.                   *)
HonestFullWeight ==
    FaultyStakeAtMostThird => \A r \in Reporters \ Faulty : rel[r] = MaxRel

(* The bridge from stake to weight: with at most a third of the stake     *)
(* faulty, at most a third of the weight is faulty, in every state.        *)
(* (Honest weight = honest stake * MaxRel, faulty weight <= faulty stake * *)
(* MaxRel, and x / (H + x) grows with x.)                                  *)
FaultyWeightShare == FaultyStakeAtMostThird => FaultyWeightAtMostThird

-----------------------------------------------------------------------------
(* Action properties *)

\* Honest fresh reports bracket p.
InHonestRange(p) ==
    LET H == Fresh \ Faulty
    IN  \E a, b \in H : reports[a] <= p /\ p <= reports[b]

\* A step that computes this round's aggregate; the aggregate is the price
\* it accepted or the pending value it held.
AggregateStep == ~aggregated /\ aggregated'
RoundAggregate == IF priceRound' = round THEN price' ELSE pending'
AggregateInHonestRange ==
    AggregateStep => /\ priceRound' = round \/ pendingRound' = round
                     /\ InHonestRange(RoundAggregate)

(* Honest range, over stake: if the faulty reporters hold at most a third *)
(* of the stake, the aggregate of every round (accepted or held) lies     *)
(* between the lowest and the highest honest report of that round, in     *)
(* every behaviour -- whatever the faulty reporters did in earlier rounds  *)
(* and whichever honest reporters missed which rounds.                     *)
HonestRange == [][FaultyStakeAtMostThird => AggregateInHonestRange]_vars

(* Reliability never rises for a reporter that deviated in that round     *)
(* (equivocated, or reported more than Band from the round's aggregate).  *)
RelNoRiseOnDeviation ==
    [][\A r \in Reporters :
          rel'[r] > rel[r] =>
              /\ AggregateStep
              /\ reports[r] >= MinPrice
              /\ Abs(reports[r] - RoundAggregate) <= Band]_vars

(* Honest reporters are never penalised while the fault assumption holds  *)
(* (Band = 2 * Tol and the aggregate is in the honest range).              *)
HonestNotPenalised ==
    [][FaultyStakeAtMostThird =>
          \A r \in Reporters \ Faulty : rel'[r] >= rel[r]]_vars

(* Deviation guard: an accepted price more than MaxJump from the previous *)
(* accepted price was confirmed: the previous round held an aggregate     *)
(* within MaxJump of it.  So no single round's reports move the price by  *)
(* more than MaxJump.                                                      *)
GuardConfirmed ==
    [][(/\ priceRound' # priceRound
        /\ price # NoPrice
        /\ Abs(price' - price) > MaxJump)
       => /\ pending # NoPrice
          /\ pendingRound = round - 1
          /\ Abs(price' - pending) <= MaxJump]_vars

-----------------------------------------------------------------------------
(* Liveness *)

(* Fairness: honest reporters report, and the aggregate is computed once  *)
(* enabled.  The round clock (AdvanceRound) and faulty reporters are not  *)
(* fair: they may stall or act at any time.                                *)
Fairness ==
    /\ \A r \in Reporters \ Faulty : WF_vars(\E px \in Prices : Report(r, px))
    /\ WF_vars(Aggregate)

LiveSpec == Spec /\ Fairness

(* With more than two thirds of the stake honest and reporting, every     *)
(* round produces an aggregate before it ends.                             *)
AggregateProgress ==
    \A k \in 0..MaxRound : (round = k) ~> (aggregated \/ round > k)

=============================================================================
