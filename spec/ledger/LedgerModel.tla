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

CONSTANTS c1, c2, p1

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
MCTxs == UNION {{b[i] : i \in 1..Len(b)} : b \in MCBlocks}
=============================================================================
