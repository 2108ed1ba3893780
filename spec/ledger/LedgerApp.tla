------------------------------ MODULE LedgerApp ------------------------------
(***************************************************************************)
(* The Bulwark ledger's application: what one replica does with a decided  *)
(* block.  A replica's state is one record                                 *)
(*                                                                         *)
(*   [m |-> margin engine, o |-> oracle, nonce |-> [Signers -> Nat],        *)
(*    height |-> blocks applied, codes |-> result codes of the last block,  *)
(*    exec |-> [Txs -> Nat]]                                                *)
(*                                                                         *)
(* and applying a block is a function of that record and the block, so    *)
(* that every replica that applies the same blocks reaches the same state  *)
(* (spec/ledger/Ledger.tla checks it).  The margin engine and the oracle   *)
(* are spec/margin/Margin.tla and spec/oracle/Oracle.tla, reused through a *)
(* parameterised INSTANCE: MAt(m)!TradeGuard(b, s, q, px) is Margin's      *)
(* guard evaluated on the record m, MAt(m)!TradeEffect(b, s, q, px) the    *)
(* record after Margin's Trade.  Nothing of either module is copied.       *)
(* proofs/ledger checks by refinement that applying a block is a sequence  *)
(* of Margin actions (and stutters).                                       *)
(*                                                                         *)
(* Transactions (records; each names its signer, the chain and a nonce):   *)
(*   Deposit   [type, chain, signer: account, nonce, amount]               *)
(*   Withdraw  [type, chain, signer: account, nonce, amount]               *)
(*   Trade     [type, chain, signer: buyer, nonce, seller, sellerNonce,     *)
(*              lots, price]         -- signed by both counterparties       *)
(*   Report    [type, chain, signer: reporter, nonce, price]               *)
(*   Liquidate [type, chain, signer: liquidator, nonce, account, lots,      *)
(*              price]                                                      *)
(*                                                                         *)
(* The nonce rule.  A transaction is ADMISSIBLE when it names this chain,  *)
(* a known signer of its kind (an account, or a reporter for a report)     *)
(* and, for every signer, that signer's next nonce (nonce + 1).  An        *)
(* inadmissible transaction is REJECTED and changes nothing at all.  An    *)
(* admissible one is EXECUTED: its signers' nonces advance whether the     *)
(* margin or oracle rule then APPLIES it or REFUSES it.  Why a refused      *)
(* transaction consumes its nonce: a signed instruction is settled exactly *)
(* once -- the signer learns its outcome from the block and it can never  *)
(* apply later, when the market has moved (a held or re-proposed copy has *)
(* a stale nonce); and nonces stay a gap-free sequence per signer.  A     *)
(* transaction with any other nonce changes nothing, so a replay of an     *)
(* executed transaction, inside a block or in a later one, is rejected.   *)
(*                                                                         *)
(* End of block, in this fixed order:                                      *)
(*   1. close the oracle round, as spec/oracle/OracleMargin.tla composes   *)
(*      oracle and engine: Aggregate if enabled, and SetPrice with an       *)
(*      accepted aggregate; then AdvanceRound, and Halt if the oracle has  *)
(*      no usable price left;                                              *)
(*   2. the liquidation pass, accounts in increasing id order, each once:  *)
(*      a liquidatable account whose deficit the insurance fund cannot     *)
(*      cover is deleveraged (against the most profitable opposite         *)
(*      account, lowest id among equals, until it is flat or no such       *)
(*      counterparty fits); any other liquidatable account is liquidated  *)
(*      against the Backstop account (a protocol-operated liquidity        *)
(*      account funded by deposits like any other) at the oracle price,    *)
(*      for the largest size Margin allows.  Liquidators may also act      *)
(*      first, inside the block, with Liquidate transactions.  The order   *)
(*      by account id is fixed by the state alone, so every replica        *)
(*      liquidates the same accounts in the same order.                    *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
    Chain,           \* this ledger's chain id
    NumAccounts,     \* accounts are 1..NumAccounts (their order is the pass's)
    Backstop,        \* the account that takes over liquidations at block end
    Txs,             \* every transaction the model's blocks may hold
    \* margin engine (spec/margin/Margin.tla)
    Amounts, MaxTradeLots, MaxLots, MaxCollateral, MaxNetDeposits, MinPrice,
    MaxPrice, InitPrice, MaxPriceStep, ImBps, MmBps, FeeBps, BandBps, DustLots,
    \* oracle (spec/oracle/Oracle.tla)
    Reporters, Heavy, HeavyStake, MaxRel, Penalty, Tol, Band,
    MaxJump, StaleRounds, MaxRound

Accounts == 1..NumAccounts
Signers == Accounts \cup Reporters

\* The oracle's environment (true price, faulty set) is not the ledger's:
\* a ledger admits any signed report, so every reporter is "faulty" to the
\* oracle module, and the true price is a constant that never moves.
LedgerTruePrice == MinPrice

ASSUME /\ NumAccounts \in Nat \ {0} /\ Backstop \in Accounts
       /\ Reporters \cap Accounts = {}
       \* SetPrice never blocks an accepted aggregate (as OracleMargin needs).
       /\ MaxPriceStep >= MaxPrice - MinPrice

\* Margin's and the oracle's operators evaluated on a state record.
MAt(ms) == INSTANCE Margin WITH coll <- ms.coll, pos <- ms.pos, price <- ms.price,
               insurance <- ms.insurance, netDeposits <- ms.netDeposits,
               halted <- ms.halted, lastAction <- [name |-> "None"]
OAt(os) == INSTANCE Oracle WITH Faulty <- Reporters, MaxStep <- 0,
               InitTruePrice <- LedgerTruePrice,
               round <- os.round, truePrice <- os.truePrice, reports <- os.reports,
               rel <- os.rel, price <- os.price, priceRound <- os.priceRound,
               pending <- os.pending, pendingRound <- os.pendingRound,
               aggregated <- os.aggregated, evidence <- os.evidence,
               lastAction <- [name |-> "None"]

\* Initial records: any record serves as the instance parameter for them.
M0 == MAt([coll |-> <<>>, pos |-> <<>>, price |-> 0, insurance |-> 0,
           netDeposits |-> 0, halted |-> FALSE])!InitMState
O0 == OAt([round |-> 0, truePrice |-> 0, reports |-> <<>>, rel |-> <<>>,
           price |-> 0, priceRound |-> 0, pending |-> 0, pendingRound |-> 0,
           aggregated |-> FALSE, evidence |-> {}])!InitOState

(* Genesis: no price yet, so the market starts halted (as in OracleMargin). *)
Genesis == [m |-> [M0 EXCEPT !.halted = TRUE], o |-> O0,
            nonce |-> [x \in Signers |-> 0], height |-> 0, codes |-> <<>>,
            exec |-> [t \in Txs |-> 0]]

-----------------------------------------------------------------------------
(* Transactions *)

Applied == "Applied"          \* executed, the rule applied it
Refused == "Refused"          \* executed (nonces advance), the rule refused it
WrongChain == "WrongChain"    \* rejected: nothing changes
UnknownSigner == "UnknownSigner"
BadNonce == "BadNonce"
Codes == {Applied, Refused, WrongChain, UnknownSigner, BadNonce}

SignerKindOK(t) ==
    IF t.type = "Report" THEN t.signer \in Reporters
    ELSE /\ t.signer \in Accounts
         /\ t.type = "Trade" => t.seller \in Accounts /\ t.seller # t.signer

NonceOK(s, t) ==
    /\ t.nonce = s.nonce[t.signer] + 1
    /\ t.type = "Trade" => t.sellerNonce = s.nonce[t.seller] + 1

Rejection(s, t) ==
    CASE t.chain # Chain      -> WrongChain
      [] ~SignerKindOK(t)     -> UnknownSigner
      [] ~NonceOK(s, t)       -> BadNonce
      [] OTHER                -> Applied      \* admissible

\* Does the margin or oracle rule apply an admissible t?
RuleAllows(s, t) ==
    CASE t.type = "Deposit"   -> MAt(s.m)!DepositGuard(t.signer, t.amount)
      [] t.type = "Withdraw"  -> MAt(s.m)!WithdrawGuard(t.signer, t.amount)
      [] t.type = "Trade"     -> MAt(s.m)!TradeGuard(t.signer, t.seller, t.lots, t.price)
      [] t.type = "Liquidate" -> MAt(s.m)!LiquidateGuard(t.account, t.signer, t.lots, t.price)
      [] t.type = "Report"    -> OAt(s.o)!ReportGuard(t.signer, t.price)

\* The rule's effect on the state (RuleAllows assumed).
RuleEffect(s, t) ==
    CASE t.type = "Deposit"   -> [s EXCEPT !.m = MAt(s.m)!DepositEffect(t.signer, t.amount)]
      [] t.type = "Withdraw"  -> [s EXCEPT !.m = MAt(s.m)!WithdrawEffect(t.signer, t.amount)]
      [] t.type = "Trade"     -> [s EXCEPT !.m = MAt(s.m)!TradeEffect(t.signer, t.seller, t.lots, t.price)]
      [] t.type = "Liquidate" -> [s EXCEPT !.m = MAt(s.m)!LiquidateEffect(t.account, t.signer, t.lots, t.price)]
      [] t.type = "Report"    -> [s EXCEPT !.o = OAt(s.o)!ReportEffect(t.signer, t.price)]

AdvanceNonces(s, t) ==
    IF t.type = "Trade"
    THEN [s.nonce EXCEPT ![t.signer] = @ + 1, ![t.seller] = @ + 1]
    ELSE [s.nonce EXCEPT ![t.signer] = @ + 1]

\* The result code of t in state s.
TxCode(s, t) ==
    LET r == Rejection(s, t) IN
    IF r # Applied THEN r ELSE IF RuleAllows(s, t) THEN Applied ELSE Refused

\* The state after t (with its code appended to the block's codes).
ApplyTx(s, t) ==
    LET c  == TxCode(s, t)
        s1 == IF c = Applied THEN RuleEffect(s, t) ELSE s
        s2 == IF c \in {Applied, Refused}
              THEN [s1 EXCEPT !.nonce = AdvanceNonces(s, t),
                              !.exec = IF t \in DOMAIN s.exec
                                       THEN [s.exec EXCEPT ![t] = @ + 1]
                                       ELSE s.exec]
              ELSE s1
    IN  [s2 EXCEPT !.codes = Append(s.codes, c)]

-----------------------------------------------------------------------------
(* End of block *)

(* 1. The oracle round closes (OracleMargin's glue), in two steps, each  *)
(* at most one margin action: the aggregate, with SetPrice for an accepted *)
(* price; then the next round, with Halt when no usable price is left.     *)
CloseAggregate(s) ==
    LET agg == OAt(s.o)!AggregateGuard
        o1  == IF agg THEN OAt(s.o)!AggregateEffect ELSE s.o
        accepted == agg /\ o1.priceRound = s.o.round
        m1  == IF /\ accepted
                  /\ ~(~s.m.halted /\ o1.price = s.m.price)
                  /\ MAt(s.m)!SetPriceGuard(o1.price)
               THEN MAt(s.m)!SetPriceEffect(o1.price) ELSE s.m
    IN  [s EXCEPT !.m = m1, !.o = o1]

CloseAdvance(s) ==
    LET o2 == IF OAt(s.o)!AdvanceRoundGuard(LedgerTruePrice)
              THEN OAt(s.o)!AdvanceRoundEffect(LedgerTruePrice) ELSE s.o
        m2 == IF ~OAt(o2)!Usable /\ MAt(s.m)!HaltGuard THEN MAt(s.m)!HaltEffect ELSE s.m
    IN  [s EXCEPT !.m = m2, !.o = o2]

CloseRound(s) == CloseAdvance(CloseAggregate(s))

(* 2. The liquidation pass, one account at a time in id order.  First     *)
(* deleveraging, while Margin's Deleverage(a, c) is enabled for some c:    *)
(* against the lowest such c (Margin's guard already picks the most        *)
(* profitable opposite accounts; the id breaks ties).  Each step makes a   *)
(* or c flat, so NumAccounts steps suffice.  Then, if a is still           *)
(* liquidatable, the backstop takes over the largest size Margin's         *)
(* Liquidate allows at the oracle price (none if a is bankrupt beyond what *)
(* the fund covers).                                                       *)
DeleverageTarget(m, a) ==
    LET T == {c \in Accounts : MAt(m)!DeleverageGuard(a, c)}
    IN  IF T = {} THEN 0 ELSE CHOOSE c \in T : \A d \in T : c <= d

DeleverageStep(m, a) ==
    LET c == DeleverageTarget(m, a)
    IN  IF c = 0 THEN m ELSE MAt(m)!DeleverageEffect(a, c)

DeleverageLoop(m0, a) ==
    LET D[k \in 0..NumAccounts] == IF k = 0 THEN m0 ELSE DeleverageStep(D[k - 1], a)
    IN  D[NumAccounts]

BackstopLots(m, a) ==
    LET Q == {q \in 1..MaxLots : MAt(m)!LiquidateGuard(a, Backstop, q, m.price)}
    IN  IF Q = {} THEN 0 ELSE CHOOSE q \in Q : \A p \in Q : p <= q

BackstopStep(m, a) ==
    IF BackstopLots(m, a) = 0 THEN m
    ELSE MAt(m)!LiquidateEffect(a, Backstop, BackstopLots(m, a), m.price)

LiquidateAccount(m, a) == BackstopStep(DeleverageLoop(m, a), a)

LiquidationPass(m0) ==
    LET P[a \in 0..NumAccounts] == IF a = 0 THEN m0 ELSE LiquidateAccount(P[a - 1], a)
    IN  P[NumAccounts]

EndBlock(s) ==
    LET s1 == CloseRound(s)
    IN  [s1 EXCEPT !.m = LiquidationPass(s1.m), !.height = s.height + 1]

-----------------------------------------------------------------------------
(* A block: its transactions in order, then the end of block. *)

ApplyTxs(s0, b) ==
    LET A[i \in 0..Len(b)] == IF i = 0 THEN s0 ELSE ApplyTx(A[i - 1], b[i])
    IN  A[Len(b)]

ApplyBlock(s, b) == EndBlock(ApplyTxs([s EXCEPT !.codes = <<>>], b))

-----------------------------------------------------------------------------
(* Properties of a state record (checked at every replica by Ledger.tla). *)

MarginInvariants(s) ==
    /\ MAt(s.m)!TypeOK /\ MAt(s.m)!Conservation /\ MAt(s.m)!OpenInterestBalanced /\ MAt(s.m)!InsuranceNonNegative

OracleInvariants(s) == OAt(s.o)!TypeOK /\ OAt(s.o)!NoStalePrice

\* The engine runs on the oracle's usable price, or the market is halted.
EnginePriceUsable(s) == ~s.m.halted => OAt(s.o)!Usable /\ s.m.price = s.o.price

\* A signed transaction is executed at most once.
NoReplayIn(s) == \A t \in DOMAIN s.exec : s.exec[t] <= 1
=============================================================================
