-------------------------- MODULE ConsensusGraphMC --------------------------
(***************************************************************************)
(* Test-only constants for the consensus conformance harness               *)
(* (src/test/java/dev/bulwark/conformance/consensus/).  The test copies    *)
(* spec/consensus/*.tla and this module into target/ and runs TLC there;   *)
(* the spec folder is not touched.                                         *)
(***************************************************************************)
EXTENDS TendermintMC

\* n = 3: two correct validators (c1 of power 2, c2 of power 1) and one
\* faulty f1 of power 1 (PowerC1Heavy, total 4: quorum = power 3, one third
\* = power 2; f1 alone is below one third).  Proposer of round 0 is c1, of
\* round 1 the faulty f1.
OrderC1F1C2 == <<"c1", "f1", "c2">>
=============================================================================
