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

(* The deposit cap is not checked: netDeposits exceeds MaxNetDeposits.     *)
MutantDepositGuard(a, x) ==
    /\ x > 0
    /\ coll[a] + x <= MaxCollateral
    \* BUG: missing  netDeposits + x <= MaxNetDeposits

=============================================================================
