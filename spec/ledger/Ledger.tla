-------------------------------- MODULE Ledger --------------------------------
(***************************************************************************)
(* The Bulwark replicated ledger: replicas apply the decided log of        *)
(* consensus, crash, restart from what they persisted, and catch up.       *)
(*                                                                         *)
(* Consensus is its abstract service, proofs/consensus/Consensus.tla (which *)
(* the Tendermint spec refines): one agreed block per height, chosen in    *)
(* height order, never changed.  A decided block carries a commit          *)
(* certificate; a replica stores a block only with its certificate, either *)
(* as a validator that saw the decision (CommitBlock) or fetched from a    *)
(* peer's store (FetchBlock), and applies only stored blocks, in height    *)
(* order, with LedgerApp's ApplyBlock -- a function of its state and the   *)
(* block, so the same blocks give the same state everywhere.              *)
(*                                                                         *)
(* Durable and volatile state.  A replica persists its block store (the    *)
(* blocks 1..stored[r] with their certificates, written and synced before *)
(* anything depends on them) and a snapshot (a state and its height,       *)
(* taken at any applied height).  A crash loses the applied state and      *)
(* height; a restart loads the snapshot and re-applies the stored blocks   *)
(* above it; blocks it never stored it fetches from peers, or, when it is  *)
(* behind a peer's snapshot, it restores that snapshot (state sync).  A    *)
(* store need not hold every block: it holds base[r]+1..stored[r]; blocks  *)
(* at or below the snapshot may be pruned (Prune), and a state-synced     *)
(* store starts above the restored snapshot; a peer serves only the       *)
(* blocks it holds.  A                                                     *)
(* client is told "committed" for a height (Ack) only by a replica that    *)
(* has that block decided and persisted.                                   *)
(*                                                                         *)
(* Every action sets lastAction to its name and parameters (traces).       *)
(*                                                                         *)
(* The header of a block carries the app hash of the state before it       *)
(* (CometBFT's rule; BlockCodec version 2): a certificate of block h + 1   *)
(* therefore certifies the state after h.  A replica applies a block only  *)
(* on the state its header names, and accepts a snapshot of height h only *)
(* if the certified header of block h + 1 names it (state sync's trust     *)
(* anchor).                                                                *)
(***************************************************************************)
EXTENDS LedgerApp

CONSTANTS
    Replicas,        \* replica identifiers
    MaxHeight,       \* heights 1..MaxHeight
    Blocks,          \* the blocks consensus may decide (sequences of Txs)
    MaxCrashes,      \* crashes in one behaviour (all replicas together)
    NoBlock          \* no block decided (a model value)


NoState == [none |-> TRUE]
Heights == 1..MaxHeight

ASSUME /\ MaxHeight \in Nat \ {0} /\ MaxRound >= MaxHeight
       /\ \A b \in Blocks : \A i \in 1..Len(b) : b[i] \in Txs

VARIABLES
    log,        \* [Heights -> Blocks \cup {NoBlock}]: the decided log
    refState,   \* [0..MaxHeight -> states]: the decided prefix applied (history)
    up,         \* [Replicas -> BOOLEAN]
    st,         \* [Replicas -> state record or NoState]: volatile
    ht,         \* [Replicas -> Nat]: applied height (volatile; 0 when down)
    applied,    \* [Replicas -> Seq(Blocks)]: blocks applied, in order (history)
    stored,     \* [Replicas -> 0..MaxHeight]: durable block store's top height
    base,       \* [Replicas -> 0..MaxHeight]: the store holds base[r]+1..stored[r] (durable)
    snap,       \* [Replicas -> [h, s, applied]]: durable snapshot
    acked,      \* [Replicas -> 0..MaxHeight]: highest height r told a client is committed
    crashes,    \* crashes so far
    lastAction

vars == <<log, refState, up, st, ht, applied, stored, base, snap, acked, crashes, lastAction>>

C == INSTANCE Consensus WITH Heights <- Heights, ValidValues <- Blocks,
                             NilValue <- NoBlock

\* The number of decided heights (decided in order).
DecidedHeight == Cardinality({h \in Heights : log[h] # NoBlock})

(* The header of the decided block of height h: the app hash after h - 1. *)
(* The app hash is a function of the state (LedgerApp abstracts it), so    *)
(* the header carries the state itself.  Honest validators accept a        *)
(* proposal only if its header is their own state after h - 1, which is   *)
(* the decided prefix applied (ReplicaIsPrefix): so the decided block's    *)
(* header is refState[h - 1].                                              *)
Header(h) == refState[h - 1]

-----------------------------------------------------------------------------
Init ==
    /\ C!Init
    /\ refState = [h \in 0..MaxHeight |-> IF h = 0 THEN Genesis ELSE NoState]
    /\ up = [r \in Replicas |-> TRUE]
    /\ st = [r \in Replicas |-> Genesis]
    /\ ht = [r \in Replicas |-> 0]
    /\ applied = [r \in Replicas |-> <<>>]
    /\ stored = [r \in Replicas |-> 0]
    /\ base = [r \in Replicas |-> 0]
    /\ snap = [r \in Replicas |-> [h |-> 0, s |-> Genesis, applied |-> <<>>]]
    /\ acked = [r \in Replicas |-> 0]
    /\ crashes = 0
    /\ lastAction = [name |-> "Init"]

(* Consensus decides block b at height h (Consensus!Choose).  refState    *)
(* records the decided prefix applied: a history variable for the         *)
(* properties, not part of any replica.                                    *)
Decide(h, b) ==
    /\ C!Choose(h, b)
    /\ refState' = [refState EXCEPT ![h] = ApplyBlock(refState[h - 1], b)]
    /\ lastAction' = [name |-> "Decide", h |-> h, block |-> b]
    /\ UNCHANGED <<up, st, ht, applied, stored, base, snap, acked, crashes>>

(* CommitBlock(r): r, up, saw the decision of its next unstored height     *)
(* (block and commit certificate) and persists it.                         *)
CommitBlock(r) ==
    /\ up[r]
    /\ stored[r] < DecidedHeight
    /\ stored' = [stored EXCEPT ![r] = @ + 1]
    /\ lastAction' = [name |-> "CommitBlock", r |-> r, h |-> stored[r] + 1]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, base, snap, acked, crashes>>

(* FetchBlock(r, q): catch-up -- r fetches its next block with its         *)
(* certificate from peer q's store, checks the certificate, persists it;   *)
(* q must hold that block (not pruned, not below its state-synced base).  *)
FetchBlock(r, q) ==
    /\ up[r] /\ up[q] /\ q # r
    /\ stored[q] > stored[r]
    /\ base[q] <= stored[r]
    /\ stored' = [stored EXCEPT ![r] = @ + 1]
    /\ lastAction' = [name |-> "FetchBlock", r |-> r, q |-> q, h |-> stored[r] + 1]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, base, snap, acked, crashes>>

(* Apply(r): r applies its next stored block, only on the state its header *)
(* names (otherwise the replica refuses it: BAD_APP_HASH).                 *)
BlockToApply(r) == log[ht[r] + 1]

Apply(r) ==
    /\ up[r]
    /\ ht[r] < stored[r]
    /\ Header(ht[r] + 1) = st[r]
    /\ st' = [st EXCEPT ![r] = ApplyBlock(st[r], BlockToApply(r))]
    /\ ht' = [ht EXCEPT ![r] = @ + 1]
    /\ applied' = [applied EXCEPT ![r] = Append(@, BlockToApply(r))]
    /\ lastAction' = [name |-> "Apply", r |-> r, h |-> ht[r] + 1]
    /\ UNCHANGED <<log, refState, up, stored, base, snap, acked, crashes>>

(* Prune(r, h): r deletes its stored blocks (and their certificates) at or *)
(* below h, all covered by its snapshot (h <= snap[r].h): a restart still  *)
(* loads the snapshot and replays the blocks above it.                     *)
Prune(r, h) ==
    /\ up[r]
    /\ base[r] < h /\ h <= snap[r].h
    /\ base' = [base EXCEPT ![r] = h]
    /\ lastAction' = [name |-> "Prune", r |-> r, h |-> h]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, stored, snap, acked, crashes>>

(* Snapshot(r): r persists its applied state. *)
Snapshot(r) ==
    /\ up[r]
    /\ ht[r] > snap[r].h
    /\ snap' = [snap EXCEPT ![r] = [h |-> ht[r], s |-> st[r], applied |-> applied[r]]]
    /\ lastAction' = [name |-> "Snapshot", r |-> r, h |-> ht[r]]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, stored, base, acked, crashes>>

(* Ack(r): r tells clients that the heights it has decided and persisted  *)
(* are committed.                                                          *)
AckGuard(r) == up[r] /\ acked[r] < stored[r]
Ack(r) ==
    /\ AckGuard(r)
    /\ acked' = [acked EXCEPT ![r] = stored[r]]
    /\ lastAction' = [name |-> "Ack", r |-> r, h |-> stored[r]]
    /\ UNCHANGED <<log, refState, up, st, ht, applied, stored, base, snap, crashes>>

(* Crash(r): the volatile state is lost; the store and snapshot remain.   *)
Crash(r) ==
    /\ up[r]
    /\ crashes < MaxCrashes
    /\ up' = [up EXCEPT ![r] = FALSE]
    /\ st' = [st EXCEPT ![r] = NoState]
    /\ ht' = [ht EXCEPT ![r] = 0]
    /\ applied' = [applied EXCEPT ![r] = <<>>]
    /\ crashes' = crashes + 1
    /\ lastAction' = [name |-> "Crash", r |-> r]
    /\ UNCHANGED <<log, refState, stored, base, snap, acked>>

(* Restart(r): load the snapshot; Apply then replays the stored blocks.   *)
Restart(r) ==
    /\ ~up[r]
    /\ up' = [up EXCEPT ![r] = TRUE]
    /\ st' = [st EXCEPT ![r] = snap[r].s]
    /\ ht' = [ht EXCEPT ![r] = snap[r].h]
    /\ applied' = [applied EXCEPT ![r] = snap[r].applied]
    /\ lastAction' = [name |-> "Restart", r |-> r, h |-> snap[r].h]
    /\ UNCHANGED <<log, refState, stored, base, snap, acked, crashes>>

(* StateSync(r, q): r, behind q's snapshot of height h, restores q's      *)
(* snapshot instead of fetching every block below it, if the certified     *)
(* header of block h + 1 names it (so block h + 1 must be decided).  r     *)
(* keeps it as its own snapshot; its store holds nothing below it and      *)
(* continues above it.                                                     *)
StateSync(r, q) ==
    /\ up[r] /\ up[q] /\ q # r
    /\ snap[q].h > stored[r]
    /\ snap[q].h < DecidedHeight
    /\ Header(snap[q].h + 1) = snap[q].s
    /\ snap' = [snap EXCEPT ![r] = snap[q]]
    /\ st' = [st EXCEPT ![r] = snap[q].s]
    /\ ht' = [ht EXCEPT ![r] = snap[q].h]
    /\ applied' = [applied EXCEPT ![r] = snap[q].applied]
    /\ stored' = [stored EXCEPT ![r] = snap[q].h]
    /\ base' = [base EXCEPT ![r] = snap[q].h]
    /\ lastAction' = [name |-> "StateSync", r |-> r, q |-> q, h |-> snap[q].h]
    /\ UNCHANGED <<log, refState, up, acked, crashes>>

Next ==
    \/ \E h \in Heights, b \in Blocks : Decide(h, b)
    \/ \E r \in Replicas :
          \/ CommitBlock(r) \/ Apply(r) \/ Snapshot(r) \/ Ack(r)
          \/ Crash(r) \/ Restart(r)
          \/ \E h \in Heights : Prune(r, h)
          \/ \E q \in Replicas : FetchBlock(r, q) \/ StateSync(r, q)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

TypeOK ==
    /\ log \in [Heights -> Blocks \cup {NoBlock}]
    /\ up \in [Replicas -> BOOLEAN]
    /\ ht \in [Replicas -> 0..MaxHeight]
    /\ stored \in [Replicas -> 0..MaxHeight]
    /\ base \in [Replicas -> 0..MaxHeight]
    /\ acked \in [Replicas -> 0..MaxHeight]
    /\ crashes \in 0..MaxCrashes
    /\ \A r \in Replicas : up[r] => ht[r] <= stored[r] /\ snap[r].h <= ht[r]
    /\ \A r \in Replicas : snap[r].h <= stored[r]
    /\ \A r \in Replicas : stored[r] <= DecidedHeight

(* Two replicas that have applied the same number of blocks hold the same *)
(* state.                                                                  *)
StateMachineSafety ==
    \A r, q \in Replicas :
        up[r] /\ up[q] /\ ht[r] = ht[q] => st[r] = st[q]

(* A replica's state is the decided log's prefix, up to its height, applied *)
(* to the genesis state.                                                   *)
ReplicaIsPrefix ==
    \A r \in Replicas : up[r] => ht[r] <= DecidedHeight /\ st[r] = refState[ht[r]]

(* Conservation and the margin invariants (at the rates in force), the    *)
(* oracle's, governance's, and the composed price rule, at every replica:  *)
(* one invariant per property, so that TLC names the one a bug breaks      *)
(* (each has its vacuity mutant); ReplicaInvariants is their conjunction.  *)
AtEveryReplica(P(_)) == \A r \in Replicas : up[r] => P(st[r])

ReplicaMarginTypeOK == AtEveryReplica(MarginTypeOKIn)
ReplicaConservation == AtEveryReplica(ConservationIn)
ReplicaOpenInterestBalanced == AtEveryReplica(OpenInterestBalancedIn)
ReplicaInsuranceNonNegative == AtEveryReplica(InsuranceNonNegativeIn)
ReplicaOracleTypeOK == AtEveryReplica(OracleTypeOKIn)
ReplicaNoStalePrice == AtEveryReplica(NoStalePriceIn)
ReplicaGovernanceInvariants == AtEveryReplica(GovernanceInvariants)
ReplicaEnginePriceUsable == AtEveryReplica(EnginePriceUsable)

ReplicaInvariants ==
    /\ ReplicaMarginTypeOK /\ ReplicaConservation /\ ReplicaOpenInterestBalanced
    /\ ReplicaInsuranceNonNegative /\ ReplicaOracleTypeOK /\ ReplicaNoStalePrice
    /\ ReplicaGovernanceInvariants /\ ReplicaEnginePriceUsable

(* A signed transaction is executed at most once at every replica.        *)
NoReplay == \A r \in Replicas : up[r] => NoReplayIn(st[r])

(* A replica applies only decided blocks (those with a certificate), the   *)
(* decided block of each height.                                           *)
NoApplyWithoutCertificate ==
    \A r \in Replicas : \A i \in 1..Len(applied[r]) :
        log[i] # NoBlock /\ applied[r][i] = log[i]

(* The certified header certifies the state: at every replica that is up, *)
(* the header of its next decided block names the replica's state, so the *)
(* Apply guard never blocks an honest replica and every block is applied   *)
(* on the state its header certifies; and every decided header names the  *)
(* decided prefix applied (what state sync trusts).                        *)
HeaderCertifiesState ==
    /\ \A h \in 1..DecidedHeight : Header(h) = refState[h - 1]
    /\ \A r \in Replicas : up[r] /\ ht[r] < DecidedHeight => Header(ht[r] + 1) = st[r]

(* An acknowledged commit is never lost: the acknowledging replica holds   *)
(* it in its durable store, which a crash does not touch and from which a  *)
(* restart re-applies it (CatchUp below: it does).                          *)
Durability == \A r \in Replicas : acked[r] <= stored[r]

(* What a replica persisted rebuilds its state: the blocks it dropped      *)
(* (pruned, or below a restored snapshot) are covered by its snapshot, so  *)
(* a restart replays only blocks it holds, and a running replica's next    *)
(* block is one it holds.                                                  *)
ReplayCovered ==
    \A r \in Replicas :
        /\ base[r] <= snap[r].h
        /\ up[r] => base[r] <= ht[r]

-----------------------------------------------------------------------------
(* Liveness.  Crashes are bounded (MaxCrashes); a crashed replica restarts, *)
(* and a replica that is up keeps storing and applying decided blocks      *)
(* (weak fairness), while consensus may stop deciding at any time.  Then   *)
(* every replica ends up running at the decided height -- with Durability, *)
(* at or above every height it acknowledged.                               *)
Fairness ==
    \A r \in Replicas :
        /\ WF_vars(Restart(r)) /\ WF_vars(CommitBlock(r)) /\ WF_vars(Apply(r))

LiveSpec == Spec /\ Fairness

CatchUp == \A r \in Replicas : <>[](up[r] /\ ht[r] = DecidedHeight)

=============================================================================
