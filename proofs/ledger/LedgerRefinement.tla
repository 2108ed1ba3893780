--------------------------- MODULE LedgerRefinement ---------------------------
(***************************************************************************)
(* Refinement: a replica applying blocks is the margin engine and the      *)
(* oracle running their own specs.                                         *)
(*                                                                         *)
(* One replica applies any sequence of the model's blocks (LedgerModel),   *)
(* one step at a time: each transaction, the two halves of the round's     *)
(* close, and each step of the liquidation pass (one deleveraging or one   *)
(* backstop liquidation).  Every step records the Margin and Oracle action *)
(* it performs (mLast, oLast); TLC checks that                             *)
(*   - the margin part of the state, with mLast as lastAction, is a        *)
(*     behaviour of spec/margin/Margin.tla from its Init followed by Halt  *)
(*     (the ledger starts halted, as spec/oracle/OracleMargin.tla does):   *)
(*     every step is a Margin action or leaves the engine unchanged;       *)
(*   - the oracle part, with oLast, is a behaviour of spec/oracle/Oracle.tla *)
(*     (with every reporter unconstrained: the ledger admits any signed    *)
(*     report);                                                            *)
(*   - at every block boundary the state is LedgerApp's ApplyBlock of the  *)
(*     previous boundary's state: the step-by-step application is the      *)
(*     function every replica of Ledger.tla runs.                          *)
(***************************************************************************)
EXTENDS LedgerModel

CONSTANT MaxBlocks

VARIABLES
    s,        \* the replica's state record
    blk,      \* the block being applied
    i,        \* next transaction of blk
    phase,    \* "idle" | "txs" | "aggregate" | "advance" | "deleverage" | "backstop"
    acct,     \* the liquidation pass's current account
    base,     \* the state when blk began
    mLast,    \* the Margin action of the last step (Margin's lastAction)
    oLast     \* the Oracle action of the last step (Oracle's lastAction)

rvars == <<s, blk, i, phase, acct, base, mLast, oLast>>

M == INSTANCE Margin WITH coll <- s.m.coll, pos <- s.m.pos, price <- s.m.price,
         insurance <- s.m.insurance, netDeposits <- s.m.netDeposits,
         halted <- s.m.halted, lastAction <- mLast
O == INSTANCE Oracle WITH Faulty <- Reporters, MaxStep <- 0,
         InitTruePrice <- LedgerTruePrice,
         round <- s.o.round, truePrice <- s.o.truePrice, reports <- s.o.reports,
         rel <- s.o.rel, price <- s.o.price, priceRound <- s.o.priceRound,
         pending <- s.o.pending, pendingRound <- s.o.pendingRound,
         aggregated <- s.o.aggregated, evidence <- s.o.evidence,
         lastAction <- oLast

RInit ==
    /\ s = Genesis
    /\ blk = <<>> /\ i = 1 /\ phase = "idle" /\ acct = 1 /\ base = Genesis
    /\ mLast = [name |-> "Halt"] /\ oLast = [name |-> "Init"]

\* The margin and oracle action records of one transaction applied in s.
MAction(t) ==
    CASE t.type = "Deposit"   -> [name |-> "Deposit", account |-> t.signer, amount |-> t.amount]
      [] t.type = "Withdraw"  -> [name |-> "Withdraw", account |-> t.signer, amount |-> t.amount]
      [] t.type = "Trade"     -> [name |-> "Trade", buyer |-> t.signer, seller |-> t.seller,
                                  lots |-> t.lots, price |-> t.price]
      [] t.type = "Liquidate" -> [name |-> "Liquidate", account |-> t.account,
                                  liquidator |-> t.signer, lots |-> t.lots, price |-> t.price]

StartBlock(b) ==
    /\ phase = "idle" /\ s.height < MaxBlocks
    /\ blk' = b /\ i' = 1 /\ phase' = "txs" /\ base' = s
    /\ s' = [s EXCEPT !.codes = <<>>]
    /\ UNCHANGED <<acct, mLast, oLast>>

TxStep ==
    /\ phase = "txs" /\ i <= Len(blk)
    /\ LET t == blk[i] IN
       /\ s' = ApplyTx(s, t)
       /\ IF TxCode(s, t) = Applied /\ t.type # "Report"
          THEN mLast' = MAction(t) ELSE UNCHANGED mLast
       /\ IF TxCode(s, t) = Applied /\ t.type = "Report"
          THEN oLast' = [name |-> "Report", r |-> t.signer, px |-> t.price]
          ELSE UNCHANGED oLast
    /\ i' = i + 1
    /\ UNCHANGED <<blk, phase, acct, base>>

TxsDone ==
    /\ phase = "txs" /\ i > Len(blk)
    /\ phase' = "aggregate"
    /\ UNCHANGED <<s, blk, i, acct, base, mLast, oLast>>

AggregateStep ==
    /\ phase = "aggregate"
    /\ s' = CloseAggregate(s)
    /\ IF s'.m # s.m THEN mLast' = [name |-> "SetPrice", price |-> s'.m.price]
       ELSE UNCHANGED mLast
    /\ IF s'.o # s.o THEN oLast' = [name |-> "Aggregate"] ELSE UNCHANGED oLast
    /\ phase' = "advance"
    /\ UNCHANGED <<blk, i, acct, base>>

AdvanceStep ==
    /\ phase = "advance"
    /\ s' = CloseAdvance(s)
    /\ IF s'.m # s.m THEN mLast' = [name |-> "Halt"] ELSE UNCHANGED mLast
    /\ IF s'.o # s.o THEN oLast' = [name |-> "AdvanceRound", tp |-> LedgerTruePrice]
       ELSE UNCHANGED oLast
    /\ phase' = "deleverage" /\ acct' = 1
    /\ UNCHANGED <<blk, i, base>>

\* One deleveraging of the current account, while there is a counterparty.
DeleverageOne ==
    /\ phase = "deleverage"
    /\ DeleverageTarget(s.m, acct) # 0
    /\ s' = [s EXCEPT !.m = DeleverageStep(s.m, acct)]
    /\ mLast' = [name |-> "Deleverage", account |-> acct,
                 counterparty |-> DeleverageTarget(s.m, acct)]
    /\ UNCHANGED <<blk, i, phase, acct, base, oLast>>

DeleverageDone ==
    /\ phase = "deleverage"
    /\ DeleverageTarget(s.m, acct) = 0
    /\ phase' = "backstop"
    /\ UNCHANGED <<s, blk, i, acct, base, mLast, oLast>>

\* The backstop's liquidation of the current account, then the next account;
\* after the last account the block is done and its height counted.
BackstopOne ==
    /\ phase = "backstop"
    /\ s' = [s EXCEPT !.m = BackstopStep(s.m, acct),
                       !.height = IF acct = NumAccounts THEN @ + 1 ELSE @]
    /\ IF BackstopLots(s.m, acct) > 0
       THEN mLast' = [name |-> "Liquidate", account |-> acct, liquidator |-> Backstop,
                      lots |-> BackstopLots(s.m, acct), price |-> s.m.price]
       ELSE UNCHANGED mLast
    /\ IF acct < NumAccounts
       THEN phase' = "deleverage" /\ acct' = acct + 1
       ELSE phase' = "idle" /\ acct' = 1
    /\ UNCHANGED <<blk, i, base, oLast>>

RNext ==
    \/ \E b \in MCBlocks : StartBlock(b)
    \/ TxStep \/ TxsDone \/ AggregateStep \/ AdvanceStep
    \/ DeleverageOne \/ DeleverageDone \/ BackstopOne

RSpec == RInit /\ [][RNext]_rvars

-----------------------------------------------------------------------------
(* What TLC checks *)

\* The margin engine: from Margin's Init followed by Halt, every step a
\* Margin action or no change to the engine.
MarginInitRefined == s.m = [M!InitMState EXCEPT !.halted = TRUE] /\ mLast = [name |-> "Halt"]
MarginRefinement == [][M!Next \/ UNCHANGED <<s.m, mLast>>]_rvars

\* The oracle: from Oracle's Init, every step an Oracle action or no change.
OracleInitRefined == O!Init
OracleRefinement == [][O!Next \/ UNCHANGED <<s.o, oLast>>]_rvars

\* At every block boundary, the state is ApplyBlock of the last boundary's.
BoundaryIsApplyBlock == phase = "idle" /\ blk # <<>> => s = ApplyBlock(base, blk)
=============================================================================
