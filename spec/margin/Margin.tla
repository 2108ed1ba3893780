------------------------------- MODULE Margin -------------------------------
(***************************************************************************)
(* The Bulwark perpetual-futures margin and liquidation engine.            *)
(*                                                                         *)
(* One perpetual market, a set of accounts, an insurance fund.  Units are  *)
(* integers throughout:                                                    *)
(*   money      quote units         (coll, insurance, netDeposits)         *)
(*   prices     ticks               (price); one lot at price p is worth   *)
(*                                   p quote units                         *)
(*   sizes      lots                (pos, signed: long > 0, short < 0)     *)
(*   rates      basis points        (ImBps, MmBps, FeeBps, BandBps)        *)
(*                                                                         *)
(* Accounting follows dYdX v4: an account holds a signed quote balance     *)
(* `coll` and a signed position `pos`; buying q lots at price p moves q*p  *)
(* out of the quote balance.  Net collateral (equity) at the oracle price  *)
(* P is  coll + pos * P.  Realised and unrealised PnL are never separated, *)
(* so conservation is a plain sum.                                         *)
(*                                                                         *)
(* Rounding is explicit and always in the protocol's favour: margin        *)
(* requirements and fees round up; the liquidation price band rounds       *)
(* towards the oracle price (the band can only get narrower).              *)
(*                                                                         *)
(* Every action sets `lastAction` to its name and parameters so that a     *)
(* trace names the Java call that replays it (GUIDE section 2).           *)
(*                                                                         *)
(* Halted market.  The price comes from the oracle (spec/oracle), which    *)
(* produces no price when reporters holding more than two thirds of the    *)
(* weight have not reported fresh prices, and whose last aggregate expires *)
(* after a staleness bound.  `halted` is TRUE while the engine holds no    *)
(* usable oracle price (action Halt: the price went stale).  Policy: while *)
(* halted there are no liquidations, no deleveraging, no trades and no     *)
(* withdrawals -- nothing is valued against a stale price; deposits stay   *)
(* open (they only add collateral).  The next SetPrice (a fresh aggregate) *)
(* lifts the halt.  Checked: NoActionOnStalePrice.                         *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Accounts,        \* account identifiers (model values)
    Amounts,         \* deposit / withdrawal amounts, quote units (positive)
    MaxTradeLots,    \* largest size of one trade, lots
    MaxLots,         \* bound on |pos| of any account, lots
    MaxCollateral,   \* bound on |coll| of any account, quote units
    MaxNetDeposits,  \* bound on deposits minus withdrawals, quote units
    MinPrice,        \* lowest oracle price, ticks (> 0)
    MaxPrice,        \* highest oracle price, ticks
    InitPrice,       \* oracle price at start, ticks
    MaxPriceStep,    \* largest oracle move in one SetPrice, ticks
    ImBps,           \* initial margin rate, bps of notional
    MmBps,           \* maintenance margin rate, bps of notional
    FeeBps,          \* liquidation fee rate, bps of liquidated notional
    BandBps,         \* trade price band around the oracle, bps of price
    DustLots         \* a partial liquidation may not leave 0 < |pos| < DustLots

BPS == 10000

ASSUME /\ Accounts # {} /\ IsFiniteSet(Accounts)
       /\ Amounts \subseteq Nat \ {0}
       /\ MaxTradeLots \in Nat \ {0} /\ MaxLots \in Nat \ {0}
       /\ MaxCollateral \in Nat \ {0} /\ MaxNetDeposits \in Nat \ {0}
       /\ MinPrice \in Nat \ {0} /\ MaxPrice \in Nat /\ MinPrice <= MaxPrice
       /\ InitPrice \in MinPrice..MaxPrice /\ MaxPriceStep \in Nat \ {0}
       /\ 0 < MmBps /\ MmBps <= ImBps /\ ImBps <= BPS
       /\ FeeBps \in 0..BPS /\ BandBps \in 0..BPS /\ DustLots \in Nat \ {0}
       \* What keeps every balance within MaxCollateral (README, "Bounds, action by
       \* action"): Deposit, Withdraw, Trade, the liquidator and the deleveraging
       \* counterparty are checked by their guards; a bankrupt account, liquidated
       \* (ClosedDeficit) or deleveraged, keeps a balance between 0 and its balance
       \* before; a healthy short liquidated keeps one between 0 and its balance
       \* before (the band keeps its equity >= 0).  A liquidated long that is not
       \* bankrupt moves its balance up, to at most its equity before, which is below
       \* its maintenance requirement; that requirement must fit the bound
       \* (BpsUp(MaxLots * MaxPrice, MmBps), CeilDiv written out).  This condition
       \* alone is not enough under the earlier rule that paid a bankrupt account's
       \* whole deficit for a partial close (Finding 4).
       /\ (MaxLots * MaxPrice * MmBps + BPS - 1) \div BPS <= MaxCollateral

VARIABLES
    coll,         \* [Accounts -> Int]  quote balance of each account
    pos,          \* [Accounts -> Int]  signed position of each account
    price,        \* oracle price, ticks
    insurance,    \* insurance fund, quote units
    netDeposits,  \* all deposits minus all withdrawals (history variable)
    halted,       \* TRUE while there is no usable (fresh) oracle price
    lastAction    \* name and parameters of the action that produced the state

vars == <<coll, pos, price, insurance, netDeposits, halted, lastAction>>

-----------------------------------------------------------------------------
(* Arithmetic helpers.  All divisions are explicit about their rounding.   *)

Abs(x) == IF x < 0 THEN -x ELSE x
Sign(x) == IF x > 0 THEN 1 ELSE IF x < 0 THEN -1 ELSE 0
Min(x, y) == IF x <= y THEN x ELSE y
Max(x, y) == IF x >= y THEN x ELSE y
\* Ceiling division of a non-negative numerator: rounds up.
CeilDiv(n, d) == (n + d - 1) \div d
\* A rate in basis points of a non-negative quantity, rounded up.
BpsUp(n, bps) == CeilDiv(n * bps, BPS)

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S : TRUE
                      IN  f[x] + SumOver(f, S \ {x})

(* Margin arithmetic on explicit values, so that pre- and post-states use  *)
(* one definition.  c: quote balance, p: position, px: oracle price.       *)
EquityOf(c, p, px)  == c + p * px
NotionalOf(p, px)   == Abs(p) * px
ImReqOf(p, px)      == BpsUp(NotionalOf(p, px), ImBps)
MmReqOf(p, px)      == BpsUp(NotionalOf(p, px), MmBps)

Equity(a)  == EquityOf(coll[a], pos[a], price)
ImReq(a)   == ImReqOf(pos[a], price)
MmReq(a)   == MmReqOf(pos[a], price)

(* dYdX v4: an account is liquidatable iff its net collateral is below its *)
(* maintenance margin requirement.                                         *)
Liquidatable(a) == Equity(a) < MmReq(a)
Flat(a) == pos[a] = 0

InBounds(c, p) == Abs(c) <= MaxCollateral /\ Abs(p) <= MaxLots

(* Would an account that goes from (c0, p0) to (c1, p1) at the oracle     *)
(* price be allowed to?  Either it meets initial margin afterwards, or the *)
(* change only reduces risk: it was not liquidatable, its position shrinks *)
(* without flipping side, and its margin surplus over maintenance does not *)
(* fall.  (dYdX v4 lets an under-collateralised subaccount trade only if    *)
(* its collateralisation does not get worse.)                              *)
AcceptableOf(c0, p0, c1, p1) ==
    LET e0 == EquityOf(c0, p0, price)
        e1 == EquityOf(c1, p1, price)
        m0 == MmReqOf(p0, price)
        m1 == MmReqOf(p1, price)
    IN  \/ e1 >= ImReqOf(p1, price)
        \/ /\ p0 * p1 >= 0
           /\ Abs(p1) < Abs(p0)
           /\ e0 >= m0
           /\ e1 - m1 >= e0 - m0

(* A trade price lies within BandBps of the oracle price. *)
InBand(px) == Abs(px - price) * BPS <= BandBps * price

(* The deficit of a bankrupt account (equity < 0), which the insurance    *)
(* fund pays when the account is liquidated; zero otherwise.               *)
Deficit(a) == Max(0, -Equity(a))

(* Bankruptcy-price slack: how far from the oracle price a position of    *)
(* |pos[a]| lots can be closed before the account's equity reaches zero,  *)
(* rounded down (towards the oracle price, in the protocol's favour).     *)
(* Zero for a bankrupt account (equity + deficit = 0).                     *)
Slack(a) == (Equity(a) + Deficit(a)) \div Abs(pos[a])

(* Prices at which a liquidator may take over a's position: between the   *)
(* oracle price and the bankruptcy price (dYdX v4 fillable price).  For a  *)
(* bankrupt account, whose closed lots' deficit the fund pays, that is the *)
(* oracle price.                                                           *)
LiquidationPrices(a) ==
    IF pos[a] > 0 THEN Max(MinPrice, price - Slack(a))..price
    ELSE price..Min(MaxPrice, price + Slack(a))

(* Liquidation sizes: all of the position, or part of it leaving at least *)
(* DustLots (no dust positions).                                           *)
LiquidationSizes(a) ==
    {q \in 1..Abs(pos[a]) : Abs(pos[a]) - q = 0 \/ Abs(pos[a]) - q >= DustLots}

(* The part of a's deficit that the insurance fund pays when q of a's     *)
(* |pos[a]| lots are liquidated: the closed lots' pro-rata share, rounded  *)
(* up.  The liquidator trades at the oracle price and the closed lots leave *)
(* a at its bankruptcy price, the fund paying the difference (dYdX v4).    *)
(* Equivalently, a keeps coll[a] - floor(coll[a] * q / |pos[a]|) (as in   *)
(* Deleverage), which lies between 0 and coll[a]: a liquidation never      *)
(* creates a balance beyond what the remaining lots carried (README,       *)
(* Finding 4).  The remaining lots keep the rest of the deficit, at most    *)
(* their share, so a stays bankrupt until it is flat (or the price turns). *)
(* q = |pos[a]| pays the whole deficit.                                     *)
ClosedDeficit(a, q) == CeilDiv(Deficit(a) * q, Abs(pos[a]))

(* Can the insurance fund cover a's deficit?  (A non-negative equity has  *)
(* no deficit to cover.)                                                   *)
InsuranceCovers(a) == insurance + Equity(a) >= 0

(* Deleveraging counterparties: accounts on the opposite side, most       *)
(* profitable first; profit is net collateral at the oracle price (the     *)
(* quote balance nets realised and unrealised PnL).  Ties: any of them.    *)
(* A deleveraging step against c closes DeleverageLots(a, c) lots, which   *)
(* carry DeleverageDelta(a, c) of a's balance (its pro-rata share, rounded *)
(* down) to c.  MaxCollateral is the engine's capacity for one balance: an *)
(* opposite account that cannot take the step within it (CanAbsorb false) *)
(* is passed over, like a deposit it could not take, and the most          *)
(* profitable of those that can is chosen (README, Finding 5).            *)
Opposite(a, c) == c # a /\ pos[c] * pos[a] < 0
DeleverageLots(a, c) == Min(Abs(pos[a]), Abs(pos[c]))
DeleverageDelta(a, c) == (coll[a] * DeleverageLots(a, c)) \div Abs(pos[a])
CanAbsorb(a, c) ==
    /\ Opposite(a, c)
    /\ InBounds(coll[c] + DeleverageDelta(a, c),
                pos[c] + Sign(pos[a]) * DeleverageLots(a, c))
MostProfitableOpposite(a, c) ==
    /\ CanAbsorb(a, c)
    /\ \A d \in Accounts : CanAbsorb(a, d) => Equity(d) <= Equity(c)

-----------------------------------------------------------------------------
(* Enabling conditions, one operator per action, so that each guard is    *)
(* stated once (and a vacuity config can replace exactly one of them).     *)

DepositGuard(a, x) ==
    /\ x > 0
    /\ coll[a] + x <= MaxCollateral
    /\ netDeposits + x <= MaxNetDeposits

(* Withdrawal gating (dYdX v4 gates withdrawals while a subaccount with    *)
(* negative net collateral is outstanding): nobody withdraws while some     *)
(* account is bankrupt, so no one can take out profit that is backed only   *)
(* by another account's unpaid deficit.                                    *)
NoBankruptAccount == \A b \in Accounts : Equity(b) >= 0

WithdrawGuard(a, x) ==
    /\ ~halted
    /\ x > 0
    /\ NoBankruptAccount
    /\ Abs(coll[a] - x) <= MaxCollateral
    /\ EquityOf(coll[a] - x, pos[a], price) >= ImReqOf(pos[a], price)

TradeGuard(b, s, q, px) ==
    LET cb == coll[b] - q * px
        pb == pos[b] + q
        cs == coll[s] + q * px
        ps == pos[s] - q
    IN  /\ ~halted
        /\ b # s
        /\ q \in 1..MaxTradeLots
        /\ px \in MinPrice..MaxPrice
        /\ InBand(px)
        /\ InBounds(cb, pb) /\ InBounds(cs, ps)
        /\ AcceptableOf(coll[b], pos[b], cb, pb)
        /\ AcceptableOf(coll[s], pos[s], cs, ps)

SetPriceGuard(px) ==
    /\ px \in MinPrice..MaxPrice
    /\ px # price \/ halted
    /\ Abs(px - price) <= MaxPriceStep

LiquidateGuard(a, l, q, px) ==
    LET s   == Sign(pos[a])
        cl  == coll[l] - s * q * px
        pl  == pos[l] + s * q
    IN  /\ ~halted
        /\ Liquidatable(a)
        /\ pos[a] # 0
        /\ l # a
        /\ Equity(a) < 0 => InsuranceCovers(a)
        /\ q \in LiquidationSizes(a)
        /\ px \in LiquidationPrices(a)
        /\ InBounds(cl, pl)
        /\ AcceptableOf(coll[l], pos[l], cl, pl)

DeleverageGuard(a, c) ==
    /\ ~halted
    /\ pos[a] # 0
    /\ Equity(a) < 0
    /\ ~InsuranceCovers(a)
    /\ MostProfitableOpposite(a, c)

HaltGuard == ~halted

-----------------------------------------------------------------------------
(* The state as one record, and each action's effect on it.  Every       *)
(* XEffect is the record of the state after action X (its guard assumed);  *)
(* the actions below assign it.  The ledger (spec/ledger) applies exactly   *)
(* these effects, through INSTANCE, to a replica's state held as a record.  *)

MState == [coll |-> coll, pos |-> pos, price |-> price, insurance |-> insurance,
           netDeposits |-> netDeposits, halted |-> halted]

InitMState == [coll |-> [a \in Accounts |-> 0], pos |-> [a \in Accounts |-> 0],
               price |-> InitPrice, insurance |-> 0, netDeposits |-> 0,
               halted |-> FALSE]

SetMState(e) == /\ coll' = e.coll /\ pos' = e.pos /\ price' = e.price
                /\ insurance' = e.insurance /\ netDeposits' = e.netDeposits
                /\ halted' = e.halted

DepositEffect(a, x) ==
    [MState EXCEPT !.coll = [coll EXCEPT ![a] = @ + x],
                   !.netDeposits = netDeposits + x]

WithdrawEffect(a, x) ==
    [MState EXCEPT !.coll = [coll EXCEPT ![a] = @ - x],
                   !.netDeposits = netDeposits - x]

TradeEffect(b, s, q, px) ==
    [MState EXCEPT !.coll = [coll EXCEPT ![b] = @ - q * px, ![s] = @ + q * px],
                   !.pos = [pos EXCEPT ![b] = @ + q, ![s] = @ - q]]

SetPriceEffect(px) == [MState EXCEPT !.price = px, !.halted = FALSE]

HaltEffect == [MState EXCEPT !.halted = TRUE]

LiquidateEffect(a, l, q, px) ==
    LET s     == Sign(pos[a])
        cover == ClosedDeficit(a, q)           \* paid by the insurance fund
        ca    == coll[a] + cover + s * q * px  \* a's balance after the fill
        pa    == pos[a] - s * q
        ea    == EquityOf(ca, pa, price)       \* >= 0 by the band; <= 0 if bankrupt
        fee   == Min(BpsUp(q * px, FeeBps), Max(ea, 0))
    IN  [MState EXCEPT !.coll = [coll EXCEPT ![a] = ca - fee, ![l] = @ - s * q * px],
                       !.pos = [pos EXCEPT ![a] = pa, ![l] = @ + s * q],
                       !.insurance = insurance - cover + fee]

DeleverageEffect(a, c) ==
    LET s     == Sign(pos[a])
        q     == DeleverageLots(a, c)
        delta == DeleverageDelta(a, c)
    IN  [MState EXCEPT !.coll = [coll EXCEPT ![a] = @ - delta, ![c] = @ + delta],
                       !.pos = [pos EXCEPT ![a] = @ - s * q, ![c] = @ + s * q]]

-----------------------------------------------------------------------------
(* Actions *)

Init ==
    /\ coll = InitMState.coll
    /\ pos = InitMState.pos
    /\ price = InitMState.price
    /\ insurance = InitMState.insurance
    /\ netDeposits = InitMState.netDeposits
    /\ halted = InitMState.halted
    /\ lastAction = [name |-> "Init"]

(* Deposit(a, x): x quote units enter account a from outside. *)
Deposit(a, x) ==
    /\ DepositGuard(a, x)
    /\ SetMState(DepositEffect(a, x))
    /\ lastAction' = [name |-> "Deposit", account |-> a, amount |-> x]

(* Withdraw(a, x): x quote units leave account a, only if a still meets   *)
(* initial margin afterwards (for a flat account: its balance stays >= 0)  *)
(* and no account is bankrupt (withdrawal gating).                         *)
Withdraw(a, x) ==
    /\ WithdrawGuard(a, x)
    /\ SetMState(WithdrawEffect(a, x))
    /\ lastAction' = [name |-> "Withdraw", account |-> a, amount |-> x]

(* Trade(b, s, q, px): buyer b buys q lots from seller s at px ticks; px  *)
(* within the band around the oracle price; each side meets initial margin *)
(* afterwards unless the trade only reduces its risk.                      *)
Trade(b, s, q, px) ==
    /\ TradeGuard(b, s, q, px)
    /\ SetMState(TradeEffect(b, s, q, px))
    /\ lastAction' = [name |-> "Trade", buyer |-> b, seller |-> s,
                      lots |-> q, price |-> px]

(* SetPrice(px): a fresh oracle aggregate, at most MaxPriceStep ticks     *)
(* from the last one; it lifts a halt (then it may repeat the last price). *)
SetPrice(px) ==
    /\ SetPriceGuard(px)
    /\ SetMState(SetPriceEffect(px))
    /\ lastAction' = [name |-> "SetPrice", price |-> px]

(* Halt: the oracle price went stale (too little fresh reporter weight,    *)
(* or the last aggregate expired): the market halts until the next price.  *)
Halt ==
    /\ HaltGuard
    /\ SetMState(HaltEffect)
    /\ lastAction' = [name |-> "Halt"]

(* Liquidate(a, l, q, px): liquidator l takes over q lots of a's position  *)
(* at px.  Only a liquidatable account (dYdX v4: net collateral below the  *)
(* maintenance requirement).  With equity >= 0 the fill lies between the   *)
(* oracle and the bankruptcy price, so a's equity stays >= 0; a fee of     *)
(* FeeBps of the liquidated notional, capped by the equity left, goes to   *)
(* the insurance fund.  A bankrupt account (equity < 0), whose whole      *)
(* deficit the insurance fund must be able to cover, is liquidated at the  *)
(* oracle price, in one or more parts; for each part the fund pays the     *)
(* closed lots' share of the deficit (ClosedDeficit), so those lots leave  *)
(* at the bankruptcy price.  The guard Liquidatable(a) stops partial       *)
(* liquidation as soon as a is back above maintenance.                     *)
Liquidate(a, l, q, px) ==
    /\ LiquidateGuard(a, l, q, px)
    /\ SetMState(LiquidateEffect(a, l, q, px))
    /\ lastAction' = [name |-> "Liquidate", account |-> a, liquidator |-> l,
                      lots |-> q, price |-> px]

(* Deleverage(a, c): a's equity is negative and the insurance fund cannot *)
(* cover it, so a's position is closed against c, the most profitable     *)
(* account on the opposite side that can take the step within the bounds, *)
(* at a's bankruptcy price: the lots closed carry their pro-rata share of  *)
(* a's quote balance (rounded down), so once a is flat its balance is      *)
(* exactly zero.                                                           *)
Deleverage(a, c) ==
    /\ DeleverageGuard(a, c)
    /\ SetMState(DeleverageEffect(a, c))
    /\ lastAction' = [name |-> "Deleverage", account |-> a, counterparty |-> c]

Next ==
    \/ \E a \in Accounts, x \in Amounts : Deposit(a, x)
    \/ \E a \in Accounts, x \in Amounts : Withdraw(a, x)
    \/ \E b, s \in Accounts, q \in 1..MaxTradeLots, px \in MinPrice..MaxPrice :
           Trade(b, s, q, px)
    \/ \E px \in MinPrice..MaxPrice : SetPrice(px)
    \/ Halt
    \/ \E a, l \in Accounts, q \in 1..MaxLots, px \in MinPrice..MaxPrice :
           Liquidate(a, l, q, px)
    \/ \E a, c \in Accounts : Deleverage(a, c)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

\* netDeposits >= 0 rests on withdrawal gating: without it a winner could
\* withdraw profit owed by a bankrupt account (README, Finding 3).
TypeOK ==
    /\ coll \in [Accounts -> -MaxCollateral..MaxCollateral]
    /\ pos \in [Accounts -> -MaxLots..MaxLots]
    /\ price \in MinPrice..MaxPrice
    /\ insurance \in Int
    /\ netDeposits \in 0..MaxNetDeposits
    /\ halted \in BOOLEAN

(* Value conservation: what the accounts hold plus the insurance fund     *)
(* equals deposits minus withdrawals, exactly.                             *)
Conservation == SumOver(coll, Accounts) + insurance = netDeposits

(* Open interest is balanced: every long lot has a short lot. *)
OpenInterestBalanced == SumOver(pos, Accounts) = 0

InsuranceNonNegative == insurance >= 0

(* NOT an invariant, kept for the record (spec/margin/README.md, Findings): *)
(* "a flat account never carries a deficit" fails because a deleveraging    *)
(* counterparty takes its pro-rata share of the bankrupt account's deficit, *)
(* which can exceed its own equity, and may end flat with a negative        *)
(* balance.  TLC finds this with wider bounds than MC (e.g. Trace.cfg).     *)
(* What does hold, and is checked, is FlatNeverAbsorbsLosses below: an     *)
(* account without a position is never made to pay for anyone's losses.    *)
FlatNoDeficit == \A a \in Accounts : Flat(a) => coll[a] >= 0

(* Deleveraging is blocked only by the bounds: whenever a bankrupt account *)
(* needs deleveraging (the fund cannot cover it) and some opposite account *)
(* can take the step within the bounds, a Deleverage step for it is        *)
(* enabled.  (Under the earlier rank, which named the most profitable      *)
(* opposite account even when the bounds kept it out, it was not:         *)
(* README, Finding 5.)  When no opposite account can, deleveraging waits.  *)
DeleverageProgress ==
    \A a \in Accounts :
        (~halted /\ pos[a] # 0 /\ Equity(a) < 0 /\ ~InsuranceCovers(a)
         /\ \E c \in Accounts : CanAbsorb(a, c))
        => \E c \in Accounts : ENABLED Deleverage(a, c)

(* A withdrawal never leaves the account below initial margin. *)
WithdrawalKeepsInitialMargin ==
    lastAction.name = "Withdraw" =>
        Equity(lastAction.account) >= ImReq(lastAction.account)

-----------------------------------------------------------------------------
(* Action properties *)

(* No healthy account is ever liquidated. *)
NoHealthyLiquidation ==
    [][lastAction'.name = "Liquidate" => Liquidatable(lastAction'.account)]_vars

(* No account is deleveraged while the insurance fund could cover it. *)
NoNeedlessDeleverage ==
    [][lastAction'.name = "Deleverage" =>
           ~InsuranceCovers(lastAction'.account)]_vars

(* The halted-market policy: nothing is valued against a stale price --   *)
(* no withdrawal, trade, liquidation or deleveraging while halted.        *)
NoActionOnStalePrice ==
    [][lastAction'.name \in {"Withdraw", "Trade", "Liquidate", "Deleverage"} =>
           ~halted]_vars

(* Flat accounts never absorb losses: an account that is flat and is not  *)
(* itself depositing, withdrawing, trading or liquidating keeps its        *)
(* balance and stays flat (deleveraging only touches opposite positions).  *)
Actor(a) ==
    \/ lastAction'.name \in {"Deposit", "Withdraw"} /\ lastAction'.account = a
    \/ lastAction'.name = "Trade" /\ a \in {lastAction'.buyer, lastAction'.seller}
    \/ lastAction'.name = "Liquidate" /\ lastAction'.liquidator = a
FlatNeverAbsorbsLosses ==
    [][\A a \in Accounts : Flat(a) /\ ~Actor(a) =>
           coll'[a] = coll[a] /\ pos'[a] = 0]_vars

-----------------------------------------------------------------------------
(* Liveness: with fairness on liquidation and deleveraging, and once      *)
(* prices stop moving and the market is no longer halted (a halted market  *)
(* liquidates nothing), every liquidatable account eventually becomes      *)
(* healthy or flat.  (A bankrupt account is liquidated in parts once the *)
(* fund has paid its deficit, so an opposite side split across accounts    *)
(* can absorb it: README, Finding 1.)                                      *)

LiquidateAny(a) == \E l \in Accounts, q \in 1..MaxLots, px \in MinPrice..MaxPrice :
                       Liquidate(a, l, q, px)
DeleverageAny(a) == \E c \in Accounts : Deleverage(a, c)
PriceMoves == \E px \in MinPrice..MaxPrice : SetPrice(px)

Fairness == \A a \in Accounts : SF_vars(LiquidateAny(a)) /\ SF_vars(DeleverageAny(a))

LiveSpec == Spec /\ Fairness

LiquidationProgress ==
    (<>[][~PriceMoves]_vars /\ <>[]~halted) =>
        \A a \in Accounts : Liquidatable(a) ~> (~Liquidatable(a) \/ Flat(a))

=============================================================================
