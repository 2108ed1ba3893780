package dev.bulwark.conformance.governance;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceException;
import dev.bulwark.governance.GovernanceParams;
import dev.bulwark.governance.OwnerAddition;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adapter between spec/governance/Governance.tla and {@link Governance}, for the constants of one
 * config.  Keys: model value kK (numeric suffix order) is index K-1; reporters rK likewise.
 *
 * <pre>
 * spec variable  Java
 * owners         the k with isOwner(k)
 * threshold      threshold()          nonce   nonce()          fund   fund()
 * proposal[s]    proposalOf(s) as a record (null = [kind |-> "None"])
 * approvals[s]   the k with hasApproved(s, k)
 * waited[s]      waited(s): -1, or min(Delay, height - queuedAt(s))
 * params         [im |-> imBps(), mm |-> mmBps(), fee |-> feeBps()]
 * pending        the pending triple, or [kind |-> "None"]
 * stake[r]       stakeOf(r)
 * lastAction     Propose(k, p) -> propose(k, p), Approve(k, s) -> approve(k, s), Retract(k) -> retract(k),
 *                Queue(s) -> queue(s),
 *                Execute(s) -> execute(s), Cancel(s) -> cancel(s) (their record's p, the proposal
 *                of s, is derived), EndBlock -> endBlock(),
 *                FundFlow(d) -> fundFlow(d)
 * </pre>
 *
 * {@link #fromSpec} loads a state at height Delay with queuedAt(s) = Delay - waited[s] (the spec
 * keeps only the blocks waited).  The spec's environment (Faulty, HonestLikes) is not Java state;
 * with the default HonestLikes (TRUE) of every config used here it constrains nothing, so every
 * refusal is the core's own {@link GovernanceException}.
 */
public final class GovernanceAdapter implements SpecAdapter<Governance> {

    public static final Path DIR = TlcRunner.projectRoot().resolve("spec/governance");
    public static final List<String> ACTIONS = List.of("Propose", "Approve", "Retract", "Queue", "Execute", "Cancel",
            "EndBlock", "FundFlow");
    static final TlaValue.Rec NONE = TlaValue.rec("kind", TlaValue.str("None"));

    private final List<TlaValue.ModelValue> keys;
    private final List<TlaValue.ModelValue> reporters;
    private final GovernanceParams params;
    private final int[] initOwners;
    private final int initThreshold;
    private final long initIm;
    private final long initMm;
    private final long initFee;
    private final long initFund;
    private final long initStake;
    private final List<TlaValue.Rec> candidates;

    public GovernanceAdapter(Map<String, TlaValue> c) {
        this.keys = SpecValues.modelValues(c.get("Keys"));
        this.reporters = SpecValues.modelValues(c.get("Reporters"));
        this.params = new GovernanceParams(keys.size(), (int) k(c, "MaxOwners"), k(c, "ChainId"), k(c, "Delay"),
                (int) k(c, "Window"), k(c, "MinImBps"), k(c, "MaxImBps"), k(c, "MinMmBps"), k(c, "MaxMmBps"),
                k(c, "MinFeeBps"), k(c, "MaxFeeBps"), k(c, "Floor"), k(c, "MaxFund"), reporters.size(),
                k(c, "MaxStake"));
        List<TlaValue.ModelValue> io = SpecValues.modelValues(c.get("InitOwners"));
        this.initOwners = io.stream().mapToInt(v -> SpecValues.indexOf(keys, v)).toArray();
        this.initThreshold = (int) k(c, "InitThreshold");
        this.initIm = k(c, "InitImBps");
        this.initMm = k(c, "InitMmBps");
        this.initFee = k(c, "InitFeeBps");
        this.initFund = k(c, "InitFund");
        this.initStake = k(c, "InitStake");
        this.candidates = List.copyOf(buildCandidates(c));
    }

    private static long k(Map<String, TlaValue> c, String name) {
        return SpecValues.constant(c, name);
    }

    public GovernanceParams params() {
        return params;
    }

    public List<TlaValue.ModelValue> keys() {
        return keys;
    }

    @Override
    public String specName() {
        return "governance";
    }

