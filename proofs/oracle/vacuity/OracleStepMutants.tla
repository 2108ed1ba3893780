------------------------- MODULE OracleStepMutants -------------------------
(* Vacuity of the induction-step check (OracleStep.cfg).                   *)
EXTENDS OracleStep

\* The aggregate is the weighted mean (rounded down) instead of the median.
MutantMeanOf(r, w) ==
    LET F == FreshOf(r)
        RECURSIVE Dot(_)
        Dot(S) == IF S = {} THEN 0
                  ELSE LET x == CHOOSE y \in S : TRUE
                       IN  w[x] * r[x] + Dot(S \ {x})
    IN  Dot(F) \div WSum(w, F)

\* The box forgets the environment assumption: honest reports anywhere.
MutantHonestReportsAnywhere ==
    \A r \in Reporters \ Faulty : reports[r] # Equivocated

\* The box forgets that honest reporters keep their full weight: honest
\* reliabilities anywhere in 0..MaxRel (what the former rule, where
\* reliability was earned by reporting, allowed).
MutantHonestAnyWeight == TRUE
=============================================================================
