------------------------ MODULE TendermintRefinement ------------------------
(***************************************************************************)
(* Tendermint refines Consensus.  The refinement mapping: the abstract     *)
(* log at height h is the value some correct validator decided at h, or    *)
(* nil if none has.  Agreement makes the choice of validator irrelevant;   *)
(* TLC checks  Spec => ConsensusSpec  with this mapping (PROPERTY          *)
(* ConsensusSpec), i.e. Init maps to the empty log and every step maps to *)
(* a Choose step or a stutter.                                             *)
(***************************************************************************)
EXTENDS TendermintMC

DecidedBy(h) == {p \in Corr : decision[p][h] /= NilValue}

refinedLog == [h \in Heights |->
                 IF DecidedBy(h) = {} THEN NilValue
                 ELSE decision[CHOOSE p \in DecidedBy(h) : TRUE][h]]

C == INSTANCE Consensus WITH log <- refinedLog

ConsensusSpec == C!Spec
ConsensusTypeOK == C!TypeOK
=============================================================================
