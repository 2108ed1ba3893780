--------------------------- MODULE LedgerAppSteps ----------------------------
(***************************************************************************)
(* Test module (conformance of the application's functions): the steps of  *)
(* proofs/ledger/LedgerRefinement.tla -- one replica applying blocks one   *)
(* transaction, one half of the round's close, one liquidation step at a   *)
(* time -- each named, with a lastAction variable that records it, so that *)
(* the conformance harness can replay every edge of its state graph        *)
(* against the Java Ledger's methods of the same functions.                *)
(***************************************************************************)
EXTENDS LedgerRefinement

VARIABLE lastAction

svars == <<rvars, lastAction>>

StepInit == RInit /\ lastAction = [name |-> "Init"]

BeginBlockStep(b) == StartBlock(b) /\ lastAction' = [name |-> "BeginBlockStep", block |-> b]
ApplyTxStep == TxStep /\ lastAction' = [name |-> "ApplyTxStep", i |-> i]
TxsDoneStep == TxsDone /\ lastAction' = [name |-> "TxsDoneStep"]
GovEndBlockStep == GovEndStep /\ lastAction' = [name |-> "GovEndBlockStep"]
CloseAggregateStep == AggregateStep /\ lastAction' = [name |-> "CloseAggregateStep"]
CloseAdvanceStep == AdvanceStep /\ lastAction' = [name |-> "CloseAdvanceStep"]
DeleverageStepOne == DeleverageOne /\ lastAction' = [name |-> "DeleverageStepOne", a |-> acct]
DeleverageStepDone == DeleverageDone /\ lastAction' = [name |-> "DeleverageStepDone", a |-> acct]
BackstopStepOne == BackstopOne /\ lastAction' = [name |-> "BackstopStepOne", a |-> acct]

StepNext ==
    \/ \E b \in RBlocks : BeginBlockStep(b)
    \/ ApplyTxStep \/ TxsDoneStep \/ GovEndBlockStep \/ CloseAggregateStep \/ CloseAdvanceStep
    \/ DeleverageStepOne \/ DeleverageStepDone \/ BackstopStepOne
=============================================================================
