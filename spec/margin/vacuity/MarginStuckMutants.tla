------------------------ MODULE MarginStuckMutants ------------------------
(***************************************************************************)
(* Vacuity mutants for NoStuckLiquidation and for LiquidationProgress from *)
(* the formerly stuck state (MCStuck.cfg, DeepStuckLive.cfg): the earlier  *)
(* rule that a bankrupt account is closed in full, by a single liquidator, *)
(* and (for the reachability search) no withdrawal gating, as when the     *)
(* stuck state was found.  TLC must find the stuck liquidation again       *)
(* (README, Finding 1).                                                    *)
(***************************************************************************)
EXTENDS MarginStuck

MutantLiquidationSizes(a) ==
    IF Equity(a) < 0 THEN {Abs(pos[a])}     \* BUG: bankrupt only in full
    ELSE {q \in 1..Abs(pos[a]) : Abs(pos[a]) - q = 0 \/ Abs(pos[a]) - q >= DustLots}

MutantWithdrawGuard(a, x) ==
    /\ ~halted
    /\ x > 0                                 \* BUG: no withdrawal gating
    /\ Abs(coll[a] - x) <= MaxCollateral
    /\ EquityOf(coll[a] - x, pos[a], price) >= ImReqOf(pos[a], price)

=============================================================================
