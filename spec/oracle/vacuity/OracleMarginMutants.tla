------------------------ MODULE OracleMarginMutants ------------------------
(* Vacuity mutants for the composition OracleMargin.tla: each is a bug in *)
(* the glue between the oracle and the margin engine.                      *)
EXTENDS OracleMargin

\* EnginePriceUsable -- the shell forgets to halt when the price expires.
MutantAdvanceNoHalt(tp) == O!AdvanceRound(tp) /\ UNCHANGED mvars

\* HaltOnlyWithoutPrice -- the shell calls SetPrice only when the price
\* changed, so an aggregate that repeats the engine's price never lifts a halt.
MutantAggregateSkipSamePrice ==
    /\ O!Aggregate
    /\ IF Accepted /\ price' # mprice
       THEN M!SetPrice(price')
       ELSE UNCHANGED mvars

\* PriceOnlyFromOracle -- the engine also takes prices from another source
\* (selected with NEXT MutantNextRogueSetPrice).
MutantNextRogueSetPrice ==
    \/ Next
    \/ /\ \E px \in MinPrice..MaxPrice : M!SetPrice(px)
       /\ UNCHANGED ovars
=============================================================================
