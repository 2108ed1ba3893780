------------------------------- MODULE LedgerMC -------------------------------
(* Ledger.tla with the model's blocks (LedgerModel.tla).                   *)
EXTENDS Ledger, LedgerModel, TLC

ReplicaSymmetry == Permutations(Replicas)

(* Liveness configs replace the application by its height counter: whether *)
(* a replica catches up does not depend on what a block does (ApplyBlock   *)
(* is a total function), and TLC's fairness checks would otherwise compute *)
(* ApplyBlock on every edge of the graph.                                  *)
HeightOnly(s, b) == [s EXCEPT !.height = @ + 1]

(* Liveness configs also leave pruning out: base is read only by           *)
(* FetchBlock's guard, and CatchUp rests on CommitBlock, Apply and Restart *)
(* (FetchBlock has no fairness), so pruning changes no fair step; MC.cfg   *)
(* checks it against every invariant.                                      *)
NoPrune(r, h) == FALSE
=============================================================================
