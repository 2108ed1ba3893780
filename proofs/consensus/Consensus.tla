----------------------------- MODULE Consensus -----------------------------
(***************************************************************************)
(* The abstract service Tendermint implements: one agreed log of values,   *)
(* one entry per height.  An entry is chosen once, from the valid values,  *)
(* only after the previous height's entry, and is never changed.          *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS Heights, ValidValues, NilValue

VARIABLE log

Init == log = [h \in Heights |-> NilValue]

\* Choose v for height h: h is the first height without an entry.
Choose(h, v) ==
    /\ log[h] = NilValue
    /\ \A g \in Heights : g < h => log[g] /= NilValue
    /\ v \in ValidValues
    /\ log' = [log EXCEPT ![h] = v]

Next == \E h \in Heights, v \in ValidValues : Choose(h, v)

Spec == Init /\ [][Next]_log

TypeOK == log \in [Heights -> ValidValues \cup {NilValue}]
=============================================================================
