------------------------ MODULE OracleStakeMutants -------------------------
(* Vacuity of StakeShareLemma: each premise that keeps weights within      *)
(* stakes is dropped, and TLC must find a box point where a third of the   *)
(* stake carries more than a third of the weight.                          *)
EXTENDS OracleStake

\* The former rule: reliability is earned, so a good reporter may be below
\* full reliability while a bad one is at the cap.
MutantGoodAnyRel(l, B) == TRUE

\* Reliability may raise a weight above the stake: bad reporters up to twice
\* the cap (good ones stay at MaxRel).
MutantRelBoxAboveCap == 0..(2 * MaxRel)
=============================================================================
