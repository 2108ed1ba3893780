----------------------------- MODULE MarginCover -----------------------------
(***************************************************************************)
(* Margin at bounds where a liquidation or a deleveraging step could push  *)
(* a balance past MaxCollateral (README, Findings 4 and 5), for MCCover.cfg *)
(* and its vacuity configs.                                                *)
(*                                                                         *)
(* Reaching that corner takes a short holding about MaxCollateral, a       *)
(* price jump that makes it bankrupt by more than one tick per lot, and an *)
(* insurance fund that covers the deficit, which only liquidation fees     *)
(* fill: with MaxCollateral small against MaxLots * MaxPrice, six lots,    *)
(* margin rates of 60 % and fees of 100 % (README, configurations).  From  *)
(* Init the full state space at such bounds takes tens of minutes, so the  *)
(* CI config narrows the search, and says how:                             *)
(*   FundedInit    every account starts with Funding deposited (a state    *)
(*                 that Init reaches by deposits), all of MaxNetDeposits;  *)
(*   NoHalt, NoWithdraw  override HaltGuard and WithdrawGuard: no halts,   *)
(*                 no withdrawals (both are checked at the MC bounds; they *)
(*                 move no balance past a bound their guards check);       *)
(*   CoverCorridor a state constraint: every position is 0 or at least     *)
(*                 MinOpenLots lots (states outside it are checked but not *)
(*                 expanded);                                              *)
(*   AccountSymmetry  accounts are interchangeable (no rule names one).    *)
(* Every state explored is reachable in Margin with the same constants.   *)
(***************************************************************************)
EXTENDS Margin, TLC

CONSTANTS
    Funding,       \* each account's balance in FundedInit, quote units
    MinOpenLots    \* CoverCorridor: an open position has at least this many lots

FundedInit ==
    /\ coll = [a \in Accounts |-> Funding]
    /\ pos = [a \in Accounts |-> 0]
    /\ price = InitPrice
    /\ insurance = 0
    /\ netDeposits = Funding * Cardinality(Accounts)
    /\ halted = FALSE
    /\ lastAction = [name |-> "Init"]

NoHalt == FALSE
NoWithdraw(a, x) == FALSE

CoverCorridor == \A a \in Accounts : pos[a] = 0 \/ Abs(pos[a]) >= MinOpenLots

AccountSymmetry == Permutations(Accounts)

=============================================================================
