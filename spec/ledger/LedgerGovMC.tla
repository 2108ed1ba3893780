----------------------------- MODULE LedgerGovMC -----------------------------
(***************************************************************************)
(* Governance through the ledger, block by block: one replica's record     *)
(* applies any sequence of the model's blocks (LedgerApp's ApplyBlock, the *)
(* function every replica of Ledger.tla runs), and TLC checks at every     *)
(* block boundary the margin invariants at the rates in force             *)
(* (conservation, open interest, a fund never negative), the oracle's,    *)
(* governance's, the composed price rule and no replay.  Replication adds  *)
(* nothing here (Ledger.tla's MC checks that every replica runs this       *)
(* function); the steps inside a block are checked by                      *)
(* proofs/ledger/RefinementGov.cfg.                                         *)
(***************************************************************************)
EXTENDS LedgerModel, TLC

CONSTANTS MaxHeight, Blocks

VARIABLE s

Init == s = Genesis

Next == s.height < MaxHeight /\ \E b \in Blocks : s' = ApplyBlock(s, b)

Spec == Init /\ [][Next]_s

AppInvariants ==
    /\ MarginInvariants(s) /\ OracleInvariants(s) /\ GovernanceInvariants(s)
    /\ EnginePriceUsable(s) /\ NoReplayIn(s)

(* Witnesses (configs in vacuity/ that must FAIL on them, so the story is *)
(* reached): the rate rise makes account 1 liquidatable and the backstop  *)
(* takes its position over at that block's end; the owners withdraw the   *)
(* fund's surplus (the governance nonce reaches 2: the rate change and the *)
(* withdrawal executed).                                                   *)
NoLiquidationByRateRise == ~(s.g.params.mm = 3000 /\ s.m.pos[Backstop] # 0)
NoSurplusWithdrawn == s.g.nonce < 2
=============================================================================
