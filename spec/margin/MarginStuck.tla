----------------------------- MODULE MarginStuck -----------------------------
(***************************************************************************)
(* A safety-check companion to LiquidationProgress.                        *)
(*                                                                         *)
(* If some reachable state has an account that is liquidatable and not    *)
(* flat while no Liquidate and no Deleverage step is enabled at all (for   *)
(* any account), then the behaviour that reaches that state and then       *)
(* stutters (the price no longer moves, nobody acts) satisfies LiveSpec    *)
(* and violates LiquidationProgress: fairness cannot force an action that  *)
(* is never enabled.  Checking this as an invariant is a plain reachability search, *)
(* far cheaper than TLC's liveness check, so it scales to three accounts.  *)
(* (It is sufficient for a liveness violation, not necessary.)             *)
(***************************************************************************)
EXTENDS Margin, TLC

ResolutionEnabled(a) == ENABLED LiquidateAny(a) \/ ENABLED DeleverageAny(a)

NoStuckLiquidation ==
    (~halted /\ \E a \in Accounts : Liquidatable(a) /\ ~Flat(a)) =>
        \E a \in Accounts : ResolutionEnabled(a)

-----------------------------------------------------------------------------
(* Liveness from a state that used to be stuck.  StuckInit is the last     *)
(* state of the NoStuckLiquidation counterexample found at the MC bounds   *)
(* under the earlier rule that a bankrupt account is closed in full by one *)
(* liquidator (findings/MCStuck-three-accounts.trace.txt, state 18): a3 is *)
(* short 2 lots and bankrupt (equity -1 at 11 ticks), the fund (1) can     *)
(* cover it, so Deleverage is barred, and neither a1 nor a2 (long 1 lot    *)
(* each, equity 2) could take 2 lots.  Now the fund pays the deficit and   *)
(* a1 and a2 take a lot each.  LiquidationProgress is checked on the fair  *)
(* behaviours that start there.                                            *)
CONSTANTS A1, A2, A3

StuckInit ==
    /\ coll = (A1 :> -9 @@ A2 :> -9 @@ A3 :> 21)
    /\ pos = (A1 :> 1 @@ A2 :> 1 @@ A3 :> -2)
    /\ price = 11
    /\ insurance = 1
    /\ netDeposits = 4
    /\ halted = FALSE
    /\ lastAction = [name |-> "SetPrice", price |-> 11]

StuckSpec == StuckInit /\ [][Next]_vars /\ Fairness

=============================================================================
