--------------------------- MODULE MarginMutants ---------------------------
(***************************************************************************)
(* Vacuity mutants for Margin.tla.                                         *)
(*                                                                         *)
(* A model check that finds nothing proves little: each invariant and      *)
(* property of Margin must be able to fail.  Every operator below is a     *)
(* small, realistic bug in one guard, one effect or the fairness           *)
(* assumption.  A vacuity config selects exactly one of them with an       *)
(* override  `X <- MutantX`  and checks exactly the one property the bug   *)
(* should break, so that a failure is attributable.  The first two lines   *)
(* of each config name this module and the TLC error text expected.       *)
(*                                                                         *)
(* Margin.tla lives one directory up; run TLC with it on the library path  *)
(* (see spec/margin/README.md):                                            *)
(*   java -DTLA-Library=<repo>/spec/margin -cp tla2tools.jar tlc2.TLC \    *)
(*        -config <Property>.cfg MarginMutants.tla                         *)
(***************************************************************************)
EXTENDS Margin

-----------------------------------------------------------------------------
(* TypeOK -- the position limit is not enforced on trades: the bounds     *)
(* check InBounds is forgotten, so a buyer can grow beyond MaxLots.        *)
MutantTradeGuard(b, s, q, px) ==
    LET cb == coll[b] - q * px
        pb == pos[b] + q
        cs == coll[s] + q * px
        ps == pos[s] - q
    IN  /\ ~halted
        /\ b # s
        /\ q \in 1..MaxTradeLots
        /\ px \in MinPrice..MaxPrice
        /\ InBand(px)
        /\ AcceptableOf(coll[b], pos[b], cb, pb)
        /\ AcceptableOf(coll[s], pos[s], cs, ps)

-----------------------------------------------------------------------------
(* Conservation -- the liquidation fee is taken from the account but      *)
(* never credited to the insurance fund.                                   *)
MutantLiquidateNoFeeCredit(a, l, q, px) ==
    /\ LiquidateGuard(a, l, q, px)
    /\ LET s     == Sign(pos[a])
           cover == ClosedDeficit(a, q)
           ca    == coll[a] + cover + s * q * px
           pa    == pos[a] - s * q
           ea    == EquityOf(ca, pa, price)
           fee   == Min(BpsUp(q * px, FeeBps), Max(ea, 0))
       IN  /\ coll' = [coll EXCEPT ![a] = ca - fee,
                                   ![l] = @ - s * q * px]
           /\ pos' = [pos EXCEPT ![a] = pa, ![l] = @ + s * q]
           /\ insurance' = insurance - cover            \* BUG: fee dropped
    /\ lastAction' = [name |-> "Liquidate", account |-> a, liquidator |-> l,
                      lots |-> q, price |-> px]
    /\ UNCHANGED <<price, netDeposits, halted>>

-----------------------------------------------------------------------------
(* TypeOK (|coll| <= MaxCollateral) -- the earlier liquidation rule: the   *)
(* fund pays a bankrupt account's whole deficit whatever part is closed.   *)
(* A bankrupt short closed in part then keeps (|pos| - q) * price, which   *)
(* can exceed its balance before and MaxCollateral (README, Finding 4).    *)
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

-----------------------------------------------------------------------------
(* OpenInterestBalanced -- sign bug: the liquidator always receives a     *)
(* long position (+q), also when it takes over a short.                    *)
MutantLiquidateSignBug(a, l, q, px) ==
    /\ LiquidateGuard(a, l, q, px)
    /\ LET s     == Sign(pos[a])
           cover == ClosedDeficit(a, q)
           ca    == coll[a] + cover + s * q * px
           pa    == pos[a] - s * q
           ea    == EquityOf(ca, pa, price)
           fee   == Min(BpsUp(q * px, FeeBps), Max(ea, 0))
       IN  /\ coll' = [coll EXCEPT ![a] = ca - fee,
                                   ![l] = @ - s * q * px]
           /\ pos' = [pos EXCEPT ![a] = pa, ![l] = @ + q]  \* BUG: not s * q
           /\ insurance' = insurance - cover + fee
    /\ lastAction' = [name |-> "Liquidate", account |-> a, liquidator |-> l,
                      lots |-> q, price |-> px]
    /\ UNCHANGED <<price, netDeposits, halted>>

-----------------------------------------------------------------------------
(* InsuranceNonNegative -- a bankrupt account is closed against the fund  *)
(* without checking that the fund can pay its deficit.                    *)
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

-----------------------------------------------------------------------------
(* WithdrawalKeepsInitialMargin -- the withdrawal check uses the          *)
(* maintenance requirement instead of the initial requirement.             *)
MutantWithdrawGuard(a, x) ==
    /\ ~halted
    /\ x > 0
    /\ NoBankruptAccount
    /\ Abs(coll[a] - x) <= MaxCollateral
    /\ EquityOf(coll[a] - x, pos[a], price) >= MmReqOf(pos[a], price) \* BUG

