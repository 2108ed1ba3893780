------------------------------- MODULE LedgerModel ----------------------------
(***************************************************************************)
(* The model's transactions and blocks (TLC configs cannot hold records).  *)
(* Accounts 1, 2 and the backstop 3; one reporter p1.  Account 1 funds a   *)
(* leveraged long against account 2 and the oracle moves the price down:   *)
(* at 8 account 1 is liquidatable (taken over by the backstop at block     *)
(* end), at 7 it is bankrupt with an empty fund (deleveraged against       *)
(* account 2).  Blocks repeat transactions (replays), name another chain,  *)
(* and hold transactions whose order matters.                              *)
(***************************************************************************)
EXTENDS LedgerApp

CONSTANTS c1, c2, p1, k1, k2, k3

Dep(a, n, x) == [type |-> "Deposit", chain |-> c1, signer |-> a, nonce |-> n, amount |-> x]
Wd(a, n, x)  == [type |-> "Withdraw", chain |-> c1, signer |-> a, nonce |-> n, amount |-> x]
Rep(n, px)   == [type |-> "Report", chain |-> c1, signer |-> p1, nonce |-> n, price |-> px]
Trd(b, nb, s, ns, q, px) ==
    [type |-> "Trade", chain |-> c1, signer |-> b, nonce |-> nb, seller |-> s,
     sellerNonce |-> ns, lots |-> q, price |-> px]
Liq(l, n, a, q, px) ==
    [type |-> "Liquidate", chain |-> c1, signer |-> l, nonce |-> n, account |-> a,
     lots |-> q, price |-> px]
OtherChain == [Dep(1, 1, 5) EXCEPT !.chain = c2]

MCBlocks == {
    <<Dep(1, 1, 5), Dep(2, 1, 10), Dep(3, 1, 20), Rep(1, 10)>>,  \* fund; first price
    <<Trd(1, 2, 2, 2, 2, 10), Rep(2, 8)>>,     \* leverage; at 8: backstop liquidation
    <<Trd(1, 2, 2, 2, 2, 10), Rep(2, 7), Liq(2, 3, 1, 2, 7)>>,
                                               \* at 7: bankrupt, deleveraged
    <<Dep(1, 1, 5), Dep(1, 1, 5), OtherChain, Wd(1, 2, 5)>>  \* replay, other chain, order
}

\* The conformance graph: without the replay block.
MCGraphBlocks == {
    <<Dep(1, 1, 5), Dep(2, 1, 10), Dep(3, 1, 20), Rep(1, 10)>>,
    <<Trd(1, 2, 2, 2, 2, 10), Rep(2, 8)>>,
    <<Trd(1, 2, 2, 2, 2, 10), Rep(2, 7), Liq(2, 3, 1, 2, 7)>>
}

\* Liveness configs: fewer blocks (liveness is checked without symmetry).
MCLiveBlocks == {
    <<Dep(1, 1, 5), Dep(2, 1, 10), Dep(3, 1, 20), Rep(1, 10)>>,
    <<Trd(1, 2, 2, 2, 2, 10), Rep(2, 8)>>
}
-----------------------------------------------------------------------------
(* Governance.  Keys k1, k2, k3; owners k1 and k2, threshold 2, timelock  *)
(* one block, nonce window 2, fund floor 1; rates within 1000..5000 (im,   *)
(* mm) and 0..1000 (fee).  In MCGovBlocks the owners raise the             *)
(* maintenance rate so far that account 1's leveraged long becomes         *)
(* liquidatable (the backstop takes it over at that block's end, at the    *)
(* new fee), then withdraw the fund's surplus; the blocks also hold        *)
(* proposals by a non-owner, out of bounds, below the floor, on another    *)
(* chain, with a duplicate approval, and a replayed approval.              *)

MCGov == [keys |-> {k1, k2, k3}, owners |-> {k1, k2}, threshold |-> 2, delay |-> 1,
          window |-> 2, floor |-> 1, minIm |-> 1000, maxIm |-> 5000, minMm |-> 500,
          maxMm |-> 5000, minFee |-> 0, maxFee |-> 1000]

SP(im, mm, fee, n) == [kind |-> "SetParams", im |-> im, mm |-> mm, fee |-> fee, nonce |-> n, chain |-> c1]
WdP(x, n) == [kind |-> "Withdraw", amount |-> x, nonce |-> n, chain |-> c1]
StP(r, x, n) == [kind |-> "SetStake", reporter |-> r, stake |-> x, nonce |-> n, chain |-> c1]
CnP(n) == [kind |-> "Cancel", nonce |-> n, chain |-> c1]

GProp(k, n, p, A) == [type |-> "GovPropose", chain |-> c1, signer |-> k, nonce |-> n,
                      proposal |-> p, approvers |-> A]
GSlot(ty, k, n, sl) == [type |-> ty, chain |-> c1, signer |-> k, nonce |-> n, slot |-> sl]
GRetract(k, n) == [type |-> "GovRetract", chain |-> c1, signer |-> k, nonce |-> n]

MCGovBlocks == {
    <<Dep(1, 1, 5), Dep(2, 1, 10), Dep(3, 1, 20), Rep(1, 10)>>,   \* fund; first price
    <<Trd(1, 2, 2, 2, 2, 10),                                     \* leverage
      GProp(k1, 1, SP(3000, 3000, 1000, 0), <<k2>>)>>,            \* queued rate rise
    <<GSlot("GovExecute", k3, 1, k1),                             \* pending; at block end
      GProp(k3, 2, WdP(1, 0), <<k1, k2>>)>>,                      \* non-owner: refused
    <<GProp(k2, 1, WdP(1, 1), <<k1>>),                            \* the surplus (queued)
      GProp(k1, 2, SP(9000, 3000, 0, 1), <<k2>>),                 \* out of bounds: refused
      GProp(k1, 3, [WdP(1, 1) EXCEPT !.chain = c2], <<k2>>)>>,    \* other chain: refused
    <<GSlot("GovExecute", k3, 3, k2),                             \* the withdrawal
      GSlot("GovApprove", k1, 4, k2),                             \* no longer open
      GProp(k1, 5, SP(3000, 3000, 500, 2), <<k2, k2>>),           \* duplicate: refused
      GProp(k2, 2, WdP(1, 2), <<k1>>)>>                           \* below the floor
}

\* The step-by-step refinement's governance blocks (proofs/ledger/RefinementGov.cfg),
\* in this order a story with every kind of governance transaction applied: a
\* proposal without approvals approved later (queued), a Cancel for a later
\* nonce carried out by GovCancel once its nonce is next, the rate rise, a stake
\* change, a withdrawal, a retraction; and a GovQueue of a queued proposal.
MCGovStepBlocks == {
    <<Dep(1, 1, 5), Dep(2, 1, 10), Dep(3, 1, 20), Rep(1, 10),
      GProp(k1, 1, SP(3000, 3000, 1000, 0), <<>>)>>,
    <<Trd(1, 2, 2, 2, 2, 10), GSlot("GovApprove", k2, 1, k1), GProp(k2, 2, CnP(1), <<k1>>)>>,
    <<GSlot("GovExecute", k3, 1, k1), GSlot("GovCancel", k3, 2, k2)>>,
    <<GProp(k1, 2, StP(p1, 2, 2), <<k2>>), GProp(k2, 3, WdP(1, 3), <<k1>>),
      GSlot("GovQueue", k3, 3, k1)>>,
    <<GSlot("GovExecute", k3, 4, k1), GSlot("GovExecute", k3, 5, k2),
      GProp(k1, 3, SP(2000, 1000, 500, 4), <<>>), GRetract(k1, 4)>>
}

\* The same story with a withdrawal of the whole fund (2) instead of its
\* surplus (1): refused by the ledger; the floor's vacuity mutant lets it
\* through (proofs/ledger/vacuity/GovFundFloor.cfg).
MCGovFloorBlocks ==
    (MCGovStepBlocks \ {<<GProp(k1, 2, StP(p1, 2, 2), <<k2>>), GProp(k2, 3, WdP(1, 3), <<k1>>),
                          GSlot("GovQueue", k3, 3, k1)>>})
    \cup {<<GProp(k1, 2, StP(p1, 2, 2), <<k2>>), GProp(k2, 3, WdP(2, 3), <<k1>>),
            GSlot("GovQueue", k3, 3, k1)>>}
MCGovFloorTxs == UNION {{b[i] : i \in 1..Len(b)} : b \in MCGovFloorBlocks}

MCTxs == UNION {{b[i] : i \in 1..Len(b)} : b \in MCBlocks}
MCGovTxs == UNION {{b[i] : i \in 1..Len(b)} : b \in MCGovBlocks}
MCGovStepTxs == UNION {{b[i] : i \in 1..Len(b)} : b \in MCGovStepBlocks}
=============================================================================
