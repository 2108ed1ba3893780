------------------------ MODULE MarginStuckMutants ------------------------
(***************************************************************************)
(* Vacuity mutant for NoStuckLiquidation and for LiquidationProgress from  *)
(* the formerly stuck state (MCStuck.cfg, MCStuckLive.cfg): the earlier    *)
(* rule that a bankrupt account is closed in full, by a single liquidator. *)
(* With it TLC must find the stuck liquidation again (README, Finding 1).  *)
(***************************************************************************)
EXTENDS MarginStuck

MutantLiquidationSizes(a) ==
    IF Equity(a) < 0 THEN {Abs(pos[a])}     \* BUG: bankrupt only in full
    ELSE {q \in 1..Abs(pos[a]) : Abs(pos[a]) - q = 0 \/ Abs(pos[a]) - q >= DustLots}

=============================================================================
