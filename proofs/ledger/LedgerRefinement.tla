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
(*                                                                         *)
(* Governance (RefinementGov.cfg: blocks with governance transactions).    *)
(* Margin.tla has constant rates and no way for money to leave the fund,   *)
(* so with governance the engine refines Margin piecewise, and the two     *)
(* governed changes are explicit steps of the refinement:                  *)
(*   - every step is a Margin step AT THE RATES IN FORCE before it (Margin  *)
(*     instantiated with s.g.params); the rates change only in the block's *)
(*     "govend" step, which leaves the engine's state unchanged (a stutter *)
(*     for Margin), so between two changes the engine is a behaviour of    *)
(*     Margin with constant rates (ParamsAtBlockBoundary);                 *)
(*   - a governance withdrawal is the step GovWithdraw: insurance and      *)
(*     netDeposits fall by the amount and nothing else of the engine moves *)
(*     (so Conservation is kept), leaving at least the floor (GovFundFloor).*)
(* The oracle likewise runs at the stakes in force (Oracle instantiated    *)
(* with the heavy reporters of s.g.stake).                                 *)
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

M(r) == INSTANCE Margin WITH coll <- s.m.coll, pos <- s.m.pos, price <- s.m.price,
         insurance <- s.m.insurance, netDeposits <- s.m.netDeposits,
         halted <- s.m.halted, lastAction <- mLast,
         ImBps <- r.p.im, MmBps <- r.p.mm, FeeBps <- r.p.fee
O(r) == INSTANCE Oracle WITH Faulty <- Reporters, MaxStep <- 0,
         InitTruePrice <- LedgerTruePrice, Heavy <- r.h,
         round <- s.o.round, truePrice <- s.o.truePrice, reports <- s.o.reports,
         rel <- s.o.rel, price <- s.o.price, priceRound <- s.o.priceRound,
         pending <- s.o.pending, pendingRound <- s.o.pendingRound,
         aggregated <- s.o.aggregated, evidence <- s.o.evidence,
         lastAction <- oLast

RInit ==
    /\ s = Genesis
    /\ blk = <<>> /\ i = 1 /\ phase = "idle" /\ acct = 1 /\ base = Genesis
    /\ mLast = [name |-> "Halt"] /\ oLast = [name |-> "Init"]

\* The blocks a replica applies (RefinementGov.cfg: RBlocks <- MCGovStepBlocks).
RBlocks == MCBlocks

\* The margin and oracle action records of one transaction applied in s
\* (a governance withdrawal: GovWithdraw; other governance steps: none).
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
       /\ IF TxCode(s, t) = Applied /\ t.type \notin {"Report"} \cup GovTypes
          THEN mLast' = MAction(t)
          ELSE IF TxCode(s, t) = Applied /\ s'.m # s.m
          THEN mLast' = [name |-> "GovWithdraw", amount |-> s.m.insurance - s'.m.insurance]
          ELSE UNCHANGED mLast
       /\ IF TxCode(s, t) = Applied /\ t.type = "Report"
          THEN oLast' = [name |-> "Report", r |-> t.signer, px |-> t.price]
          ELSE UNCHANGED oLast
    /\ i' = i + 1
    /\ UNCHANGED <<blk, phase, acct, base>>

TxsDone ==
    /\ phase = "txs" /\ i > Len(blk)
    /\ phase' = "govend"
    /\ UNCHANGED <<s, blk, i, acct, base, mLast, oLast>>

\* Governance's block end: a pending rate change takes effect, queued
\* proposals wait one more block.  The engine's state does not move.
GovEndStep ==
    /\ phase = "govend"
    /\ s' = GovEndBlock(s)
    /\ phase' = "aggregate"
    /\ UNCHANGED <<blk, i, acct, base, mLast, oLast>>

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
    /\ DeleverageTarget(s, acct) # 0
    /\ s' = [s EXCEPT !.m = DeleverageStep(s, acct)]
    /\ mLast' = [name |-> "Deleverage", account |-> acct,
                 counterparty |-> DeleverageTarget(s, acct)]
    /\ UNCHANGED <<blk, i, phase, acct, base, oLast>>

