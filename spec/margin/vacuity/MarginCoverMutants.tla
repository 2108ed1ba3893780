------------------------- MODULE MarginCoverMutants -------------------------
(***************************************************************************)
(* The mutants of MarginMutants on the cover bounds (MarginCover: funded   *)
(* start, the corridor constraint, account symmetry), for the vacuity      *)
(* configs of MCCover.cfg: the earlier liquidation rule (whole deficit     *)
(* paid whatever part is closed) and the earlier deleveraging rank.        *)
(***************************************************************************)
EXTENDS MarginCover, MarginMutants
=============================================================================
