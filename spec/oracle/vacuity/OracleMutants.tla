--------------------------- MODULE OracleMutants ---------------------------
(***************************************************************************)
(* Vacuity mutants for Oracle.tla.                                         *)
(*                                                                         *)
(* Each invariant and property of Oracle must be able to fail.  Every      *)
(* operator below is one small, realistic bug; a vacuity config selects    *)
(* exactly one with an override  `X <- MutantX`  (or changes one constant) *)
(* and checks the one property the bug should break.  The first lines of   *)
(* each config name the module and the TLC error text expected.  TLC runs *)
(* with spec/oracle on its library path (scripts/tlc.sh does this).        *)
(***************************************************************************)
EXTENDS Oracle

-----------------------------------------------------------------------------
(* TypeOK -- the penalty has no floor: reliability goes negative.          *)
MutantRelAfterNoFloor(rep, rl, m) ==
    [r \in Reporters |->
        IF DeviatedOf(rep, m, r) THEN rl[r] - Penalty            \* BUG
        ELSE IF rep[r] >= MinPrice THEN Min(MaxRel, rl[r] + 1)
        ELSE rl[r]]

-----------------------------------------------------------------------------
(* EquivocationEvidenced -- a second report overwrites the first and is   *)
(* marked equivocated, but no evidence is recorded.                        *)
MutantReportNoEvidence(r, px) ==
    /\ ReportGuard(r, px)
    /\ HonestReport(r, px)
    /\ reports' = [reports EXCEPT ![r] = IF @ = NoReport THEN px ELSE Equivocated]
    /\ evidence' = evidence                                     \* BUG
    /\ lastAction' = [name |-> "Report", r |-> r, px |-> px]
    /\ UNCHANGED <<round, truePrice, rel, price, priceRound, pending,
                   pendingRound, aggregated>>

-----------------------------------------------------------------------------
(* EvidenceSound -- the environment assumption is weakened: an honest     *)
(* reporter that restarts may sign a second (honest) report in the same   *)
(* round.  Evidence then names an honest reporter: the soundness of       *)
(* evidence rests on honest reporters never signing twice in a round.     *)
MutantHonestReportTwice(r, px) ==
    r \notin Faulty => Abs(px - truePrice) <= Tol                \* BUG

-----------------------------------------------------------------------------
(* NoStalePrice -- the usable price ignores its age.                       *)
MutantUsableNoAge == price # NoPrice                              \* BUG

-----------------------------------------------------------------------------
(* HonestRange -- the aggregate is the weighted mean (rounded down) of the *)
(* fresh reports instead of their weighted median: one faulty report far   *)
(* from the honest ones drags it out of the honest range.                  *)
MutantMeanOf(rep, wt) ==
    LET F == FreshOf(rep)
        RECURSIVE Dot(_)
        Dot(S) == IF S = {} THEN 0
                  ELSE LET r == CHOOSE x \in S : TRUE
                       IN  wt[r] * rep[r] + Dot(S \ {r})
    IN  Dot(F) \div WSum(wt, F)                                   \* BUG

(* HonestRange without the fault assumption: checked in a config whose    *)
(* faulty weight exceeds one third, to show the assumption is needed.     *)
HonestRangeAnyFaults == [][AggregateInHonestRange]_vars

-----------------------------------------------------------------------------
(* RelNoRiseOnDeviation -- every fresh report is rewarded, whatever its   *)
(* distance from the median.                                               *)
MutantRelAfterRewardAll(rep, rl, m) ==
    [r \in Reporters |->
        IF rep[r] = Equivocated THEN Max(0, rl[r] - Penalty)
        ELSE IF rep[r] >= MinPrice THEN Min(MaxRel, rl[r] + 1)   \* BUG
        ELSE rl[r]]

-----------------------------------------------------------------------------
(* HonestRange (over stake), FaultyWeightShare -- the former weighting     *)
(* rule: reliability starts low (OldInitRel < MaxRel) and every in-band    *)
(* report earns one, up to MaxRel, so reliability RAISES a reporter's      *)
(* weight above its starting share.  A coalition that reports in band      *)
(* every round while slower honest reporters miss rounds earns more weight *)
(* per unit of stake than they do; with under a third of the stake it gets *)
(* more than a third of the weight, then reports an extreme price.  The    *)
(* next-state relation is unchanged (RelAfter is the same rule): only the  *)
(* starting reliability differs, which is what made reliability a reward.  *)
OldInitRel == 1

MutantInitOldRule ==
    /\ round = 0
    /\ truePrice = InitTruePrice
    /\ reports = [r \in Reporters |-> NoReport]
    /\ rel = [r \in Reporters |-> OldInitRel]                     \* BUG
    /\ price = NoPrice
    /\ priceRound = -1
    /\ pending = NoPrice
    /\ pendingRound = -1
    /\ aggregated = FALSE
    /\ evidence = {}
    /\ lastAction = [name |-> "Init"]

-----------------------------------------------------------------------------
(* GuardConfirmed -- no deviation guard: every aggregate is accepted.     *)
MutantAcceptsAlways(m) == TRUE                                    \* BUG

=============================================================================
