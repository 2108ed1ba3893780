---------------------------- MODULE TendermintMC ----------------------------
(***************************************************************************)
(* Model-checking constants for Tendermint.tla.  TLC configs cannot write  *)
(* sequences or functions, so the proposer orders and power functions the *)
(* configs use are named here.  Validators are strings ("c1", "f1", ...): *)
(* a proposer order must name them, which model values declared in a cfg *)
(* cannot be.                                                              *)
(***************************************************************************)
EXTENDS Tendermint

\* n = 4, one faulty validator, proposer of round 0 correct, of round 1 faulty.
OrderC1F1C2C3 == <<"c1", "f1", "c2", "c3">>
\* n = 4, two faulty validators.
OrderC1F1C2F2 == <<"c1", "f1", "c2", "f2">>
\* n = 4, two faulty validators, round 0 led by a faulty one.
OrderF1C1F2C2 == <<"f1", "c1", "f2", "c2">>
\* n = 4, no faulty validator messages used (liveness).
OrderC1C2F1C3 == <<"c1", "c2", "f1", "c3">>

\* No faulty message at all (silent Byzantine validators).
NoFaultyMsgsMC == {<<{}, {}, {}>>}

\* Weighted power: c1 holds 2 of 5, the others 1 each.  One faulty of
\* power 1 is below one third (3 * 1 <= 5).
PowerC1Heavy == [p \in Procs |-> IF p = "c1" THEN 2 ELSE 1]

\* JoinAt disabled (configs that override JoinAt with it: the join is checked
\* exhaustively by MCJoin.cfg, with one round, to keep the CI configs' size).
NoJoinAt(p, h, r, v) == FALSE
=============================================================================