-----------------------------------------------------------------------------
(* TypeOK (netDeposits >= 0) -- no withdrawal gating: a winner withdraws  *)
(* profit that is owed by a bankrupt account which has not been dealt with *)
(* yet, so more leaves the system than was ever deposited (Finding 3).    *)
MutantWithdrawNoGating(a, x) ==
    /\ ~halted
    /\ x > 0
    \* BUG: missing  NoBankruptAccount
    /\ Abs(coll[a] - x) <= MaxCollateral
    /\ EquityOf(coll[a] - x, pos[a], price) >= ImReqOf(pos[a], price)

-----------------------------------------------------------------------------
(* NoHealthyLiquidation -- off-by-one in the liquidation check: an account *)
(* exactly at its maintenance requirement (<= instead of <) is liquidated. *)
MutantLiquidateGuardOffByOne(a, l, q, px) ==
    LET s   == Sign(pos[a])
        cl  == coll[l] - s * q * px
        pl  == pos[l] + s * q
    IN  /\ ~halted
        /\ Equity(a) <= MmReq(a)                     \* BUG: <= instead of <
        /\ pos[a] # 0
        /\ l # a
        /\ Equity(a) < 0 => InsuranceCovers(a)
        /\ q \in LiquidationSizes(a)
        /\ px \in LiquidationPrices(a)
        /\ InBounds(cl, pl)
        /\ AcceptableOf(coll[l], pos[l], cl, pl)

-----------------------------------------------------------------------------
(* NoNeedlessDeleverage -- deleveraging does not first ask whether the    *)
(* insurance fund could cover the deficit.                                 *)
MutantDeleverageGuard(a, c) ==
    /\ ~halted
    /\ pos[a] # 0
    /\ Equity(a) < 0
    \* BUG: missing  ~InsuranceCovers(a)
    /\ MostProfitableOpposite(a, c)

-----------------------------------------------------------------------------
(* FlatNeverAbsorbsLosses -- wrong counterparty rule: deleveraging       *)
(* trusts the counterparty it is given (Java: deleverage(account,          *)
(* counterparty)) instead of requiring the most profitable account on the  *)
(* opposite side, and closes the whole bankrupt position against it, as if *)
(* the counterparty were always large enough.  A flat bystander can then   *)
(* be handed a position and a loss.                                        *)
(* (Replacing only the guard MostProfitableOpposite by "any other account" *)
(* is masked by the effect: q = Min(|pos[a]|, |pos[c]|) is 0 for a flat c, *)
(* so nothing moves; hence the whole action is mutated.)                   *)
MutantDeleverageAnyCounterparty(a, c) ==
    /\ ~halted
    /\ pos[a] # 0
    /\ Equity(a) < 0
    /\ ~InsuranceCovers(a)
    /\ c # a                                   \* BUG: side and rank unchecked
    /\ LET s     == Sign(pos[a])
           q     == Abs(pos[a])                \* BUG: not Min(.., |pos[c]|)
           delta == coll[a]
       IN  /\ InBounds(coll[c] + delta, pos[c] + s * q)
           /\ coll' = [coll EXCEPT ![a] = @ - delta, ![c] = @ + delta]
           /\ pos' = [pos EXCEPT ![a] = @ - s * q, ![c] = @ + s * q]
    /\ lastAction' = [name |-> "Deleverage", account |-> a, counterparty |-> c]
    /\ UNCHANGED <<price, insurance, netDeposits, halted>>

-----------------------------------------------------------------------------
(* NoStuckLiquidation at the cover bounds -- the earlier deleveraging rank: *)
(* the counterparty must be the most profitable opposite account even when *)
(* the step would take it past MaxCollateral, and the step is then not     *)
(* enabled, so a bankrupt account can wait while a less profitable         *)
(* opposite account could take it (README, Finding 5).                     *)
MutantMostProfitableOpposite(a, c) ==
    /\ Opposite(a, c)
    /\ \A d \in Accounts : Opposite(a, d) => Equity(d) <= Equity(c)   \* BUG: ranks all
    /\ InBounds(coll[c] + DeleverageDelta(a, c),
                pos[c] + Sign(pos[a]) * DeleverageLots(a, c))

-----------------------------------------------------------------------------
(* LiquidationProgress -- no liquidation keeper: only deleveraging is     *)
(* assumed to happen eventually, liquidation is never forced.              *)
MutantFairness == \A a \in Accounts : SF_vars(DeleverageAny(a))

-----------------------------------------------------------------------------
(* NoActionOnStalePrice -- liquidation forgets the halted-market rule and *)
(* liquidates against a stale oracle price.                                *)
MutantLiquidateGuardIgnoresHalt(a, l, q, px) ==
    LET s   == Sign(pos[a])
        cl  == coll[l] - s * q * px
        pl  == pos[l] + s * q
    IN  \* BUG: missing  ~halted
        /\ Liquidatable(a)
        /\ pos[a] # 0
        /\ l # a
        /\ Equity(a) < 0 => InsuranceCovers(a)
        /\ q \in LiquidationSizes(a)
        /\ px \in LiquidationPrices(a)
        /\ InBounds(cl, pl)
        /\ AcceptableOf(coll[l], pos[l], cl, pl)

=============================================================================
