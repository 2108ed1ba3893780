------------------------ MODULE TendermintRefinement ------------------------
(***************************************************************************)
(* Tendermint refines Consensus.  The refinement mapping: the abstract     *)
(* log at height h is the value some correct validator decided at h and    *)
(* still holds in its decision window, else the certified value of h if h  *)
(* is below some validator's window base (decided and forgotten, or        *)
(* joined past by JoinAt), or nil.  Agreement makes the choice of validator irrelevant;   *)
(* TLC checks  Spec => ConsensusSpec  with this mapping (PROPERTY          *)
(* ConsensusSpec), i.e. Init maps to the empty log and every step maps to *)
(* a Choose step or a stutter.                                             *)
(***************************************************************************)
EXTENDS TendermintMC

DecidedBy(h) == {p \in Corr : decision[p][h] /= NilValue}

\* A height below some validator's window base (decided and forgotten, or
\* given by JoinAt) maps to its certified value.
BelowSomeBase(h) == \E p \in Corr : h < base[p]
CertifiedAt(h) == {v \in Values : Certified(h, v)}

refinedLog == [h \in Heights |->
                 IF DecidedBy(h) /= {} THEN decision[CHOOSE p \in DecidedBy(h) : TRUE][h]
                 ELSE IF BelowSomeBase(h) /\ CertifiedAt(h) /= {}
                      THEN CHOOSE v \in CertifiedAt(h) : TRUE
                 ELSE NilValue]

C == INSTANCE Consensus WITH log <- refinedLog

ConsensusSpec == C!Spec
ConsensusTypeOK == C!TypeOK
=============================================================================
