---------------------------- MODULE OracleMedian ----------------------------
(***************************************************************************)
(* Lemma behind HonestRange, checked by TLC over every report vector and   *)
(* every weight vector in a box.                                           *)
(*                                                                         *)
(* MedianLemma: let wt be any weight vector, rep any report vector (prices, *)
(* NoReport or Equivocated), Bad any set of reporters.  If the weight of   *)
(* Bad is at most one third of the total and the fresh weight is more than *)
(* two thirds of the total, then some fresh report outside Bad lies at or *)
(* below the lower weighted median and some at or above it.                *)
(*                                                                         *)
(* Paper argument (T total, F fresh, B = weight of Bad, 3B <= T < 3F/2):  *)
(*  - below: all fresh weight strictly below the lowest good fresh report *)
(*    is bad, so at most B; 2B <= 2T/3 < F, so no price below the lowest  *)
(*    good report is a median candidate: m >= lowest good report;         *)
(*  - above: the weight at or below the highest good report is at least   *)
(*    the good fresh weight F - B; 2(F - B) >= F since F > 2T/3 >= 2B, so *)
(*    the highest good report is a candidate: m <= highest good report.   *)
(* Both use only 3B <= T and 3F > 2T; the vacuity configs show that       *)
(* neither bound can be weakened (a bad share of 2/5, or a quorum of 1/2). *)
(*                                                                         *)
(* The state is (rep, wt, Bad); INIT enumerates the box, NEXT stutters.    *)
(***************************************************************************)
EXTENDS Oracle, TLC

CONSTANT MaxW   \* box: each weight in 0..MaxW

VARIABLES rep, wt, Bad

FaultBound(w, B) == 3 * WSum(w, B) <= WSum(w, Reporters)

GoodBracket(r, w, B, m) ==
    LET G == FreshOf(r) \ B
    IN  \E a, b \in G : r[a] <= m /\ m <= r[b]

MedianLemma ==
    (FaultBound(wt, Bad) /\ QuorumOf(rep, wt))
        => GoodBracket(rep, wt, Bad, MedianOf(rep, wt))

\* The median is one of the fresh reports (so the aggregate is a price).
MedianIsReport ==
    QuorumOf(rep, wt) => \E r \in FreshOf(rep) : rep[r] = MedianOf(rep, wt)

\* The Oracle variables (EXTENDS) are fixed at one initial state.
LemmaInit ==
    /\ Init
    /\ rep \in [Reporters -> ReportValues]
    /\ wt \in [Reporters -> 0..MaxW]
    /\ Bad \in SUBSET Reporters

LemmaNext == UNCHANGED <<rep, wt, Bad, vars>>

ReporterSymmetry == Permutations(Reporters)
=============================================================================
