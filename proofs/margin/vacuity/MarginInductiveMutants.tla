----------------------- MODULE MarginInductiveMutants -----------------------
(***************************************************************************)
(* Vacuity for the bounded induction check of IndInv: with one guard       *)
(* weakened, the same box and the same IndInv must fail to be inductive.   *)
(* Needs both proofs/margin and spec/margin on the library path.           *)
(***************************************************************************)
EXTENDS MarginInductive

(* A bankrupt account is closed against the insurance fund without        *)
(* checking that the fund can pay the deficit: the step from a box state   *)
(* with a small fund leaves insurance < 0, so IndInv is not preserved.     *)
MutantLiquidateGuardNoCoverCheck(a, l, q, px) ==
    LET s   == Sign(pos[a])
        cl  == coll[l] - s * q * px
        pl  == pos[l] + s * q
    IN  /\ ~halted
        /\ Liquidatable(a)
        /\ pos[a] # 0
        /\ l # a
        \* BUG: missing  Equity(a) < 0 => InsuranceCovers(a)
        /\ q \in LiquidationSizes(a)
        /\ px \in LiquidationPrices(a)
        /\ InBounds(cl, pl)
        /\ AcceptableOf(coll[l], pos[l], cl, pl)

(* The earlier liquidation rule: the fund pays a bankrupt account's whole *)
(* deficit whatever part is closed; a bankrupt short closed in part keeps  *)
(* (|pos| - q) * price, past MaxCollateral at the tight bounds.            *)
MutantLiquidateFullCover(a, l, q, px) ==
    /\ LiquidateGuard(a, l, q, px)
    /\ LET s     == Sign(pos[a])
           cover == Deficit(a)                     \* BUG: not ClosedDeficit(a, q)
           ca    == coll[a] + cover + s * q * px
           pa    == pos[a] - s * q
           ea    == EquityOf(ca, pa, price)
           fee   == Min(BpsUp(q * px, FeeBps), Max(ea, 0))
       IN  /\ coll' = [coll EXCEPT ![a] = ca - fee,
                                   ![l] = @ - s * q * px]
           /\ pos' = [pos EXCEPT ![a] = pa, ![l] = @ + s * q]
           /\ insurance' = insurance - cover + fee
    /\ lastAction' = [name |-> "Liquidate", account |-> a, liquidator |-> l,
                      lots |-> q, price |-> px]
    /\ UNCHANGED <<price, netDeposits, halted>>

(* The deposit cap is not checked: netDeposits exceeds MaxNetDeposits.     *)
MutantDepositGuard(a, x) ==
    /\ x > 0
    /\ coll[a] + x <= MaxCollateral
    \* BUG: missing  netDeposits + x <= MaxNetDeposits

=============================================================================
