------------------------ MODULE OracleMedianMutants ------------------------
(* Vacuity of MedianLemma: each of its two premises is weakened by a      *)
(* small step, and TLC must find a report vector whose lower weighted     *)
(* median lies outside the range of the good fresh reports.               *)
EXTENDS OracleMedian

\* The bad weight may reach two fifths of the total (instead of one third).
MutantFaultBoundTwoFifths(w, B) == 5 * WSum(w, B) <= 2 * WSum(w, Reporters)

\* A simple-majority quorum: fresh weight above one half (instead of 2/3).
MutantQuorumHalf(r, w) == 2 * WSum(w, FreshOf(r)) > WSum(w, Reporters)
=============================================================================
