---------------------------- MODULE OracleMargin ----------------------------
(***************************************************************************)
(* The oracle composed with the margin engine (spec/margin/Margin.tla,     *)
(* unchanged): prices reach the engine's SetPrice only through the         *)
(* oracle's aggregate, and the engine halts whenever the oracle has no     *)
(* usable price.                                                           *)
(*                                                                         *)
(* The glue is the shell's rule, one composed step per oracle event:       *)
(*   - an Aggregate that accepts a price p calls SetPrice(p) in the same   *)
(*     step (unless the engine already runs at p); a held aggregate does   *)
(*     not touch the engine;                                               *)
(*   - an AdvanceRound after which the oracle has no usable price (the     *)
(*     last aggregate expired) calls Halt in the same step;                *)
(*   - the engine's own actions (Deposit, Withdraw, Trade, Liquidate,      *)
(*     Deleverage) interleave freely and leave the oracle unchanged.       *)
(* The engine starts halted: the state Margin reaches from its Init by     *)
(* Halt, since the oracle has produced no price yet.                       *)
(*                                                                         *)
(* Checked (MCOracleMargin.cfg): the engine's price is always the oracle's *)
(* usable price unless the market is halted, and the market is halted     *)
(* only when there is no usable price; the engine's own invariants and    *)
(* action properties; the oracle's (HonestRange over stake: a coalition   *)
(* with at most a third of the stake cannot feed the engine a price       *)
(* outside the honest reports' range); the glue never blocks an aggregate. *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    \* oracle (spec/oracle/Oracle.tla)
    Reporters, Heavy, HeavyStake, Faulty, MaxRel, Penalty,
    Tol, Band, MaxStep, MaxJump, StaleRounds, MaxRound, InitTruePrice,
    \* shared: the price grid in ticks
    MinPrice, MaxPrice,
    \* margin engine (spec/margin/Margin.tla)
    Accounts, Amounts, MaxTradeLots, MaxLots, MaxCollateral, MaxNetDeposits,
    InitPrice, MaxPriceStep, ImBps, MmBps, FeeBps, BandBps, DustLots

VARIABLES
    round, truePrice, reports, rel, price, priceRound, pending,
    pendingRound, aggregated, evidence, lastAction,          \* oracle
    coll, pos, mprice, insurance, netDeposits, halted, mLastAction  \* engine

ovars == <<round, truePrice, reports, rel, price, priceRound, pending,
           pendingRound, aggregated, evidence, lastAction>>
mvars == <<coll, pos, mprice, insurance, netDeposits, halted, mLastAction>>
allvars == <<ovars, mvars>>

O == INSTANCE Oracle
M == INSTANCE Margin WITH price <- mprice, lastAction <- mLastAction

Init ==
    /\ O!Init
    /\ coll = [a \in Accounts |-> 0]
    /\ pos = [a \in Accounts |-> 0]
    /\ mprice = InitPrice
    /\ insurance = 0
    /\ netDeposits = 0
    /\ halted = TRUE
    /\ mLastAction = [name |-> "Halt"]

\* Oracle events, with the engine following in the same step.
OReport(r, px) == O!Report(r, px) /\ UNCHANGED mvars

Accepted == priceRound' = round    \* in an Aggregate step: m was accepted

OAggregate ==
    /\ O!Aggregate
    /\ IF Accepted /\ ~(~halted /\ price' = mprice)
       THEN M!SetPrice(price')
       ELSE UNCHANGED mvars

OAdvanceRound(tp) ==
    /\ O!AdvanceRound(tp)
    /\ IF ~(O!Usable)' /\ ~halted THEN M!Halt ELSE UNCHANGED mvars

\* The engine's own actions.
MStep ==
    /\ \/ \E a \in Accounts, x \in Amounts : M!Deposit(a, x)
       \/ \E a \in Accounts, x \in Amounts : M!Withdraw(a, x)
       \/ \E b, s \in Accounts, q \in 1..MaxTradeLots, px \in MinPrice..MaxPrice :
              M!Trade(b, s, q, px)
       \/ \E a, l \in Accounts, q \in 1..MaxLots, px \in MinPrice..MaxPrice :
              M!Liquidate(a, l, q, px)
       \/ \E a, c \in Accounts : M!Deleverage(a, c)
    /\ UNCHANGED ovars

Next ==
    \/ \E r \in Reporters, px \in MinPrice..MaxPrice : OReport(r, px)
    \/ OAggregate
    \/ \E tp \in MinPrice..MaxPrice : OAdvanceRound(tp)
    \/ MStep

Spec == Init /\ [][Next]_allvars

-----------------------------------------------------------------------------
(* The engine's price is the oracle's usable price, or the market is      *)
(* halted: nothing is ever valued against a stale or unaggregated price   *)
(* (with M!NoActionOnStalePrice: no withdrawal, trade, liquidation or     *)
(* deleveraging while halted).                                             *)
EnginePriceUsable == ~halted => (O!Usable /\ mprice = price)

(* The market is halted only when the oracle has no usable price.         *)
HaltOnlyWithoutPrice == halted => ~O!Usable

(* The engine's price changes only to a usable oracle aggregate.           *)
PriceOnlyFromOracle ==
    [][mprice' # mprice => (O!Usable)' /\ mprice' = price']_allvars

(* The glue never blocks the oracle: whenever the oracle can aggregate,   *)
(* the composed aggregate step (with its SetPrice) can happen too.  This   *)
(* needs the engine's SetPrice step bound MaxPriceStep to cover the price  *)
(* grid: a confirmed aggregate may jump by more than MaxJump, and the      *)
(* first price after a halt by any amount.  (ENABLED is costly for TLC:    *)
(* MCOracleMarginBlocked.cfg checks this at smaller bounds.)               *)
AggregateNeverBlocked == ENABLED O!Aggregate => ENABLED OAggregate

\* The components' own properties, on the composed behaviours.
MarginTypeOK == M!TypeOK
MarginConservation == M!Conservation
MarginInsuranceNonNegative == M!InsuranceNonNegative
OracleTypeOK == O!TypeOK
NoActionOnStalePrice == M!NoActionOnStalePrice
NoHealthyLiquidation == M!NoHealthyLiquidation
\* Over stake: with at most a third of the stake faulty, every aggregate the
\* engine can be fed lies in the honest range, whatever the reporting history.
HonestRange == O!HonestRange
OracleHonestFullWeight == O!HonestFullWeight
OracleFaultyWeightShare == O!FaultyWeightShare
=============================================================================
