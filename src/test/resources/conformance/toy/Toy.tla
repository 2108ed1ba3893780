-------------------------------- MODULE Toy --------------------------------
(***************************************************************************)
(* A bounded bank: the conformance harness's own test spec.  Accounts hold *)
(* balances in 0..Cap; money enters by Deposit, leaves by Withdraw, moves  *)
(* by Transfer.  `lastAction` records each action and its parameters, as   *)
(* in every Bulwark spec, so that traces name the Java calls.              *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS Accounts, Amounts, Cap

VARIABLES bal, total, lastAction

vars == <<bal, total, lastAction>>

Init ==
    /\ bal = [a \in Accounts |-> 0]
    /\ total = 0
    /\ lastAction = [name |-> "Init"]

(* Deposit(a, x): x enters a; no balance above Cap. *)
Deposit(a, x) ==
    /\ bal[a] + x <= Cap
    /\ bal' = [bal EXCEPT ![a] = @ + x]
    /\ total' = total + x
    /\ lastAction' = [name |-> "Deposit", account |-> a, amount |-> x]

(* Withdraw(a, x): x leaves a; no overdraft. *)
Withdraw(a, x) ==
    /\ bal[a] >= x
    /\ bal' = [bal EXCEPT ![a] = @ - x]
    /\ total' = total - x
    /\ lastAction' = [name |-> "Withdraw", account |-> a, amount |-> x]

(* Transfer(f, t, x): x moves from f to t; no overdraft, no balance above Cap. *)
Transfer(f, t, x) ==
    /\ f # t
    /\ bal[f] >= x
    /\ bal[t] + x <= Cap
    /\ bal' = [bal EXCEPT ![f] = @ - x, ![t] = @ + x]
    /\ UNCHANGED total
    /\ lastAction' = [name |-> "Transfer", from |-> f, to |-> t, amount |-> x]

Next ==
    \/ \E a \in Accounts, x \in Amounts : Deposit(a, x)
    \/ \E a \in Accounts, x \in Amounts : Withdraw(a, x)
    \/ \E f, t \in Accounts, x \in Amounts : Transfer(f, t, x)

Spec == Init /\ [][Next]_vars

TypeOK == bal \in [Accounts -> 0..Cap] /\ total \in Int

RECURSIVE Sum(_, _)
Sum(f, S) == IF S = {} THEN 0 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + Sum(f, S \ {x})

Conservation == Sum(bal, Accounts) = total

(* Deliberately false: TlcRunnerTest checks that TLC's violation is read back. *)
TotalBelowFour == total < 4
=============================================================================