    @Override
    public Path module() {
        return DIR.resolve("Governance.tla");
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    @Override
    public Governance init() {
        long[] stake = new long[reporters.size()];
        Arrays.fill(stake, initStake);
        return new Governance(params, initOwners, initThreshold, initIm, initMm, initFee, initFund, stake);
    }

    // ------------------------------------------------------------------ proposals <-> records

    /** The spec record of a proposal (null: NoProposal). */
    public TlaValue proposalRecord(Proposal p) {
        if (p == null) {
            return NONE;
        }
        Payload q = p.payload();
        List<Object> f = new ArrayList<>(List.of("kind", TlaValue.str(Payload.kindName(q.kind())),
                "nonce", TlaValue.of(p.nonce()), "chain", TlaValue.of(p.chainId())));
        if (q instanceof ParamsChange c) {
            f.addAll(List.of("im", TlaValue.of(c.imBps()), "mm", TlaValue.of(c.mmBps()), "fee", TlaValue.of(c.feeBps())));
        } else if (q instanceof FundWithdrawal c) {
            f.addAll(List.of("amount", TlaValue.of(c.amount())));
        } else if (q instanceof StakeChange c) {
            f.addAll(List.of("reporter", reporters.get(c.reporter()), "stake", TlaValue.of(c.stake())));
        } else if (q instanceof OwnerAddition c) {
            f.addAll(List.of("owner", keys.get(c.owner()), "threshold", TlaValue.of(c.threshold())));
        } else if (q instanceof OwnerRemoval c) {
            f.addAll(List.of("owner", keys.get(c.owner()), "threshold", TlaValue.of(c.threshold())));
        } else if (q instanceof OwnerSwap c) {
            f.addAll(List.of("old", keys.get(c.oldOwner()), "new", keys.get(c.newOwner())));
        } else if (q instanceof ThresholdChange c) {
            f.addAll(List.of("threshold", TlaValue.of(c.threshold())));
        }
        return TlaValue.rec(f.toArray());
    }

    /** The proposal of a spec record (null for NoProposal). */
    public Proposal proposalOf(TlaValue v) {
        TlaValue.Rec r = (TlaValue.Rec) v;
        String kind = r.getStr("kind");
        if (kind.equals("None")) {
            return null;
        }
        Payload q = switch (kind) {
            case "SetParams" -> new ParamsChange(r.getInt("im"), r.getInt("mm"), r.getInt("fee"));
            case "Withdraw" -> new FundWithdrawal(r.getInt("amount"));
            case "SetStake" -> new StakeChange(SpecValues.indexOf(reporters, r.get("reporter")), r.getInt("stake"));
            case "AddOwner" -> new OwnerAddition(key(r.get("owner")), (int) r.getInt("threshold"));
            case "RemoveOwner" -> new OwnerRemoval(key(r.get("owner")), (int) r.getInt("threshold"));
            case "SwapOwner" -> new OwnerSwap(key(r.get("old")), key(r.get("new")));
            case "ChangeThreshold" -> new ThresholdChange((int) r.getInt("threshold"));
            case "Cancel" -> new Cancellation();
            default -> throw new IllegalArgumentException("unknown proposal kind " + r.toTla());
        };
        return new Proposal(q, r.getInt("chain"), r.getInt("nonce"));
    }

    private int key(TlaValue v) {
        return SpecValues.indexOf(keys, v);
    }

    private static TlaValue.Rec paramsRec(long im, long mm, long fee) {
        return TlaValue.rec("im", TlaValue.of(im), "mm", TlaValue.of(mm), "fee", TlaValue.of(fee));
    }

    // ------------------------------------------------------------------ abstraction function

    @Override
    public Governance fromSpec(Map<String, TlaValue> s) {
        int n = keys.size();
        long height = params.delayBlocks;
        boolean[] owners = new boolean[n];
        for (TlaValue v : ((TlaValue.SetV) s.get("owners")).elems()) {
            owners[key(v)] = true;
        }
        Proposal[] proposals = new Proposal[n];
        boolean[][] approvals = new boolean[n][n];
        long[] queuedAt = new long[n];
        TlaValue.Fn prop = (TlaValue.Fn) s.get("proposal");
        TlaValue.Fn appr = (TlaValue.Fn) s.get("approvals");
        TlaValue.Fn wait = (TlaValue.Fn) s.get("waited");
        for (int i = 0; i < n; i++) {
            proposals[i] = proposalOf(prop.apply(keys.get(i)));
            for (TlaValue v : ((TlaValue.SetV) appr.apply(keys.get(i))).elems()) {
                approvals[i][key(v)] = true;
            }
            long w = SpecValues.asLong(wait.apply(keys.get(i)));
            queuedAt[i] = w < 0 ? Governance.NOT_QUEUED : height - w;
        }
        TlaValue.Rec pr = (TlaValue.Rec) s.get("params");
        TlaValue.Rec pe = (TlaValue.Rec) s.get("pending");
        boolean pendingSet = !pe.has("kind");
        return Governance.fromState(params, height, owners, (int) SpecValues.asLong(s.get("threshold")),
                SpecValues.asLong(s.get("nonce")), proposals, approvals, queuedAt, pr.getInt("im"), pr.getInt("mm"),
                pr.getInt("fee"), pendingSet, pendingSet ? pe.getInt("im") : 0, pendingSet ? pe.getInt("mm") : 0,
                pendingSet ? pe.getInt("fee") : 0, SpecValues.asLong(s.get("fund")),
                SpecValues.toArray(reporters, s.get("stake")));
    }

    @Override
    public Map<String, TlaValue> toSpec(Governance g) {
        int n = keys.size();
        Map<String, TlaValue> m = new LinkedHashMap<>();
        List<TlaValue> owners = new ArrayList<>();
        TreeMap<TlaValue, TlaValue> prop = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> appr = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> wait = new TreeMap<>(TlaValue.ORDER);
        for (int s = 0; s < n; s++) {
            if (g.isOwner(s)) {
                owners.add(keys.get(s));
            }
            prop.put(keys.get(s), proposalRecord(g.proposalOf(s)));
            List<TlaValue> a = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (g.hasApproved(s, k)) {
                    a.add(keys.get(k));
                }
            }
            appr.put(keys.get(s), new TlaValue.SetV(a));
            wait.put(keys.get(s), TlaValue.of(g.waited(s)));
        }
        m.put("owners", new TlaValue.SetV(owners));
        m.put("threshold", TlaValue.of(g.threshold()));
        m.put("nonce", TlaValue.of(g.nonce()));
        m.put("proposal", new TlaValue.Fn(prop));
        m.put("approvals", new TlaValue.Fn(appr));
        m.put("waited", new TlaValue.Fn(wait));
        m.put("params", paramsRec(g.imBps(), g.mmBps(), g.feeBps()));
        m.put("pending", g.hasPendingParams() ? paramsRec(g.pendingImBps(), g.pendingMmBps(), g.pendingFeeBps()) : NONE);
        m.put("fund", TlaValue.of(g.fund()));
        long[] st = new long[reporters.size()];
        for (int r = 0; r < st.length; r++) {
            st[r] = g.stakeOf(r);
        }
        m.put("stake", SpecValues.fromArray(reporters, st));
        return m;
    }

