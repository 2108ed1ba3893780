-------------------------- MODULE RefinementMutants --------------------------
(***************************************************************************)
(* Vacuity mutants for LedgerRefinement: ledger bugs the refinement and    *)
(* boundary checks must catch.                                             *)
(***************************************************************************)
EXTENDS LedgerRefinement

(* MarginRefinement -- the backstop's liquidation keeps the fee for the   *)
(* liquidated account instead of crediting the insurance fund.             *)
MutantBackstopStep(m, a) ==
    IF BackstopLots(m, a) = 0 THEN m
    ELSE [MAt(m)!LiquidateEffect(a, Backstop, BackstopLots(m, a), m.price)
            EXCEPT !.insurance = m.insurance - MAt(m)!Deficit(a)]

(* OracleRefinement -- closing the round keeps the round's reports.        *)
MutantCloseAdvance(s0) ==
    LET o2 == IF OAt(s0.o)!AdvanceRoundGuard(LedgerTruePrice)
              THEN [OAt(s0.o)!AdvanceRoundEffect(LedgerTruePrice)
                      EXCEPT !.reports = s0.o.reports]
              ELSE s0.o
        m2 == IF ~OAt(o2)!Usable /\ MAt(s0.m)!HaltGuard THEN MAt(s0.m)!HaltEffect ELSE s0.m
    IN  [s0 EXCEPT !.m = m2, !.o = o2]

(* BoundaryIsApplyBlock -- the replica's pass skips the deleveraging that  *)
(* the block function performs (each skipped step is a stutter, so the     *)
(* refinement alone would not notice).                                     *)
MutantDeleverageOne == FALSE
MutantDeleverageDone ==
    /\ phase = "deleverage"
    /\ phase' = "backstop"
    /\ UNCHANGED <<s, blk, i, acct, base, mLast, oLast>>
=============================================================================
