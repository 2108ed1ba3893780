---------------------------- MODULE OracleStake -----------------------------
(***************************************************************************)
(* The bridge from stake to weight behind HonestRange (over stake),       *)
(* checked by TLC over every stake vector, every reliability vector and    *)
(* every set of bad reporters in a box.                                    *)
(*                                                                         *)
(* StakeShareLemma: let st be any stake vector (stakes >= 1), rl any       *)
(* reliability vector in 0..MaxRel, Bad any set of reporters, and the      *)
(* weight of r be st[r] * rl[r].  If Bad holds at most a third of the      *)
(* stake and every reporter outside Bad is at full reliability (MaxRel),   *)
(* then Bad holds at most a third of the weight.                           *)
(*                                                                         *)
(* Paper argument (S_B, S_G: bad and good stake; 3 S_B <= S_B + S_G, i.e.  *)
(* 2 S_B <= S_G): the good weight is S_G * MaxRel, the bad weight w_B is   *)
(* at most S_B * MaxRel because rl <= MaxRel, so 2 w_B <= 2 S_B * MaxRel   *)
(* <= S_G * MaxRel = good weight, i.e. 3 w_B <= w_B + good weight = total. *)
(* Both premises are needed (vacuity): a good reporter below full          *)
(* reliability (the former rule, where reliability was earned), or a bad   *)
(* reporter above MaxRel (a reliability that raises a weight above the     *)
(* stake), breaks it.                                                      *)
(*                                                                         *)
(* With the conclusion as MedianLemma's fault bound (OracleMedian.tla) and *)
(* HonestFullWeight (an invariant of Oracle: checked in spec/oracle and by *)
(* the induction step, OracleStep.tla), every aggregate lies in the honest *)
(* range whenever the faulty reporters hold at most a third of the stake.  *)
(*                                                                         *)
(* The state is (st, rl, Bad); INIT enumerates the box, NEXT stutters.     *)
(***************************************************************************)
EXTENDS Oracle, TLC

CONSTANT MaxS   \* box: each stake in 1..MaxS

VARIABLES st, rl, Bad

\* Reliabilities in the box (a mutant widens it above the cap).
RelBox == 0..MaxRel

StakeBound(s, B) == 3 * WSum(s, B) <= WSum(s, Reporters)
GoodFull(l, B) == \A r \in Reporters \ B : l[r] = MaxRel
WeightsFrom(s, l) == [r \in Reporters |-> s[r] * l[r]]

StakeShareLemma ==
    (StakeBound(st, Bad) /\ GoodFull(rl, Bad))
        => 3 * WSum(WeightsFrom(st, rl), Bad) <= WSum(WeightsFrom(st, rl), Reporters)

\* The Oracle variables (EXTENDS) are fixed at one initial state.
LemmaInit ==
    /\ Init
    /\ st \in [Reporters -> 1..MaxS]
    /\ rl \in [Reporters -> RelBox]
    /\ Bad \in SUBSET Reporters

LemmaNext == UNCHANGED <<st, rl, Bad, vars>>

ReporterSymmetry == Permutations(Reporters)
=============================================================================