    @Override
    public Governance copy(Governance g) {
        return g.copy();
    }

    @Override
    public void apply(Governance g, TlaValue.Rec a) {
        switch (a.getStr("name")) {
            case "Propose" -> g.propose(key(a.get("k")), proposalOf(a.get("p")));
            case "Approve" -> g.approve(key(a.get("k")), key(a.get("s")));
            case "Retract" -> g.retract(key(a.get("k")));
            case "Queue" -> g.queue(key(a.get("s")));
            case "Execute" -> g.execute(key(a.get("s")));
            case "Cancel" -> g.cancel(key(a.get("s")));
            case "EndBlock" -> g.endBlock();
            case "FundFlow" -> g.fundFlow(a.getInt("d"));
            default -> throw new IllegalArgumentException("unknown Governance action " + a.toTla());
        }
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof GovernanceException;
    }

    /**
     * The Next-domains: the fixed instances, and Execute(s) and Cancel(s) for every s; their action
     * record also names the proposal of s (lastAction's {@code p}, derived from the state).
     */
    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        List<TlaValue.Rec> out = new ArrayList<>(candidates);
        TlaValue.Fn prop = (TlaValue.Fn) state.get("proposal");
        for (String name : List.of("Execute", "Cancel")) {
            for (TlaValue.ModelValue s : keys) {
                out.add(TlaValue.rec("name", TlaValue.str(name), "s", s, "p", prop.apply(s)));
            }
        }
        return out;
    }

    /** The Next-domains of Governance.tla for these constants (Propose over all of Proposals, every chain). */
    private List<TlaValue.Rec> buildCandidates(Map<String, TlaValue> c) {
        List<TlaValue.Rec> out = new ArrayList<>();
        for (TlaValue p : proposals(c)) {
            for (TlaValue.ModelValue k : keys) {
                out.add(TlaValue.rec("name", TlaValue.str("Propose"), "k", k, "p", p));
            }
        }
        for (TlaValue.ModelValue k : keys) {
            for (TlaValue.ModelValue s : keys) {
                out.add(TlaValue.rec("name", TlaValue.str("Approve"), "k", k, "s", s));
            }
        }
        for (TlaValue.ModelValue s : keys) {
            out.add(TlaValue.rec("name", TlaValue.str("Retract"), "k", s));
            out.add(TlaValue.rec("name", TlaValue.str("Queue"), "s", s));
        }
        out.add(TlaValue.rec("name", TlaValue.str("EndBlock")));
        for (long d : fundDeltas(c)) {
            out.add(TlaValue.rec("name", TlaValue.str("FundFlow"), "d", TlaValue.of(d)));
        }
        return out;
    }

    static List<Long> fundDeltas(Map<String, TlaValue> c) {
        List<Long> d = new ArrayList<>(SpecValues.ints(c.get("FundIn")));
        for (long x : SpecValues.ints(c.get("FundOut"))) {
            if (!d.contains(-x)) {
                d.add(-x);
            }
        }
        return d;
    }

    /** Proposals == UNION {ProposalsOf(kd) : kd \in Kinds}, as records. */
    List<TlaValue> proposals(Map<String, TlaValue> c) {
        List<TlaValue> out = new ArrayList<>();
        long maxNonce = k(c, "MaxNonce");
        List<Long> chains = SpecValues.ints(c.get("Chains"));
        List<String> kinds = new ArrayList<>();
        for (TlaValue v : ((TlaValue.SetV) c.get("Kinds")).elems()) {
            kinds.add(((TlaValue.Str) v).value());
        }
        for (long nonce = 0; nonce < maxNonce; nonce++) {
            for (long chain : chains) {
                for (String kind : kinds) {
                    for (Payload q : payloads(kind, c)) {
                        out.add(proposalRecord(new Proposal(q, chain, nonce)));
                    }
                }
            }
        }
        return out;
    }

    private List<Payload> payloads(String kind, Map<String, TlaValue> c) {
        List<Payload> out = new ArrayList<>();
        int n = keys.size();
        switch (kind) {
            case "SetParams" -> {
                for (long im : SpecValues.ints(c.get("ImChoices"))) {
                    for (long mm : SpecValues.ints(c.get("MmChoices"))) {
                        for (long fee : SpecValues.ints(c.get("FeeChoices"))) {
                            out.add(new ParamsChange(im, mm, fee));
                        }
                    }
                }
            }
            case "Withdraw" -> SpecValues.ints(c.get("WithdrawChoices")).forEach(a -> out.add(new FundWithdrawal(a)));
            case "SetStake" -> {
                for (int r = 0; r < reporters.size(); r++) {
                    for (long s : SpecValues.ints(c.get("StakeChoices"))) {
                        out.add(new StakeChange(r, s));
                    }
                }
            }
            case "AddOwner", "RemoveOwner" -> {
                for (int o = 0; o < n; o++) {
                    for (long t : SpecValues.ints(c.get("ThresholdChoices"))) {
                        out.add(kind.equals("AddOwner") ? new OwnerAddition(o, (int) t) : new OwnerRemoval(o, (int) t));
                    }
                }
            }
            case "SwapOwner" -> {
                for (int o = 0; o < n; o++) {
                    for (int x = 0; x < n; x++) {
                        out.add(new OwnerSwap(o, x));
                    }
                }
            }
            case "ChangeThreshold" -> SpecValues.ints(c.get("ThresholdChoices"))
                    .forEach(t -> out.add(new ThresholdChange((int) (long) t)));
            case "Cancel" -> out.add(new Cancellation());
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        return out;
    }
}
