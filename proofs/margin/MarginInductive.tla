-------------------------- MODULE MarginInductive --------------------------
(***************************************************************************)
(* A bounded check that IndInv is an inductive invariant of Margin.        *)
(*                                                                         *)
(* TLC is run with INIT = ProofInit, every state of a bounded box of       *)
(* type-correct states that satisfies IndInv (not only the reachable       *)
(* ones), NEXT = Next and INVARIANT IndInv.  TLC then checks, for every    *)
(* state s of the box and every Next-step s -> t, that IndInv holds in t: *)
(*     IndInv /\ [Next]_vars => IndInv'     (over the box)                 *)
(* Successors are checked whether or not they lie in the box; the state    *)
(* constraint FromBox stops TLC from exploring further from them (TLC      *)
(* checks invariants on states outside a constraint but does not expand    *)
(* them).                                                                  *)
(*                                                                         *)
(* IndInv implies Conservation and InsuranceNonNegative (solvency of the   *)
(* fund); it also carries OpenInterestBalanced, the collateral, position   *)
(* and price bounds of TypeOK, netDeposits in 0..MaxNetDeposits and       *)
(* WithdrawalKeepsInitialMargin.  netDeposits >= 0 is inductive thanks to  *)
(* withdrawal gating: a withdrawal leaves every equity >= 0, and with open *)
(* interest balanced the balances sum to the equities.  It deliberately    *)
(* does NOT contain FlatNoDeficit: not inductive (nor an invariant); see   *)
(* IndInvFlat and README.                                                  *)
(*                                                                         *)
(* The box is parametrised by equity rather than quote balance: each       *)
(* account's equity ranges over -ProofEquity..ProofEquity and its balance  *)
(* is coll = equity - pos * price.  This keeps the enumeration small while *)
(* covering the balances that matter (a long of 2 lots at 10 ticks has a   *)
(* balance near -20 whatever its equity).  netDeposits is not enumerated:  *)
(* it is defined by the sum, so Conservation holds in the box by           *)
(* construction, and the box only keeps states with netDeposits <=         *)
(* MaxNetDeposits.                                                         *)
(***************************************************************************)
EXTENDS Margin, TLC

CONSTANTS
    ProofEquity,     \* box: each account's equity in -ProofEquity..ProofEquity
    ProofInsurance   \* box: insurance in 0..ProofInsurance

\* Sign-balanced position vectors (OpenInterestBalanced).
BalancedPositions ==
    {p \in [Accounts -> -MaxLots..MaxLots] : SumOver(p, Accounts) = 0}

IndInv ==
    /\ coll \in [Accounts -> -MaxCollateral..MaxCollateral]
    /\ pos \in [Accounts -> -MaxLots..MaxLots]
    /\ price \in MinPrice..MaxPrice
    /\ insurance \in Int
    /\ netDeposits \in 0..MaxNetDeposits
    /\ halted \in BOOLEAN
    /\ Conservation
    /\ OpenInterestBalanced
    /\ InsuranceNonNegative
    /\ WithdrawalKeepsInitialMargin

\* The candidate that adds FlatNoDeficit.  It is an invariant at the CI
\* bounds but not inductive (Deleverage; see README): checking it the same
\* way produces a counterexample to induction.
IndInvFlat == IndInv /\ FlatNoDeficit

\* The proof obligations IndInv is meant to discharge.
THEOREM IndInv => Conservation /\ InsuranceNonNegative
\* (Propositionally immediate: both are conjuncts.)

ProofInit ==
    /\ price \in MinPrice..MaxPrice
    /\ pos \in BalancedPositions
    /\ \E eq \in [Accounts -> -ProofEquity..ProofEquity] :
           coll = [a \in Accounts |-> eq[a] - pos[a] * price]
    /\ insurance \in 0..ProofInsurance
    /\ netDeposits = SumOver(coll, Accounts) + insurance
    /\ halted \in BOOLEAN
    /\ lastAction = [name |-> "Init"]
    /\ IndInv

\* Accounts are interchangeable in Margin (no rule names an account), so the
\* check may identify states that differ by a permutation of accounts.
AccountSymmetry == Permutations(Accounts)

\* The check explores one step from the box only: every box state has
\* lastAction.name = "Init" and every action sets another name, so as a
\* state constraint this expands box states and no others.
FromBox == lastAction.name = "Init"

\* Box for the FlatNoDeficit candidate: the same box restricted to IndInvFlat.
ProofInitFlat == ProofInit /\ FlatNoDeficit

=============================================================================
