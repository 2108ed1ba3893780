----------------------------- MODULE Governance -----------------------------
(***************************************************************************)
(* k-of-n governance of the Bulwark ledger's rules and insurance fund.     *)
(*                                                                         *)
(* The discipline is Safe's (the multisig most of DeFi's treasuries sit    *)
(* in): a set of owner keys and a threshold k; a change is a proposal      *)
(* carrying its action, its payload, the chain id and a nonce; owners      *)
(* approve it by signing its hash; it executes only with the approvals of *)
(* at least k distinct CURRENT owners and only at the next nonce, so no    *)
(* proposal executes twice and none executes out of order.  The owners and *)
(* the threshold are themselves changed only by such proposals, each       *)
(* keeping 1 <= k <= |owners|.  On top of Safe: a timelock (a proposal     *)
(* executes no earlier than Delay blocks after it was queued, which needs  *)
(* a quorum), cancellation by quorum without delay (Safe's rejection: a    *)
(* Cancel proposal consumes the nonce), and governed actions that are      *)
(* Bulwark's own: the margin parameters within hard bounds (effective at   *)
(* the next block boundary), withdrawals from the insurance fund (only the *)
(* surplus above a floor), and the oracle's reporter stakes.               *)
(*                                                                         *)
(* Byzantine owners.  The core cannot tell an honest owner from a faulty   *)
(* one: it sees signatures.  `Faulty` is the environment's set of keys     *)
(* whose holders sign anything; an honest owner signs only proposals it    *)
(* likes (`HonestLikes`, by default anything at all -- the safety configs  *)
(* thus check the case where every owner is as arbitrary as a Byzantine    *)
(* one).  Signature checks, the canonical encoding and the chain / purpose *)
(* domain separation are the shell's (GovernanceCodec, GovernanceGateway *)
(* in dev.bulwark.net): this spec starts from approvals whose signatures   *)
(* were checked.                                                           *)
(*                                                                         *)
(* Blocks.  The spec keeps, per queued proposal, the number of block ends  *)
(* since it was queued, capped at Delay (`waited`); Java keeps absolute    *)
(* heights (height - queuedAt, capped, is `waited`).  No absolute height   *)
(* is needed for any rule, and without one the state space is finite       *)
(* without a bound on time, so the liveness property can be checked.      *)
(*                                                                         *)
(* Names, state and rules are those of dev.bulwark.governance.Governance   *)
(* (one action = one method; see README.md).  INSTANCE-friendly: all      *)
(* bounds are constants, the governed state is in its own variables        *)
(* (`ruleVars`), the environment's fund flows are separate (`EnvNext`), and *)
(* a composed spec can substitute the margin engine's insurance fund for   *)
(* `fund` and the oracle's stakes for `stake`.                             *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Sequences

CONSTANTS
    Keys,            \* the key universe (model values k1, k2, ...; Java index of kK is K - 1)
    InitOwners,      \* owners at start
    InitThreshold,   \* threshold at start
    Faulty,          \* keys held by Byzantine signers (environment only; Java never knows)
    MaxOwners,       \* bound on the number of owners
    ChainId,         \* this chain's id
    Chains,          \* chain ids a submitted proposal may name (domain; others are refused)
    Delay,           \* timelock: block ends between queueing and execution
    Window,          \* a proposal's nonce must be in nonce..nonce+Window-1 when submitted
    MaxNonce,        \* model bound: proposals carry nonces 0..MaxNonce-1
    Kinds,           \* model bound: the kinds of proposal submitted (a subset of AllKinds)
    \* margin parameters: hard bounds (inclusive), start values, payload domains
    MinImBps, MaxImBps, MinMmBps, MaxMmBps, MinFeeBps, MaxFeeBps,
    InitImBps, InitMmBps, InitFeeBps,
    ImChoices, MmChoices, FeeChoices,
    \* insurance fund: floor, bound, start value, payload domain, environment flows
    Floor, MaxFund, InitFund, WithdrawChoices, FundIn, FundOut,
    \* oracle reporters: the reporters, bound on a stake, start stake, payload domain
    Reporters, MaxStake, InitStake, StakeChoices,
    \* thresholds named by owner-management proposals (domain)
    ThresholdChoices

AllKinds == {"SetParams", "Withdraw", "SetStake", "AddOwner", "RemoveOwner",
             "SwapOwner", "ChangeThreshold", "Cancel"}

ASSUME /\ IsFiniteSet(Keys) /\ Keys # {}
       /\ InitOwners \subseteq Keys /\ Faulty \subseteq Keys
       /\ MaxOwners \in 1..Cardinality(Keys)
       /\ Cardinality(InitOwners) \in 1..MaxOwners
       /\ InitThreshold \in 1..Cardinality(InitOwners)
       /\ ChainId \in Chains
       /\ Delay \in Nat /\ Window \in Nat \ {0} /\ MaxNonce \in Nat
       /\ Kinds \subseteq AllKinds
       /\ MinImBps <= InitImBps /\ InitImBps <= MaxImBps
       /\ MinMmBps <= InitMmBps /\ InitMmBps <= MaxMmBps /\ InitMmBps <= InitImBps
       /\ MinFeeBps <= InitFeeBps /\ InitFeeBps <= MaxFeeBps
       /\ ImChoices \subseteq Int /\ MmChoices \subseteq Int /\ FeeChoices \subseteq Int
       /\ Floor \in Nat /\ MaxFund \in Nat /\ InitFund \in 0..MaxFund
       /\ WithdrawChoices \subseteq Int /\ FundIn \subseteq Nat /\ FundOut \subseteq Nat
       /\ IsFiniteSet(Reporters) /\ Reporters # {}
       /\ MaxStake \in Nat \ {0} /\ InitStake \in 1..MaxStake
       /\ StakeChoices \subseteq Int /\ ThresholdChoices \subseteq Int

VARIABLES
    \* governance state
    owners,      \* the current owners, a subset of Keys
    threshold,   \* approvals needed, 1..Cardinality(owners)
    nonce,       \* the next nonce to execute (= number of proposals executed or cancelled)
    proposal,    \* [Keys -> Proposals \cup {NoProposal}]: each owner's open proposal
    approvals,   \* [Keys -> approval sets]: the approvals of each open proposal
    waited,      \* [Keys -> -1..Delay]: block ends since queued (capped at Delay), -1 = not queued
    \* governed state
    params,      \* the margin parameters in force: [im |-> bps, mm |-> bps, fee |-> bps]
    pending,     \* parameters to take effect at the next block end, or NoParams
    fund,        \* the insurance fund, quote units
    stake,       \* [Reporters -> 0..MaxStake]: the oracle reporters' stakes (0 = not a reporter)
    lastAction   \* name and parameters of the action that produced the state

govVars  == <<owners, threshold, nonce, proposal, approvals, waited>>
ruleVars == <<params, pending, fund, stake>>
vars     == <<owners, threshold, nonce, proposal, approvals, waited,
              params, pending, fund, stake, lastAction>>

(* The state without lastAction: property-checking configs use it as      *)
(* their VIEW (trace and graph configs keep lastAction).  Sound for the   *)
(* properties here: they read lastAction' (the successor's, which TLC     *)
(* computes afresh for every transition), never lastAction.               *)
View == <<govVars, ruleVars>>

-----------------------------------------------------------------------------
(* Values *)

Min(x, y) == IF x <= y THEN x ELSE y

NoProposal == [kind |-> "None"]
NoParams   == [kind |-> "None"]
Nonces     == 0..(MaxNonce - 1)

ParamsRec(i, m, f) == [im |-> i, mm |-> m, fee |-> f]
InitParams == ParamsRec(InitImBps, InitMmBps, InitFeeBps)

(* The proposals of one kind, over the model's payload domains.  Every     *)
(* proposal names a chain and a nonce; its hash (what owners sign) is a    *)
(* function of the whole record.                                          *)
ProposalsOf(kd) ==
    CASE kd = "SetParams" ->
            [kind : {kd}, im : ImChoices, mm : MmChoices, fee : FeeChoices,
             nonce : Nonces, chain : Chains]
      [] kd = "Withdraw" ->
            [kind : {kd}, amount : WithdrawChoices, nonce : Nonces, chain : Chains]
      [] kd = "SetStake" ->
            [kind : {kd}, reporter : Reporters, stake : StakeChoices,
             nonce : Nonces, chain : Chains]
      [] kd \in {"AddOwner", "RemoveOwner"} ->
            [kind : {kd}, owner : Keys, threshold : ThresholdChoices,
             nonce : Nonces, chain : Chains]
      [] kd = "SwapOwner" ->
            [kind : {kd}, old : Keys, new : Keys, nonce : Nonces, chain : Chains]
      [] kd = "ChangeThreshold" ->
            [kind : {kd}, threshold : ThresholdChoices, nonce : Nonces, chain : Chains]
      [] kd = "Cancel" ->
            [kind : {kd}, nonce : Nonces, chain : Chains]

Proposals == UNION {ProposalsOf(kd) : kd \in Kinds}

ParamsOf(p) == ParamsRec(p.im, p.mm, p.fee)

(* The hard bounds of the margin parameters (and mm <= im, Margin's ASSUME). *)
ParamsInBoundsOf(q) ==
    /\ q.im \in MinImBps..MaxImBps
    /\ q.mm \in MinMmBps..MaxMmBps
    /\ q.fee \in MinFeeBps..MaxFeeBps
    /\ q.mm <= q.im

-----------------------------------------------------------------------------
(* Approval sets.  A proposal's approvals are a set of keys: one approval *)
(* per owner whatever the number of signatures received.  The operators   *)
(* below are the only ones that touch the representation (Java: one      *)
(* boolean per (proposal, key)); the vacuity mutant that forgets to       *)
(* de-duplicate replaces them with sequences.                              *)

NoApprovals == {}
WithApproval(A, k) == A \cup {k}
WithoutApprover(A, k) == A \ {k}
Approvers(A) == A

(* The approvals that count: those of distinct current owners.  Counted   *)
(* again at execution (owners may have changed since the approvals).      *)
QuorumCount(A) == Cardinality(Approvers(A) \cap owners)

IsOpen(s) == proposal[s] # NoProposal
HasQuorum(s) == QuorumCount(approvals[s]) >= threshold

-----------------------------------------------------------------------------
(* Static validity (checked at submission; the hard bounds are constants) *)
(* and applicability (checked at execution, against the state then).      *)

ParamsWellFormed(p) == ParamsInBoundsOf(ParamsOf(p))

WellFormed(p) ==
    CASE p.kind = "SetParams"       -> ParamsWellFormed(p)
      [] p.kind = "Withdraw"        -> p.amount \in 1..MaxFund
      [] p.kind = "SetStake"        -> p.stake \in 0..MaxStake
      [] p.kind = "AddOwner"        -> p.threshold \in 1..MaxOwners
      [] p.kind = "RemoveOwner"     -> p.threshold \in 1..MaxOwners
      [] p.kind = "SwapOwner"       -> p.old # p.new
      [] p.kind = "ChangeThreshold" -> p.threshold \in 1..MaxOwners
      [] p.kind = "Cancel"          -> TRUE

(* The surplus above the floor that governance may withdraw. *)
Surplus == fund - Floor

StakeAfter(p) == [stake EXCEPT ![p.reporter] = p.stake]

WithdrawApplicable(p)  == p.amount <= Surplus
StakeApplicable(p)     == \E r \in Reporters : StakeAfter(p)[r] > 0
AddApplicable(p)       == /\ p.owner \notin owners
                          /\ Cardinality(owners) < MaxOwners
                          /\ p.threshold <= Cardinality(owners) + 1
RemoveApplicable(p)    == /\ p.owner \in owners
                          /\ p.threshold <= Cardinality(owners) - 1
SwapApplicable(p)      == p.old \in owners /\ p.new \notin owners
ThresholdApplicable(p) == p.threshold <= Cardinality(owners)

Applicable(p) ==
    CASE p.kind = "SetParams"       -> TRUE
      [] p.kind = "Withdraw"        -> WithdrawApplicable(p)
      [] p.kind = "SetStake"        -> StakeApplicable(p)
      [] p.kind = "AddOwner"        -> AddApplicable(p)
      [] p.kind = "RemoveOwner"     -> RemoveApplicable(p)
      [] p.kind = "SwapOwner"       -> SwapApplicable(p)
      [] p.kind = "ChangeThreshold" -> ThresholdApplicable(p)
      [] p.kind = "Cancel"          -> TRUE

(* Environment: what an honest key holder is willing to sign.  Default:   *)
(* anything (the safety configs); MCLive overrides it.                    *)
HonestLikes(k, p) == TRUE
Signs(k, p) == k \notin Faulty => HonestLikes(k, p)

(* Environment: whether an honest owner retracts its proposal p.  Default: *)
(* it may (the safety configs); MCLive's honest owners keep theirs.         *)
HonestRetracts(k, p) == TRUE

-----------------------------------------------------------------------------
(* Effects of an executed proposal *)

(* The key an owner-management proposal takes out of the owners, if any. *)
Leaving(p) ==
    CASE p.kind = "RemoveOwner" -> {p.owner}
      [] p.kind = "SwapOwner"   -> {p.old}
      [] OTHER                  -> {}

(* Approvals of a leaving owner are void: they are dropped at once, so    *)
(* they never count again, even if the key is added back later.           *)
VoidLeaving(A, p) ==
    CASE p.kind = "RemoveOwner" -> WithoutApprover(A, p.owner)
      [] p.kind = "SwapOwner"   -> WithoutApprover(A, p.old)
      [] OTHER                  -> A

(* Retiring the nonce of p: every open proposal for that nonce is dropped *)
(* (it can never execute), and so is a leaving owner's own proposal.       *)
Retired(p) == {x \in Keys : (IsOpen(x) /\ proposal[x].nonce = p.nonce) \/ x \in Leaving(p)}

Retire(p) ==
    LET R == Retired(p) IN
    /\ proposal'  = [x \in Keys |-> IF x \in R THEN NoProposal ELSE proposal[x]]
    /\ approvals' = [x \in Keys |-> IF x \in R THEN NoApprovals ELSE VoidLeaving(approvals[x], p)]
    /\ waited'    = [x \in Keys |-> IF x \in R THEN -1 ELSE waited[x]]

OwnersAfter(p) ==
    CASE p.kind = "AddOwner"    -> owners \cup {p.owner}
      [] p.kind = "RemoveOwner" -> owners \ {p.owner}
      [] p.kind = "SwapOwner"   -> (owners \ {p.old}) \cup {p.new}
      [] OTHER                  -> owners

ThresholdAfter(p) ==
    IF p.kind \in {"AddOwner", "RemoveOwner", "ChangeThreshold"} THEN p.threshold ELSE threshold

(* The governed state: a parameter change is pending until the block end; *)
(* a withdrawal leaves the fund; a stake change is immediate.              *)
Effect(p) ==
    /\ owners'    = OwnersAfter(p)
    /\ threshold' = ThresholdAfter(p)
    /\ pending'   = IF p.kind = "SetParams" THEN ParamsOf(p) ELSE pending
    /\ fund'      = IF p.kind = "Withdraw" THEN fund - p.amount ELSE fund
    /\ stake'     = IF p.kind = "SetStake" THEN StakeAfter(p) ELSE stake
    /\ UNCHANGED params

-----------------------------------------------------------------------------
(* The actions as functions of the state.  XEffect is the record of the   *)
(* governance and governed state after action X (its guard assumed), so  *)
(* that a composed spec (spec/ledger/LedgerApp.tla) applies the actions   *)
(* to state records through a parameterised INSTANCE; the actions below   *)
(* are SetGState(XEffect) plus lastAction.                                 *)

GState == [owners |-> owners, threshold |-> threshold, nonce |-> nonce,
           proposal |-> proposal, approvals |-> approvals, waited |-> waited,
           params |-> params, pending |-> pending, fund |-> fund, stake |-> stake]

SetGState(g) ==
    /\ owners' = g.owners /\ threshold' = g.threshold /\ nonce' = g.nonce
    /\ proposal' = g.proposal /\ approvals' = g.approvals /\ waited' = g.waited
    /\ params' = g.params /\ pending' = g.pending /\ fund' = g.fund /\ stake' = g.stake

ProposeEffect(k, p) ==
    [GState EXCEPT !.proposal = [proposal EXCEPT ![k] = p],
                   !.approvals = [approvals EXCEPT ![k] = WithApproval(NoApprovals, k)]]

ApproveEffect(k, s) ==
    [GState EXCEPT !.approvals = [approvals EXCEPT ![s] = WithApproval(@, k)]]

RetractEffect(k) ==
    [GState EXCEPT !.proposal = [proposal EXCEPT ![k] = NoProposal],
                   !.approvals = [approvals EXCEPT ![k] = NoApprovals],
                   !.waited = [waited EXCEPT ![k] = -1]]

QueueEffect(s) == [GState EXCEPT !.waited = [waited EXCEPT ![s] = 0]]

(* Retiring the nonce of p (see Retire below), as a record update. *)
RetiredState(g, p) ==
    LET R == Retired(p) IN
    [g EXCEPT !.proposal  = [x \in Keys |-> IF x \in R THEN NoProposal ELSE proposal[x]],
              !.approvals = [x \in Keys |-> IF x \in R THEN NoApprovals
                                             ELSE VoidLeaving(approvals[x], p)],
              !.waited    = [x \in Keys |-> IF x \in R THEN -1 ELSE waited[x]],
              !.nonce     = nonce + 1]

ExecuteEffect(s) ==
    LET p == proposal[s] IN
    RetiredState([GState EXCEPT
                    !.owners    = OwnersAfter(p),
                    !.threshold = ThresholdAfter(p),
                    !.pending   = IF p.kind = "SetParams" THEN ParamsOf(p) ELSE pending,
                    !.fund      = IF p.kind = "Withdraw" THEN fund - p.amount ELSE fund,
                    !.stake     = IF p.kind = "SetStake" THEN StakeAfter(p) ELSE stake], p)

CancelEffect(s) == RetiredState(GState, proposal[s])

EndBlockEffect ==
    [GState EXCEPT !.waited = [x \in Keys |-> IF waited[x] >= 0 THEN Min(waited[x] + 1, Delay) ELSE -1],
                   !.params = IF pending = NoParams THEN params ELSE pending,
                   !.pending = NoParams]

-----------------------------------------------------------------------------
(* Actions *)

Init ==
    /\ owners = InitOwners
    /\ threshold = InitThreshold
    /\ nonce = 0
    /\ proposal = [k \in Keys |-> NoProposal]
    /\ approvals = [k \in Keys |-> NoApprovals]
    /\ waited = [k \in Keys |-> -1]
    /\ params = InitParams
    /\ pending = NoParams
    /\ fund = InitFund
    /\ stake = [r \in Reporters |-> InitStake]
    /\ lastAction = [name |-> "Init"]

(* Propose(k, p): owner k submits p, signed by k (its approval).  One     *)
(* open proposal per owner (a Byzantine owner can fill only its own slot) *)
(* and one per content (the hash identifies it); the chain must be this   *)
(* one and the nonce within the window.                                   *)
ProposeGuard(k, p) ==
    /\ k \in owners
    /\ proposal[k] = NoProposal
    /\ p.chain = ChainId
    /\ p.nonce \in nonce..(nonce + Window - 1)
    /\ WellFormed(p)
    /\ Applicable(p)
    /\ \A s \in Keys : proposal[s] # p

Propose(k, p) ==
    /\ ProposeGuard(k, p)
    /\ Signs(k, p)
    /\ proposal' = [proposal EXCEPT ![k] = p]
    /\ approvals' = [approvals EXCEPT ![k] = WithApproval(NoApprovals, k)]
    /\ lastAction' = [name |-> "Propose", k |-> k, p |-> p]
    /\ UNCHANGED <<owners, threshold, nonce, waited, params, pending, fund, stake>>

(* Approve(k, s): owner k approves the open proposal of owner s.  An      *)
(* approval by a non-owner, or a second one by the same owner, is refused. *)
ApproveGuard(k, s) ==
    /\ IsOpen(s)
    /\ k \in owners
    /\ k \notin Approvers(approvals[s])

Approve(k, s) ==
    /\ ApproveGuard(k, s)
    /\ Signs(k, proposal[s])
    /\ approvals' = [approvals EXCEPT ![s] = WithApproval(@, k)]
    /\ lastAction' = [name |-> "Approve", k |-> k, s |-> s]
    /\ UNCHANGED <<owners, threshold, nonce, proposal, waited, params, pending, fund, stake>>

(* Retract(k): owner k withdraws its own open proposal: its slot, its    *)
(* approvals and its timelock are cleared.  Without it, an owner whose    *)
(* proposal for the next nonce can no longer apply, while every other     *)
(* owner's slot holds a proposal for a later nonce, would block           *)
(* governance for good: nobody could propose the Cancel that unblocks it. *)
RetractGuard(k) == IsOpen(k)

Retract(k) ==
    /\ RetractGuard(k)
    /\ k \notin Faulty => HonestRetracts(k, proposal[k])
    /\ proposal' = [proposal EXCEPT ![k] = NoProposal]
    /\ approvals' = [approvals EXCEPT ![k] = NoApprovals]
    /\ waited' = [waited EXCEPT ![k] = -1]
    /\ lastAction' = [name |-> "Retract", k |-> k]
    /\ UNCHANGED <<owners, threshold, nonce, params, pending, fund, stake>>

(* Queue(s): the proposal of s has a quorum; its timelock starts.  Anyone *)
(* may call it.  A Cancel is never timelocked.                            *)
QueueGuard(s) ==
    /\ IsOpen(s)
    /\ proposal[s].kind # "Cancel"
    /\ waited[s] = -1
    /\ HasQuorum(s)

Queue(s) ==
    /\ QueueGuard(s)
    /\ waited' = [waited EXCEPT ![s] = 0]
    /\ lastAction' = [name |-> "Queue", s |-> s]
    /\ UNCHANGED <<owners, threshold, nonce, proposal, approvals, params, pending, fund, stake>>

(* Execute(s): the proposal of s is for this chain and the next nonce,    *)
(* has the approvals of at least `threshold` distinct current owners,     *)
(* waited Delay block ends since it was queued, and still applies; it     *)
(* takes effect and its nonce is consumed.                                *)
ExecuteGuard(s) ==
    /\ IsOpen(s)
    /\ proposal[s].kind # "Cancel"
    /\ proposal[s].chain = ChainId
    /\ proposal[s].nonce = nonce
    /\ HasQuorum(s)
    /\ waited[s] >= Delay
    /\ Applicable(proposal[s])

Execute(s) ==
    /\ ExecuteGuard(s)
    /\ Effect(proposal[s])
    /\ Retire(proposal[s])
    /\ nonce' = nonce + 1
    /\ lastAction' = [name |-> "Execute", s |-> s, p |-> proposal[s]]

(* Cancel(s): a Cancel proposal for the next nonce with a quorum consumes *)
(* that nonce at once (no timelock): every proposal for it is dropped.    *)
(* This is how a quorum vetoes a queued change during its timelock.       *)
CancelGuard(s) ==
    /\ IsOpen(s)
    /\ proposal[s].kind = "Cancel"
    /\ proposal[s].chain = ChainId
    /\ proposal[s].nonce = nonce
    /\ HasQuorum(s)

Cancel(s) ==
    /\ CancelGuard(s)
    /\ Retire(proposal[s])
    /\ nonce' = nonce + 1
    /\ lastAction' = [name |-> "Cancel", s |-> s, p |-> proposal[s]]
    /\ UNCHANGED <<owners, threshold, params, pending, fund, stake>>

(* EndBlock: the block boundary.  Queued proposals have waited one more   *)
(* block; a pending parameter change takes effect.                        *)
EndBlock ==
    /\ waited' = [s \in Keys |-> IF waited[s] >= 0 THEN Min(waited[s] + 1, Delay) ELSE -1]
    /\ params' = IF pending = NoParams THEN params ELSE pending
    /\ pending' = NoParams
    /\ lastAction' = [name |-> "EndBlock"]
    /\ UNCHANGED <<owners, threshold, nonce, proposal, approvals, fund, stake>>

(* FundFlow(d): the environment -- the margin engine pays liquidation    *)
(* fees into the fund and covers deficits from it (which may take it      *)
(* below the floor: only governance is bound by the floor).               *)
FundFlow(d) ==
    /\ fund + d \in 0..MaxFund
    /\ fund' = fund + d
    /\ lastAction' = [name |-> "FundFlow", d |-> d]
    /\ UNCHANGED <<owners, threshold, nonce, proposal, approvals, waited, params, pending, stake>>

(* The proposals that pass the state-independent conjuncts of Propose's   *)
(* guard: Next enumerates these (a constant, computed once); Propose's    *)
(* guard still checks every conjunct, so the steps are the same as over   *)
(* all of Proposals.                                                      *)
Submittable == {p \in Proposals : p.chain = ChainId /\ WellFormed(p)}

GovernanceNext ==
    \/ \E k \in Keys, p \in Submittable : Propose(k, p)
    \/ \E k, s \in Keys : Approve(k, s)
    \/ \E k \in Keys : Retract(k)
    \/ \E s \in Keys : Queue(s) \/ Execute(s) \/ Cancel(s)
    \/ EndBlock

(* Fund flows: inflows FundIn, outflows FundOut (TLC configs cannot hold  *)
(* negative numbers).                                                      *)
FundDeltas == FundIn \cup {-x : x \in FundOut}

EnvNext == \E d \in FundDeltas : FundFlow(d)

Next == GovernanceNext \/ EnvNext

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

TypeOK ==
    /\ owners \subseteq Keys
    /\ threshold \in Nat
    /\ nonce \in 0..MaxNonce
    /\ proposal \in [Keys -> Proposals \cup {NoProposal}]
    /\ \A s \in Keys : Approvers(approvals[s]) \subseteq Keys
    /\ waited \in [Keys -> -1..Delay]
    /\ params \in [im : Int, mm : Int, fee : Int]
    /\ pending \in [im : Int, mm : Int, fee : Int] \cup {NoParams}
    /\ fund \in 0..MaxFund
    /\ stake \in [Reporters -> Int]

(* 1 <= k <= |owners| <= MaxOwners: the owners can always act, and no    *)
(* single key can unless the owners chose k = 1.                          *)
ThresholdSane ==
    /\ 1 <= threshold
    /\ threshold <= Cardinality(owners)
    /\ Cardinality(owners) <= MaxOwners

(* Every stored approval is a current owner's: approvals of an owner are  *)
(* voided when it leaves (see RemovedOwnerApprovalsVoid).                 *)
ApprovalsByOwners == \A s \in Keys : Approvers(approvals[s]) \subseteq owners

(* The margin parameters in force, and any pending change, are within     *)
(* the hard bounds.                                                        *)
ParamsInBounds ==
    /\ ParamsInBoundsOf(params)
    /\ pending # NoParams => ParamsInBoundsOf(pending)

(* Reporter stakes are within bounds and some reporter keeps a stake.     *)
StakeSane ==
    /\ \A r \in Reporters : stake[r] \in 0..MaxStake
    /\ \E r \in Reporters : stake[r] > 0

(* Every open proposal is for this chain and a nonce not yet consumed.    *)
OpenForThisChain == \A s \in Keys : IsOpen(s) => proposal[s].chain = ChainId

-----------------------------------------------------------------------------
(* Action properties.  A step that consumes a nonce (nonce' # nonce) is   *)
(* an execution or a cancellation; lastAction' names its slot.            *)

Consumes == nonce' # nonce
ConsumedSlot == lastAction'.s

(* No execution (or cancellation) without the approvals of at least       *)
(* `threshold` distinct current owners, counted in the state before it.   *)
NoExecutionWithoutQuorum ==
    [][Consumes =>
         /\ lastAction'.name \in {"Execute", "Cancel"}
         /\ IsOpen(ConsumedSlot)
         /\ Cardinality(Approvers(approvals[ConsumedSlot]) \cap owners) >= threshold]_vars

(* No replay: the nonce never decreases, each step consumes at most the   *)
(* next nonce, and the proposal consumed names exactly that nonce.  So    *)
(* each nonce is consumed at most once, in order.                         *)
NoReplay ==
    [][/\ nonce' >= nonce
       /\ Consumes => /\ nonce' = nonce + 1
                      /\ IsOpen(ConsumedSlot)
                      /\ proposal[ConsumedSlot].nonce = nonce]_vars

(* When an owner leaves, its approvals are void at once: none remains on  *)
(* any proposal, so it counts neither now nor after a re-addition.         *)
RemovedOwnerApprovalsVoid ==
    [][\A k, s \in Keys :
          k \in owners /\ k \notin owners' => k \notin Approvers(approvals'[s])]_vars

(* Timelock: a (non-cancel) proposal executes only after Delay block ends *)
(* since it was queued; and the block count only starts at a queueing     *)
(* with a quorum, then grows by one per block end.                        *)
TimelockRespected ==
    [][/\ \A s \in Keys :
            lastAction'.name = "Execute" /\ lastAction'.s = s => waited[s] >= Delay
       /\ \A s \in Keys :
            waited'[s] # waited[s] =>
                \/ waited'[s] = -1
                \/ waited[s] = -1 /\ waited'[s] = 0 /\ HasQuorum(s)
                \/ lastAction'.name = "EndBlock" /\ waited'[s] = waited[s] + 1]_vars

(* Governance never takes the fund below its floor (the margin engine's   *)
(* deficits may; governance then cannot withdraw until it recovers).      *)
FundFloor ==
    [][Consumes /\ fund' < fund => fund' >= Floor]_vars

(* Parameters change only at a block boundary. *)
ParamsAtBlockBoundary ==
    [][params' # params => lastAction'.name = "EndBlock"]_vars

(* The XEffect functions are the actions: every step of an action is     *)
(* its XEffect of the state before (checked in MC and MCTreasury, so the  *)
(* composed ledger, which uses only the functions, applies these rules).  *)
EffectsMatchActions ==
    [][LET a == lastAction' IN
       GState' = CASE a.name = "Propose"  -> ProposeEffect(a.k, a.p)
                   [] a.name = "Approve"  -> ApproveEffect(a.k, a.s)
                   [] a.name = "Retract"  -> RetractEffect(a.k)
                   [] a.name = "Queue"    -> QueueEffect(a.s)
                   [] a.name = "Execute"  -> ExecuteEffect(a.s)
                   [] a.name = "Cancel"   -> CancelEffect(a.s)
                   [] a.name = "EndBlock" -> EndBlockEffect
                   [] a.name = "FundFlow" -> [GState EXCEPT !.fund = fund + a.d]]_vars

-----------------------------------------------------------------------------
(* Liveness *)

(* The open proposal of s has the approvals of `threshold` honest current *)
(* owners.                                                                 *)
HonestQuorum(s) ==
    /\ IsOpen(s)
    /\ Cardinality((Approvers(approvals[s]) \cap owners) \ Faulty) >= threshold

(* MCLive's honest owners: sign a proposal only for the current nonce,    *)
(* only if it applies now, and at most one proposal per nonce.            *)
LiveLikes(k, p) ==
    /\ p.nonce = nonce
    /\ Applicable(p)
    /\ \A s \in Keys : IsOpen(s) /\ proposal[s].nonce = p.nonce /\ proposal[s] # p
                           => k \notin Approvers(approvals[s])

(* MCLive's honest owners keep the proposals they made. *)
LiveRetracts(k, p) == FALSE

(* Blocks keep coming; anyone queues, executes and cancels what can be.   *)
(* Fund flows and Byzantine owners are not fair.                          *)
Fairness ==
    /\ WF_vars(EndBlock)
    /\ \A s \in Keys : WF_vars(Queue(s)) /\ WF_vars(Execute(s)) /\ WF_vars(Cancel(s))

LiveSpec == Spec /\ Fairness

(* Quorums intersect: any two sets of `threshold` owners share one.  Then *)
(* owners that sign at most one proposal per nonce cannot give two         *)
(* proposals for the same nonce a quorum each.                            *)
QuorumsIntersect == 2 * threshold > Cardinality(owners)

(* Executed(s, n): the last step executed (or carried out the Cancel of)  *)
(* the proposal of s for nonce n.                                         *)
Executed(s, n) ==
    lastAction.name \in {"Execute", "Cancel"} /\ lastAction.s = s /\ lastAction.p.nonce = n

(* While quorums intersect, a proposal of an honest owner with the        *)
(* approvals of `threshold` honest current owners is executed (a Cancel:  *)
(* carried out).  Without intersection it need not be:                     *)
(* vacuity/HonestQuorumExecutes.cfg.  (A faulty proposer may retract its   *)
(* proposal; honest owners then propose it again.)                         *)
HonestQuorumExecutes ==
    \A s \in Keys \ Faulty, n \in Nonces :
        (HonestQuorum(s) /\ QuorumsIntersect /\ proposal[s].nonce = n) ~> Executed(s, n)

=============================================================================