DeleverageDone ==
    /\ phase = "deleverage"
    /\ DeleverageTarget(s, acct) = 0
    /\ phase' = "backstop"
    /\ UNCHANGED <<s, blk, i, acct, base, mLast, oLast>>

\* The backstop's liquidation of the current account, then the next account;
\* after the last account the block is done and its height counted.
BackstopOne ==
    /\ phase = "backstop"
    /\ s' = [s EXCEPT !.m = BackstopStep(s, acct),
                       !.height = IF acct = NumAccounts THEN @ + 1 ELSE @]
    /\ IF BackstopLots(s, acct) > 0
       THEN mLast' = [name |-> "Liquidate", account |-> acct, liquidator |-> Backstop,
                      lots |-> BackstopLots(s, acct), price |-> s.m.price]
       ELSE UNCHANGED mLast
    /\ IF acct < NumAccounts
       THEN phase' = "deleverage" /\ acct' = acct + 1
       ELSE phase' = "idle" /\ acct' = 1
    /\ UNCHANGED <<blk, i, base, oLast>>

RNext ==
    \/ \E b \in RBlocks : StartBlock(b)
    \/ TxStep \/ TxsDone \/ GovEndStep \/ AggregateStep \/ AdvanceStep
    \/ DeleverageOne \/ DeleverageDone \/ BackstopOne

RSpec == RInit /\ [][RNext]_rvars

-----------------------------------------------------------------------------
(* What TLC checks *)

\* The margin engine: from Margin's Init followed by Halt, every step a
\* Margin action at the rates in force, a governance withdrawal, or no change
\* to the engine.
MarginInitRefined == s.m = [M(GenesisRules)!InitMState EXCEPT !.halted = TRUE]
                     /\ mLast = [name |-> "Halt"]
GovWithdraw ==
    /\ mLast'.name = "GovWithdraw"
    /\ s'.m = [s.m EXCEPT !.insurance = @ - mLast'.amount, !.netDeposits = @ - mLast'.amount]
MarginRefinement == [][(\E r \in {Rules(s)} : M(r)!Next) \/ GovWithdraw \/ UNCHANGED <<s.m, mLast>>]_rvars

\* The oracle: from Oracle's Init, every step an Oracle action (at the stakes
\* in force) or no change.
OracleInitRefined == O(GenesisRules)!Init
OracleRefinement == [][(\E r \in {Rules(s)} : O(r)!Next) \/ UNCHANGED <<s.o, oLast>>]_rvars

\* At every block boundary, the state is ApplyBlock of the last boundary's.
BoundaryIsApplyBlock == phase = "idle" /\ blk # <<>> => s = ApplyBlock(base, blk)

\* The margin rates change only at the block's end (its "govend" step).
ParamsAtBlockBoundary == [][s'.g.params # s.g.params => phase = "govend"]_rvars

\* A governance transaction never takes the insurance fund below its floor
\* (the engine's own deficits may; governance then cannot withdraw).
GovFundFloor ==
    [][phase = "txs" /\ i <= Len(blk) /\ blk[i].type \in GovTypes /\ s'.m.insurance < s.m.insurance
         => s'.m.insurance >= Gov.floor]_rvars

\* Witness (vacuity/WitnessGovStory.cfg must FAIL on it): four governance
\* nonces are consumed -- the rate rise, the cancellation, the stake change and
\* the withdrawal all happen in RefinementGov.cfg's blocks.
NoFullGovStory == s.g.nonce < 4

\* The replica invariants hold at every step, not only at block boundaries.
StepInvariants ==
    /\ MarginInvariants(s) /\ OracleInvariants(s) /\ GovernanceInvariants(s) /\ NoReplayIn(s)
=============================================================================
