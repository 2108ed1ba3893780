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
(*   governance (spec/governance/Governance.tla, signer: a governance key): *)
(*   GovPropose [type, chain, signer: key k, nonce, proposal: p,            *)
(*               approvers: <<keys>>]  -- Propose(k, p), then Approve(a, k) *)
(*               for each approver a in order (their signatures over p's    *)
(*               canonical encoding are checked by the shell), then Queue   *)
(*               (or, for a Cancel proposal, Cancel) if the quorum allows;  *)
(*               all or nothing                                            *)
(*   GovApprove [type, chain, signer: key k, nonce, slot]  -- Approve(k,    *)
(*               slot), then Queue / Cancel as above                        *)
(*   GovRetract [type, chain, signer: key k, nonce]  -- Retract(k)          *)
(*   GovQueue, GovExecute, GovCancel [type, chain, signer: any key, nonce,  *)
(*               slot]  -- Queue(slot), Execute(slot), Cancel(slot)         *)
(*                                                                         *)
(* Governance is applied by a parameterised INSTANCE of Governance.tla     *)
(* (GAt(g, m)!ExecuteGuard(s), GAt(g, m)!ExecuteEffect(s)), with its       *)
(* governed state bound to the ledger's: the fund IS the margin engine's   *)
(* insurance fund (a governance withdrawal leaves the ledger: insurance    *)
(* and netDeposits fall by the amount, so Conservation holds), the margin  *)
(* rates in force are g.params (Margin is instantiated with them), and the *)
(* oracle's stakes are g.stake (Oracle is instantiated with them).  A      *)
(* parameter change is pending until the end of the block: EndBlock first  *)
(* applies it (Governance's EndBlock, which also counts the timelock), so  *)
(* the liquidation pass of that same block end already runs at the new     *)
(* rates -- an account the change makes liquidatable is handled there.     *)
(* Stakes change at execution (the oracle weighs the next aggregate with   *)
(* them).  A constant-level detail: TLA+ substitutes a module's CONSTANT   *)
(* only with a constant-level expression, so the rates and stakes read     *)
(* from the state reach the instances through a bound identifier: Rules(s) *)
(* is the record of the rules in force and every operator below that       *)
(* needs them takes it as an argument r, bound by \E r \in {Rules(s)} or  *)
(* [r \in {Rules(s)} |-> ...][Rules(s)] (InRules).                         *)
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
(*   0. governance's block end: a pending parameter change takes effect,   *)
(*      queued proposals have waited one more block;                       *)
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
    MaxJump, StaleRounds, MaxRound,
    \* governance (spec/governance/Governance.tla): a record
    \*   [keys: the governance key universe, owners, threshold, delay, window,
    \*    floor: the insurance fund's floor, minIm, maxIm, minMm, maxMm, minFee,
    \*    maxFee: the hard bounds of the margin rates]
    Gov

Accounts == 1..NumAccounts
GovKeys == Gov.keys
Signers == Accounts \cup Reporters \cup GovKeys

\* The oracle's environment (true price, faulty set) is not the ledger's:
\* a ledger admits any signed report, so every reporter is "faulty" to the
\* oracle module, and the true price is a constant that never moves.
LedgerTruePrice == MinPrice

ASSUME /\ NumAccounts \in Nat \ {0} /\ Backstop \in Accounts
       /\ Reporters \cap Accounts = {}
       /\ GovKeys \cap (Accounts \cup Reporters) = {}
       /\ Gov.owners \subseteq GovKeys /\ Gov.threshold \in 1..Cardinality(Gov.owners)
       /\ Gov.delay \in Nat /\ Gov.window \in Nat \ {0} /\ Gov.floor \in Nat
       /\ ImBps \in Gov.minIm..Gov.maxIm /\ MmBps \in Gov.minMm..Gov.maxMm
       /\ FeeBps \in Gov.minFee..Gov.maxFee
       \* Margin's ASSUMEs hold for every rate governance may set.
       /\ 0 < Gov.minMm /\ Gov.maxIm <= 10000 /\ Gov.maxFee <= 10000
       /\ (MaxLots * MaxPrice * Gov.maxMm + 10000 - 1) \div 10000 <= MaxCollateral
       \* Oracle.tla knows two stake levels (1 and HeavyStake): with HeavyStake
       \* <= 2 every governed stake in 1..HeavyStake is one of them.
       /\ HeavyStake \in {1, 2}
       \* SetPrice never blocks an accepted aggregate (as OracleMargin needs).
       /\ MaxPriceStep >= MaxPrice - MinPrice

\* The rules in force in state s: the margin rates and the heavy reporters
\* (stake HeavyStake; the others have stake 1).
HeavyOf(g) == {x \in Reporters : g.stake[x] = HeavyStake}
Rules(s) == [p |-> s.g.params, h |-> HeavyOf(s.g)]

\* Margin's, the oracle's and governance's operators evaluated on records;
\* r is a rules record (constant level: see the header).
MAt(ms, r) == INSTANCE Margin WITH coll <- ms.coll, pos <- ms.pos, price <- ms.price,
               insurance <- ms.insurance, netDeposits <- ms.netDeposits,
               halted <- ms.halted, lastAction <- [name |-> "None"],
               ImBps <- r.p.im, MmBps <- r.p.mm, FeeBps <- r.p.fee
OAt(os, r) == INSTANCE Oracle WITH Faulty <- Reporters, MaxStep <- 0,
               InitTruePrice <- LedgerTruePrice, Heavy <- r.h,
               round <- os.round, truePrice <- os.truePrice, reports <- os.reports,
               rel <- os.rel, price <- os.price, priceRound <- os.priceRound,
               pending <- os.pending, pendingRound <- os.pendingRound,
               aggregated <- os.aggregated, evidence <- os.evidence,
               lastAction <- [name |-> "None"]
GAt(gs, ms) == INSTANCE Governance WITH
               Keys <- GovKeys, InitOwners <- Gov.owners, InitThreshold <- Gov.threshold,
               Faulty <- GovKeys, MaxOwners <- Cardinality(GovKeys),
               ChainId <- Chain, Chains <- {Chain}, Delay <- Gov.delay, Window <- Gov.window,
               MaxNonce <- 0, Kinds <- {},
               MinImBps <- Gov.minIm, MaxImBps <- Gov.maxIm, MinMmBps <- Gov.minMm,
               MaxMmBps <- Gov.maxMm, MinFeeBps <- Gov.minFee, MaxFeeBps <- Gov.maxFee,
               InitImBps <- ImBps, InitMmBps <- MmBps, InitFeeBps <- FeeBps,
               ImChoices <- {}, MmChoices <- {}, FeeChoices <- {},
               Floor <- Gov.floor, MaxFund <- MaxNetDeposits, InitFund <- 0,
               WithdrawChoices <- {}, FundIn <- {}, FundOut <- {},
               Reporters <- Reporters, MaxStake <- HeavyStake, InitStake <- 1,
               StakeChoices <- {}, ThresholdChoices <- {},
               owners <- gs.owners, threshold <- gs.threshold, nonce <- gs.nonce,
               proposal <- gs.proposal, approvals <- gs.approvals, waited <- gs.waited,
               params <- gs.params, pending <- gs.pending, fund <- ms.insurance,
               stake <- gs.stake, lastAction <- [name |-> "None"]

GenesisParams == [im |-> ImBps, mm |-> MmBps, fee |-> FeeBps]
GenesisRules == [p |-> GenesisParams, h |-> Heavy]

\* Initial records: any record serves as the instance parameter for them.
M0 == MAt([coll |-> <<>>, pos |-> <<>>, price |-> 0, insurance |-> 0,
           netDeposits |-> 0, halted |-> FALSE], GenesisRules)!InitMState
O0 == OAt([round |-> 0, truePrice |-> 0, reports |-> <<>>, rel |-> <<>>,
           price |-> 0, priceRound |-> 0, pending |-> 0, pendingRound |-> 0,
           aggregated |-> FALSE, evidence |-> {}], GenesisRules)!InitOState

\* Governance at genesis (Governance's Init as a record, without the fund,
\* which is the engine's insurance): the configured owners and threshold, no
\* proposal, the genesis rates, every reporter's stake as the oracle's.
NoneRec == [kind |-> "None"]
G0 == [owners |-> Gov.owners, threshold |-> Gov.threshold, nonce |-> 0,
       proposal |-> [k \in GovKeys |-> NoneRec], approvals |-> [k \in GovKeys |-> {}],
       waited |-> [k \in GovKeys |-> -1], params |-> GenesisParams, pending |-> NoneRec,
       stake |-> [x \in Reporters |-> IF x \in Heavy THEN HeavyStake ELSE 1]]

(* Genesis: no price yet, so the market starts halted (as in OracleMargin). *)
Genesis == [m |-> [M0 EXCEPT !.halted = TRUE], o |-> O0, g |-> G0,
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

GovTypes == {"GovPropose", "GovApprove", "GovRetract", "GovQueue", "GovExecute", "GovCancel"}

SignerKindOK(t) ==
    IF t.type = "Report" THEN t.signer \in Reporters
    ELSE IF t.type \in GovTypes THEN t.signer \in GovKeys
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

-----------------------------------------------------------------------------
(* Governance transactions.  GAt(s.g, s.m) is Governance evaluated on the  *)
(* ledger's record (its fund: the engine's insurance).  A governance step's result  *)
(* is Governance's state record; WithG writes it back: the governance part *)
(* to s.g, the fund to the engine's insurance (a withdrawal leaves the     *)
(* ledger, so netDeposits falls by the same amount).                        *)

GPart(e) == [owners |-> e.owners, threshold |-> e.threshold, nonce |-> e.nonce,
             proposal |-> e.proposal, approvals |-> e.approvals, waited |-> e.waited,
             params |-> e.params, pending |-> e.pending, stake |-> e.stake]

WithG(s, e) ==
    [s EXCEPT !.g = GPart(e),
              !.m = [s.m EXCEPT !.insurance = e.fund,
                                !.netDeposits = @ - (s.m.insurance - e.fund)]]

\* The ledger's own condition on a proposal: the oracle has no stake 0 (it
\* would take the reporter out of Oracle's constant reporter set), so a
\* SetStake must name a stake of at least 1.
LedgerAccepts(p) == p.kind = "SetStake" => p.stake >= 1

\* Approvals attached to a proposal, in order, each Governance's Approve:
\* [ok |-> all enabled, s |-> the state after them].
ApproveAll(s0, k, A) ==
    LET F[i \in 0..Len(A)] ==
            IF i = 0 THEN [ok |-> TRUE, s |-> s0]
            ELSE IF F[i - 1].ok /\ GAt(F[i - 1].s.g, F[i - 1].s.m)!ApproveGuard(A[i], k)
                 THEN [ok |-> TRUE, s |-> WithG(F[i - 1].s, GAt(F[i - 1].s.g, F[i - 1].s.m)!ApproveEffect(A[i], k))]
                 ELSE [ok |-> FALSE, s |-> F[i - 1].s]
    IN  F[Len(A)]

\* After approvals: queue the proposal of slot k (start its timelock), or
\* carry out a Cancel, when the quorum allows it now; otherwise nothing.
AfterApprovals(s, k) ==
    IF GAt(s.g, s.m)!QueueGuard(k) THEN WithG(s, GAt(s.g, s.m)!QueueEffect(k))
    ELSE IF GAt(s.g, s.m)!CancelGuard(k) THEN WithG(s, GAt(s.g, s.m)!CancelEffect(k))
    ELSE s

ProposeStep(s, t) == WithG(s, GAt(s.g, s.m)!ProposeEffect(t.signer, t.proposal))

GovAllows(s, t) ==
    CASE t.type = "GovPropose" ->
            /\ LedgerAccepts(t.proposal)
            /\ GAt(s.g, s.m)!ProposeGuard(t.signer, t.proposal)
            /\ ApproveAll(ProposeStep(s, t), t.signer, t.approvers).ok
      [] t.type = "GovApprove" -> GAt(s.g, s.m)!ApproveGuard(t.signer, t.slot)
      [] t.type = "GovRetract" -> GAt(s.g, s.m)!RetractGuard(t.signer)
      [] t.type = "GovQueue"   -> GAt(s.g, s.m)!QueueGuard(t.slot)
      [] t.type = "GovExecute" -> GAt(s.g, s.m)!ExecuteGuard(t.slot)
      [] t.type = "GovCancel"  -> GAt(s.g, s.m)!CancelGuard(t.slot)

GovEffect(s, t) ==
    CASE t.type = "GovPropose" ->
            AfterApprovals(ApproveAll(ProposeStep(s, t), t.signer, t.approvers).s, t.signer)
      [] t.type = "GovApprove" ->
            AfterApprovals(WithG(s, GAt(s.g, s.m)!ApproveEffect(t.signer, t.slot)), t.slot)
      [] t.type = "GovRetract" -> WithG(s, GAt(s.g, s.m)!RetractEffect(t.signer))
      [] t.type = "GovQueue"   -> WithG(s, GAt(s.g, s.m)!QueueEffect(t.slot))
      [] t.type = "GovExecute" -> WithG(s, GAt(s.g, s.m)!ExecuteEffect(t.slot))
      [] t.type = "GovCancel"  -> WithG(s, GAt(s.g, s.m)!CancelEffect(t.slot))

-----------------------------------------------------------------------------
(* The margin and oracle rules (r: the rules in force). *)

\* Does the margin, oracle or governance rule apply an admissible t?
RuleAllowsR(s, t, r) ==
    CASE t.type = "Deposit"   -> MAt(s.m, r)!DepositGuard(t.signer, t.amount)
      [] t.type = "Withdraw"  -> MAt(s.m, r)!WithdrawGuard(t.signer, t.amount)
      [] t.type = "Trade"     -> MAt(s.m, r)!TradeGuard(t.signer, t.seller, t.lots, t.price)
      [] t.type = "Liquidate" -> MAt(s.m, r)!LiquidateGuard(t.account, t.signer, t.lots, t.price)
      [] t.type = "Report"    -> OAt(s.o, r)!ReportGuard(t.signer, t.price)
      [] t.type \in GovTypes  -> GovAllows(s, t)

\* The rule's effect on the state (RuleAllows assumed).
RuleEffectR(s, t, r) ==
    CASE t.type = "Deposit"   -> [s EXCEPT !.m = MAt(s.m, r)!DepositEffect(t.signer, t.amount)]
      [] t.type = "Withdraw"  -> [s EXCEPT !.m = MAt(s.m, r)!WithdrawEffect(t.signer, t.amount)]
      [] t.type = "Trade"     -> [s EXCEPT !.m = MAt(s.m, r)!TradeEffect(t.signer, t.seller, t.lots, t.price)]
      [] t.type = "Liquidate" -> [s EXCEPT !.m = MAt(s.m, r)!LiquidateEffect(t.account, t.signer, t.lots, t.price)]
      [] t.type = "Report"    -> [s EXCEPT !.o = OAt(s.o, r)!ReportEffect(t.signer, t.price)]
      [] t.type \in GovTypes  -> GovEffect(s, t)

RuleAllows(s, t) == \E r \in {Rules(s)} : RuleAllowsR(s, t, r)
RuleEffect(s, t) == [r \in {Rules(s)} |-> RuleEffectR(s, t, r)][Rules(s)]

AdvanceNonces(s, t) ==
    IF t.type = "Trade"
    THEN [s.nonce EXCEPT ![t.signer] = @ + 1, ![t.seller] = @ + 1]
    ELSE [s.nonce EXCEPT ![t.signer] = @ + 1]

\* The result code of t in state s.
TxCode(s, t) ==
    LET c == Rejection(s, t) IN
    IF c # Applied THEN c ELSE IF RuleAllows(s, t) THEN Applied ELSE Refused

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

(* 0. Governance's block end: a pending parameter change takes effect and *)
(* queued proposals have waited one more block.                           *)
GovEndBlock(s) == WithG(s, GAt(s.g, s.m)!EndBlockEffect)

(* 1. The oracle round closes (OracleMargin's glue), in two steps, each  *)
(* at most one margin action: the aggregate, with SetPrice for an accepted *)
(* price; then the next round, with Halt when no usable price is left.     *)
CloseAggregateR(s, r) ==
    LET agg == OAt(s.o, r)!AggregateGuard
        o1  == IF agg THEN OAt(s.o, r)!AggregateEffect ELSE s.o
        accepted == agg /\ o1.priceRound = s.o.round
        m1  == IF /\ accepted
                  /\ ~(~s.m.halted /\ o1.price = s.m.price)
                  /\ MAt(s.m, r)!SetPriceGuard(o1.price)
               THEN MAt(s.m, r)!SetPriceEffect(o1.price) ELSE s.m
    IN  [s EXCEPT !.m = m1, !.o = o1]

CloseAdvanceR(s, r) ==
    LET o2 == IF OAt(s.o, r)!AdvanceRoundGuard(LedgerTruePrice)
              THEN OAt(s.o, r)!AdvanceRoundEffect(LedgerTruePrice) ELSE s.o
        m2 == IF ~OAt(o2, r)!Usable /\ MAt(s.m, r)!HaltGuard THEN MAt(s.m, r)!HaltEffect ELSE s.m
    IN  [s EXCEPT !.m = m2, !.o = o2]

CloseAggregate(s) == [r \in {Rules(s)} |-> CloseAggregateR(s, r)][Rules(s)]
CloseAdvance(s) == [r \in {Rules(s)} |-> CloseAdvanceR(s, r)][Rules(s)]
CloseRound(s) == CloseAdvance(CloseAggregate(s))

(* 2. The liquidation pass, one account at a time in id order.  First     *)
(* deleveraging, while Margin's Deleverage(a, c) is enabled for some c:    *)
(* against the lowest such c (Margin's guard already picks the most        *)
(* profitable opposite accounts; the id breaks ties).  Each step makes a   *)
(* or c flat, so NumAccounts steps suffice.  Then, if a is still           *)
(* liquidatable, the backstop takes over the largest size Margin's         *)
(* Liquidate allows at the oracle price (none if a is bankrupt beyond what *)
(* the fund covers).  The pass runs at the rates in force r (after step 0).*)
DeleverageTargetR(m, a, r) ==
    LET T == {c \in Accounts : MAt(m, r)!DeleverageGuard(a, c)}
    IN  IF T = {} THEN 0 ELSE CHOOSE c \in T : \A d \in T : c <= d

DeleverageStepR(m, a, r) ==
    LET c == DeleverageTargetR(m, a, r)
    IN  IF c = 0 THEN m ELSE MAt(m, r)!DeleverageEffect(a, c)

DeleverageLoopR(m0, a, r) ==
    LET D[k \in 0..NumAccounts] == IF k = 0 THEN m0 ELSE DeleverageStepR(D[k - 1], a, r)
    IN  D[NumAccounts]

BackstopLotsR(m, a, r) ==
    LET Q == {q \in 1..MaxLots : MAt(m, r)!LiquidateGuard(a, Backstop, q, m.price)}
    IN  IF Q = {} THEN 0 ELSE CHOOSE q \in Q : \A p \in Q : p <= q

BackstopStepR(m, a, r) ==
    IF BackstopLotsR(m, a, r) = 0 THEN m
    ELSE MAt(m, r)!LiquidateEffect(a, Backstop, BackstopLotsR(m, a, r), m.price)

LiquidateAccountR(m, a, r) == BackstopStepR(DeleverageLoopR(m, a, r), a, r)

LiquidationPassR(m0, r) ==
    LET P[a \in 0..NumAccounts] == IF a = 0 THEN m0 ELSE LiquidateAccountR(P[a - 1], a, r)
    IN  P[NumAccounts]

\* The pass's steps on a state record s, at its rules in force (used by the
\* step-by-step refinement in proofs/ledger).
DeleverageTarget(s, a) == [r \in {Rules(s)} |-> DeleverageTargetR(s.m, a, r)][Rules(s)]
DeleverageStep(s, a) == [r \in {Rules(s)} |-> DeleverageStepR(s.m, a, r)][Rules(s)]
BackstopLots(s, a) == [r \in {Rules(s)} |-> BackstopLotsR(s.m, a, r)][Rules(s)]
BackstopStep(s, a) == [r \in {Rules(s)} |-> BackstopStepR(s.m, a, r)][Rules(s)]
LiquidationPass(s) == [r \in {Rules(s)} |-> LiquidationPassR(s.m, r)][Rules(s)]

EndBlock(s) ==
    LET s0 == GovEndBlock(s)
        s1 == CloseRound(s0)
    IN  [s1 EXCEPT !.m = LiquidationPass(s1), !.height = s.height + 1]

-----------------------------------------------------------------------------
(* A block: its transactions in order, then the end of block. *)

ApplyTxs(s0, b) ==
    LET A[i \in 0..Len(b)] == IF i = 0 THEN s0 ELSE ApplyTx(A[i - 1], b[i])
    IN  A[Len(b)]

ApplyBlock(s, b) == EndBlock(ApplyTxs([s EXCEPT !.codes = <<>>], b))

-----------------------------------------------------------------------------
(* Properties of a state record (checked at every replica by Ledger.tla). *)

\* Margin's invariants at the rates in force: conservation and a fund that is
\* never negative hold across parameter changes and governance withdrawals.
\* Each of Margin's invariants by name (Ledger.tla checks each at every replica
\* as an invariant of its own, so that a vacuity mutant names the one it breaks).
MarginTypeOKIn(s) == \E r \in {Rules(s)} : MAt(s.m, r)!TypeOK
ConservationIn(s) == \E r \in {Rules(s)} : MAt(s.m, r)!Conservation
OpenInterestBalancedIn(s) == \E r \in {Rules(s)} : MAt(s.m, r)!OpenInterestBalanced
InsuranceNonNegativeIn(s) == \E r \in {Rules(s)} : MAt(s.m, r)!InsuranceNonNegative

MarginInvariants(s) ==
    MarginTypeOKIn(s) /\ ConservationIn(s) /\ OpenInterestBalancedIn(s) /\ InsuranceNonNegativeIn(s)

\* The oracle's, by name.  NoStalePrice (a usable price is the oracle's price,
\* of a round in 0..round, fresh) is implied by Oracle's TypeOK on the rest
\* (priceRound \in -1..round, price = NoPrice <=> priceRound = -1) and Usable's
\* definition: whatever breaks it breaks TypeOK too (vacuity/ReplicaNoStalePrice.cfg).
OracleTypeOKIn(s) == \E r \in {Rules(s)} : OAt(s.o, r)!TypeOK
NoStalePriceIn(s) == \E r \in {Rules(s)} : OAt(s.o, r)!NoStalePrice

OracleInvariants(s) == OracleTypeOKIn(s) /\ NoStalePriceIn(s)

\* Governance's invariants on the ledger's record: a sane owner set and
\* threshold, approvals only by owners, rates in force (and pending) within
\* the hard bounds, some reporter staked, open proposals for this chain.
GovernanceInvariants(s) ==
    /\ GAt(s.g, s.m)!ThresholdSane /\ GAt(s.g, s.m)!ApprovalsByOwners /\ GAt(s.g, s.m)!ParamsInBounds
    /\ GAt(s.g, s.m)!StakeSane /\ GAt(s.g, s.m)!OpenForThisChain

\* The engine runs on the oracle's usable price, or the market is halted.
EnginePriceUsable(s) == ~s.m.halted => (\E r \in {Rules(s)} : OAt(s.o, r)!Usable) /\ s.m.price = s.o.price

\* A signed transaction is executed at most once.
NoReplayIn(s) == \A t \in DOMAIN s.exec : s.exec[t] <= 1
=============================================================================
