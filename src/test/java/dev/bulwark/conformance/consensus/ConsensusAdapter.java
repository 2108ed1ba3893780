package dev.bulwark.conformance.consensus;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.TlaParser;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.ConsensusException;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.Step;
import dev.bulwark.consensus.TestValues;
import dev.bulwark.consensus.Validator;
import dev.bulwark.consensus.ValidatorState;
import dev.bulwark.consensus.Value;
import dev.bulwark.consensus.ValuePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapter between spec/consensus/Tendermint.tla and the correct validators of
 * {@link dev.bulwark.consensus.Validator}, for the constants of one config.
 *
 * <p>The implementation object ({@link Net}) is the Java validators of the processes in
 * {@code Corr} plus the message pool (every message ever sent). Harness delivery: every
 * validator has received exactly the pool ({@code fromSpec} loads each one with
 * {@code Validator.fromState(config, p, state, pool)}); a spec action of validator p calls the
 * Java method of the same name on p, and p's broadcasts join the pool and are recorded by the
 * other validators ({@code recordMessage}, no rule fires). The faulty validators' messages are
 * in the spec's pool from {@code Init} (no Byzantine action): the adapter's initial pool is the
 * same set ({@link #allFaultyMessages()}).
 *
 * <pre>
 * spec                    Java
 * Procs, ProposerSeq      validator index = position in ProposerSeq; ConsensusConfig order 0..n-1
 * Power                   ConsensusConfig powers (Power &lt;- UnitPower | PowerC1Heavy)
 * ValidValues, InvalidValues  block digests: the model value m is the Value whose digest is
 *                         SHA-256 of m's TLA+ text ("v1", ...); one to one (a fixed table both
 *                         ways), so states compare exactly; valid(v) iff v is a ValidValues
 *                         digest; NilValue = Value.NIL
 * height[p] ... decision  Validator.state() (decision[p] = nil below base[p], the window
 *   base                  base[p]..height[p]-1, nil from height[p] on)
 * DecisionWindow          ConsensusConfig decisionWindow
 * msgsPropose/Prevote/    the pool, by type
 *   Precommit
 * evidence                not tracked by Java: unchecked (left out of every comparison)
 * lastAction              the call: InsertProposal -> insertProposal(v), ...,
 *                         Catchup(p, h, r, v) -> catchup(Certificate(h, r, v, the pool's PRECOMMIT(h, r, v))),
 *                         JoinAt(p, h, r, v) -> p's validator replaced by
 *                         p.joinAt(that certificate, the pool), i.e. Validator.atBase(config, p,
 *                         certificate, pool) once p's guard (active, h &gt;= height[p]) holds
 * </pre>
 */
public final class ConsensusAdapter implements SpecAdapter<ConsensusAdapter.Net> {

    public static final Path DIR = TlcRunner.projectRoot().resolve("spec/consensus");
    public static final List<String> ACTIONS = List.of("InsertProposal", "UponProposalInPropose",
            "UponProposalInProposeAndPrevote", "UponProposalInPrevoteOrCommitAndPrevote", "UponQuorumOfPrevotesNil",
            "UponProposalInPrecommitNoDecision", "OnRoundCatchup", "OnTimeoutPropose", "OnTimeoutPrevote",
            "OnTimeoutPrecommit", "Catchup", "JoinAt");
    /** The spec's evidence is chosen by the spec (which faulty messages a step used); Java does not track it. */
    public static final Set<String> UNCHECKED = Set.of("evidence");

    static final TlaValue.Str PROPOSAL = TlaValue.str("PROPOSAL");
    static final TlaValue.Str PREVOTE = TlaValue.str("PREVOTE");
    static final TlaValue.Str PRECOMMIT = TlaValue.str("PRECOMMIT");

    final List<String> procs;          // index order = ProposerSeq
    final List<String> corr;           // TLC's order of Corr
    final Set<String> faulty;
    final long[] power;
    final int maxHeight;
    final int maxRound;
    final int decisionWindow;
    final List<TlaValue.ModelValue> values;   // valid ones first
    /** digests.get(i): the block digest of values.get(i) (SHA-256 of its TLA+ text). */
    final List<Value> digests;
    final Map<Value, Integer> digestIndex;
    final int validCount;
    final TlaValue.ModelValue nil;
    final ConsensusConfig config;
    /** The config's FaultyMsgChoices: "" = the spec's default (every faulty message), else the operator. */
    final String faultyChoices;
    private final List<TlaValue.Rec> candidates;
    private final Map<Message, TlaValue.Rec> toRec = new ConcurrentHashMap<>();
    private final Map<TlaValue, Message> fromRec = new ConcurrentHashMap<>();

    /** Constants of a config; operator substitutions are resolved in the .tla files of {@code moduleDir}. */
    public ConsensusAdapter(Map<String, TlaValue> c, Path moduleDir) {
        this(c, moduleDir, 0);
    }

    /**
     * @param getValueSalt getValue(h, r) of the Java policy is the valid value number
     *                     (h + r + salt) mod |ValidValues| (any valid value is allowed by the spec)
     */
    public ConsensusAdapter(Map<String, TlaValue> c, Path moduleDir, long getValueSalt) {
        this.procs = new ArrayList<>();
        for (TlaValue v : sequence(c, "ProposerSeq", moduleDir).elems()) {
            procs.add(((TlaValue.Str) v).value());
        }
        this.corr = strings(c.get("Corr"));
        this.faulty = new LinkedHashSet<>(strings(c.get("Faulty")));
        if (corr.size() + faulty.size() != procs.size() || !procs.containsAll(corr) || !procs.containsAll(faulty)) {
            throw new IllegalArgumentException("ProposerSeq " + procs + " does not list Corr " + corr + " and Faulty " + faulty);
        }
        this.power = powers(c.get("Power"), procs);
        this.maxHeight = (int) asInt(c.get("MaxHeight"));
        this.maxRound = (int) asInt(c.get("MaxRound"));
        this.decisionWindow = (int) asInt(c.get("DecisionWindow"));
        this.values = new ArrayList<>();
        for (TlaValue v : ((TlaValue.SetV) c.get("ValidValues")).elems()) {
            values.add((TlaValue.ModelValue) v);
        }
        this.validCount = values.size();
        for (TlaValue v : ((TlaValue.SetV) c.get("InvalidValues")).elems()) {
            values.add((TlaValue.ModelValue) v);
        }
        this.nil = (TlaValue.ModelValue) c.get("NilValue");
        this.digests = new ArrayList<>();
        this.digestIndex = new java.util.HashMap<>();
        for (TlaValue.ModelValue m : values) {
            Value d = digestOf(m);
            if (digestIndex.putIfAbsent(d, digests.size()) != null) {
                throw new IllegalStateException("two spec values with one digest: " + m.toTla());
            }
            digests.add(d);
        }
        int k = validCount;
        List<Value> ds = List.copyOf(digests);
        Map<Value, Integer> index = Map.copyOf(digestIndex);
        ValuePolicy policy = new ValuePolicy() {
            @Override
            public boolean valid(Value x) {
                Integer i = x == null ? null : index.get(x);
                return i != null && i < k;
            }

            @Override
            public Value getValue(long h, int r) {
                return ds.get((int) Math.floorMod(h + r + getValueSalt, (long) k));
            }
        };
        int[] order = new int[procs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.config = new ConsensusConfig(power, order, maxHeight, maxRound, decisionWindow, policy);
        TlaValue fc = c.get("FaultyMsgChoices");
        this.faultyChoices = fc instanceof TlaValue.Str str && str.value().startsWith("<-") ? str.value().substring(2) : "";
        this.candidates = List.copyOf(buildCandidates());
    }

    // ---------------------------------------------------------------- constants

    private static List<String> strings(TlaValue set) {
        List<String> out = new ArrayList<>();
        for (TlaValue v : ((TlaValue.SetV) set).elems()) {
            out.add(((TlaValue.Str) v).value());
        }
        return out;
    }

    private static long asInt(TlaValue v) {
        return ((TlaValue.Int) v).value();
    }

    private static final Pattern DEF = Pattern.compile("(?m)^(\\w+)\\s*==\\s*(<<[^\\n]*>>)\\s*$");

    /** A sequence constant, given in the cfg or as {@code Op} of {@code C <- Op} defined as a literal in a module. */
    private static TlaValue.Seq sequence(Map<String, TlaValue> c, String name, Path moduleDir) {
        TlaValue v = c.get(name);
        if (v instanceof TlaValue.Seq s) {
            return s;
        }
        if (v instanceof TlaValue.Str s && s.value().startsWith("<-")) {
            String op = s.value().substring(2);
            try (var files = Files.list(moduleDir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!f.getFileName().toString().endsWith(".tla")) {
                        continue;
                    }
                    Matcher m = DEF.matcher(Files.readString(f));
                    while (m.find()) {
                        if (m.group(1).equals(op)) {
                            return (TlaValue.Seq) TlaParser.parseValue(m.group(2));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalArgumentException("no literal definition of " + op + " in " + moduleDir);
        }
        throw new IllegalArgumentException("constant " + name + " is neither a sequence nor a substitution: " + v);
    }

    /** The power functions the configs name (TendermintMC.tla): UnitPower and PowerC1Heavy. */
    private static long[] powers(TlaValue v, List<String> procs) {
        String op = v instanceof TlaValue.Str s && s.value().startsWith("<-") ? s.value().substring(2) : "";
        long[] p = new long[procs.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = switch (op) {
                case "UnitPower" -> 1;
                case "PowerC1Heavy" -> procs.get(i).equals("c1") ? 2 : 1;
                default -> throw new IllegalArgumentException("unknown power function " + v);
            };
        }
        return p;
    }

    // ---------------------------------------------------------------- values and messages

    int index(String proc) {
        int i = procs.indexOf(proc);
        if (i < 0) {
            throw new IllegalArgumentException("unknown validator " + proc);
        }
        return i;
    }

    /** The block digest standing for a spec model value: SHA-256 of its TLA+ text. */
    static Value digestOf(TlaValue m) {
        return TestValues.sha256(m.toTla());
    }

    Value value(TlaValue v) {
        if (v.equals(nil)) {
            return Value.NIL;
        }
        int i = values.indexOf(v);
        if (i < 0) {
            throw new IllegalArgumentException("unknown value " + v.toTla());
        }
        return digests.get(i);
    }

    TlaValue spec(Value v) {
        if (v.isNil()) {
            return nil;
        }
        Integer i = digestIndex.get(v);
        if (i == null) {
            throw new IllegalArgumentException("a digest that stands for no spec value: " + v);
        }
        return values.get(i);
    }

    TlaValue.Rec rec(Message m) {
        return toRec.computeIfAbsent(m, x -> {
            TlaValue.Str type = x.type() == MessageType.PROPOSAL ? PROPOSAL
                    : x.type() == MessageType.PREVOTE ? PREVOTE : PRECOMMIT;
            TlaValue src = TlaValue.str(procs.get(x.src()));
            return x.type() == MessageType.PROPOSAL
                    ? TlaValue.rec("type", type, "src", src, "h", TlaValue.of(x.h()), "r", TlaValue.of(x.r()), "v",
                            spec(x.v()), "vr", TlaValue.of(x.vr()))
                    : TlaValue.rec("type", type, "src", src, "h", TlaValue.of(x.h()), "r", TlaValue.of(x.r()), "v",
                            spec(x.v()));
        });
    }

    Message message(TlaValue t) {
        return fromRec.computeIfAbsent(t, x -> {
            TlaValue.Rec r = (TlaValue.Rec) x;
            String type = r.getStr("type");
            int src = index(r.getStr("src"));
            long h = r.getInt("h");
            int rd = (int) r.getInt("r");
            Value v = value(r.get("v"));
            return switch (type) {
                case "PROPOSAL" -> Message.proposal(src, h, rd, v, (int) r.getInt("vr"));
                case "PREVOTE" -> Message.prevote(src, h, rd, v);
                case "PRECOMMIT" -> Message.precommit(src, h, rd, v);
                default -> throw new IllegalArgumentException("unknown message " + x.toTla());
            };
        });
    }

    /**
     * The spec's default {@code FaultyMsgChoices}: every proposal a faulty validator can sign as
     * the proposer of its round, and every prevote and precommit it can sign, within the bounds.
     */
    public List<Message> allFaultyMessages() {
        List<Message> out = new ArrayList<>();
        for (String f : faulty) {
            int src = index(f);
            for (int h = 1; h <= maxHeight; h++) {
                for (int r = 0; r <= maxRound; r++) {
                    if (config.proposers().proposer(h, r) == src) {
                        for (int v = 0; v < values.size(); v++) {
                            for (int vr = -1; vr < r; vr++) {
                                out.add(Message.proposal(src, h, r, digests.get(v), vr));
                            }
                        }
                    }
                    for (int v = -1; v < values.size(); v++) {
                        out.add(Message.prevote(src, h, r, v < 0 ? Value.NIL : digests.get(v)));
                        out.add(Message.precommit(src, h, r, v < 0 ? Value.NIL : digests.get(v)));
                    }
                }
            }
        }
        return out;
    }

    public ConsensusConfig config() {
        return config;
    }

    public List<String> corr() {
        return corr;
    }

    public List<String> procs() {
        return procs;
    }

    public int validValueCount() {
        return validCount;
    }

    // ---------------------------------------------------------------- the implementation object

    /** The correct validators (built on demand from their state and the pool) and the pool. */
    public final class Net {
        final Map<String, ValidatorState> states = new TreeMap<>();
        final Map<String, Validator> live = new TreeMap<>();
        final LinkedHashSet<Message> pool = new LinkedHashSet<>();

        /** p's Java validator; built with {@code fromState(config, p, state, pool)} when not live. */
        Validator validator(String p) {
            Validator v = live.get(p);
            if (v == null) {
                ValidatorState s = states.get(p);
                if (s == null) {
                    throw new IllegalArgumentException(p + " is not a correct validator");
                }
                v = Validator.fromState(config, index(p), s, pool);
                live.put(p, v);
            }
            return v;
        }

        ValidatorState state(String p) {
            Validator v = live.get(p);
            return v != null ? v.state() : states.get(p);
        }

        /** Adds p's outputs to the pool; the other live validators record them. */
        void publish(String p, Outputs o) {
            for (Message m : o.broadcasts()) {
                if (pool.add(m)) {
                    for (Map.Entry<String, Validator> e : live.entrySet()) {
                        if (!e.getKey().equals(p)) {
                            e.getValue().recordMessage(m);
                        }
                    }
                }
            }
        }

        public Set<Message> pool() {
            return pool;
        }
    }

    // ---------------------------------------------------------------- SpecAdapter

    @Override
    public String specName() {
        return "consensus";
    }

    @Override
    public Path module() {
        return DIR.resolve("TendermintMC.tla");
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    @Override
    public Set<String> uncheckedVariables() {
        return UNCHECKED;
    }

    /**
     * The initial state when the spec has one: the faulty messages of the default
     * FaultyMsgChoices (all of them) or of NoFaultyMsgsMC (none).
     */
    @Override
    public Net init() {
        return switch (faultyChoices) {
            case "" -> initWith(allFaultyMessages());
            case "NoFaultyMsgsMC" -> initWith(List.of());
            default -> throw new IllegalStateException("FaultyMsgChoices <- " + faultyChoices
                    + " gives several initial states: use init(state)");
        };
    }

    /**
     * For a FaultyMsgChoices with several choices (e.g. ConsistentVoterChoices), the faulty
     * messages are the environment's choice in Init: the pool is taken from the spec's initial
     * state (only messages of faulty validators are accepted); with the default or
     * NoFaultyMsgsMC the adapter's own {@link #init()} is used.
     */
    @Override
    public Net init(Map<String, TlaValue> specInit) {
        if (faultyChoices.isEmpty() || faultyChoices.equals("NoFaultyMsgsMC")) {
            return init();
        }
        List<Message> ms = new ArrayList<>();
        for (String var : List.of("msgsPropose", "msgsPrevote", "msgsPrecommit")) {
            for (TlaValue m : ((TlaValue.SetV) specInit.get(var)).elems()) {
                Message x = message(m);
                if (!faulty.contains(procs.get(x.src()))) {
                    throw new IllegalArgumentException("an initial state holds a correct validator's message " + m.toTla());
                }
                ms.add(x);
            }
        }
        return initWith(ms);
    }

    private Net initWith(List<Message> faultyMsgs) {
        Net n = new Net();
        n.pool.addAll(faultyMsgs);
        for (String p : corr) {
            n.states.put(p, ValidatorState.initial());
            n.validator(p); // the initial state, having received the faulty messages of the pool
        }
        return n;
    }

    @Override
    public Net fromSpec(Map<String, TlaValue> s) {
        Net n = new Net();
        for (String var : List.of("msgsPropose", "msgsPrevote", "msgsPrecommit")) {
            for (TlaValue m : ((TlaValue.SetV) s.get(var)).elems()) {
                n.pool.add(message(m));
            }
        }
        for (String p : corr) {
            TlaValue.Str key = TlaValue.str(p);
            long h = asInt(at(s.get("height"), p));
            long b = asInt(at(s.get("base"), p));
            List<Value> ds = new ArrayList<>();
            TlaValue dec = at(s.get("decision"), p);
            for (long k = b; k < h; k++) {
                ds.add(value(((TlaValue.Seq) dec).get((int) k)));
            }
            ValidatorState st = new ValidatorState(b, h, (int) asInt(at(s.get("round"), p)),
                    step(((TlaValue.Str) at(s.get("step"), p)).value()), value(at(s.get("lockedValue"), p)),
                    (int) asInt(at(s.get("lockedRound"), p)), value(at(s.get("validValue"), p)),
                    (int) asInt(at(s.get("validRound"), p)), ds);
            n.states.put(p, st);
            n.validator(p); // fromState checks the state (reachable states only)
            assert key != null;
        }
        return n;
    }

    /** f[p] of a function over Corr (TLC prints it as a record). */
    private static TlaValue at(TlaValue f, String p) {
        if (f instanceof TlaValue.Rec r) {
            return r.get(p);
        }
        return ((TlaValue.Fn) f).apply(TlaValue.str(p));
    }

    private static Step step(String s) {
        return switch (s) {
            case "propose" -> Step.PROPOSE;
            case "prevote" -> Step.PREVOTE;
            case "precommit" -> Step.PRECOMMIT;
            default -> throw new IllegalArgumentException("unknown step " + s);
        };
    }

    private static TlaValue.Str step(Step s) {
        return TlaValue.str(s.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Map<String, TlaValue> toSpec(Net n) {
        Map<String, TreeMap<String, TlaValue>> f = new LinkedHashMap<>();
        for (String var : List.of("height", "round", "step", "lockedValue", "lockedRound", "validValue", "validRound",
                "decision", "base")) {
            f.put(var, new TreeMap<>());
        }
        for (String p : corr) {
            ValidatorState s = n.state(p);
            f.get("height").put(p, TlaValue.of(s.height()));
            f.get("round").put(p, TlaValue.of(s.round()));
            f.get("step").put(p, step(s.step()));
            f.get("lockedValue").put(p, spec(s.lockedValue()));
            f.get("lockedRound").put(p, TlaValue.of(s.lockedRound()));
            f.get("validValue").put(p, spec(s.validValue()));
            f.get("validRound").put(p, TlaValue.of(s.validRound()));
            List<TlaValue> log = new ArrayList<>();
            for (int h = 1; h <= maxHeight; h++) {
                log.add(spec(s.decision(h)));
            }
            f.get("decision").put(p, new TlaValue.Seq(log));
            f.get("base").put(p, TlaValue.of(s.base()));
        }
        Map<String, TlaValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<String, TlaValue>> e : f.entrySet()) {
            out.put(e.getKey(), new TlaValue.Rec(e.getValue()));
        }
        List<TlaValue> props = new ArrayList<>();
        List<TlaValue> pvs = new ArrayList<>();
        List<TlaValue> pcs = new ArrayList<>();
        for (Message m : n.pool) {
            (m.type() == MessageType.PROPOSAL ? props : m.type() == MessageType.PREVOTE ? pvs : pcs).add(rec(m));
        }
        out.put("msgsPropose", new TlaValue.SetV(props));
        out.put("msgsPrevote", new TlaValue.SetV(pvs));
        out.put("msgsPrecommit", new TlaValue.SetV(pcs));
        return out;
    }

    @Override
    public Net copy(Net n) {
        Net c = new Net();
        for (String p : corr) {
            c.states.put(p, n.state(p));
        }
        c.pool.addAll(n.pool);
        return c;
    }

    @Override
    public void apply(Net n, TlaValue.Rec a) {
        String name = a.getStr("name");
        String p = a.getStr("p");
        if (name.equals("JoinAt")) {
            Validator j = n.validator(p).joinAt(certificate(n, a.getInt("h"), (int) a.getInt("r"), value(a.get("v"))),
                    n.pool.toArray(new Message[0]));
            n.live.put(p, j);
            n.states.put(p, j.state());
            n.publish(p, j.drainOutputs());
            return;
        }
        Validator v = n.validator(p);
        switch (name) {
            case "InsertProposal" -> v.insertProposal(value(a.get("v")));
            case "UponProposalInPropose" -> v.uponProposalInPropose(value(a.get("v")));
            case "UponProposalInProposeAndPrevote" ->
                    v.uponProposalInProposeAndPrevote(value(a.get("v")), (int) a.getInt("vr"));
            case "UponProposalInPrevoteOrCommitAndPrevote" ->
                    v.uponProposalInPrevoteOrCommitAndPrevote(value(a.get("v")), (int) a.getInt("vr"));
            case "UponQuorumOfPrevotesNil" -> v.uponQuorumOfPrevotesNil();
            case "UponProposalInPrecommitNoDecision" ->
                    v.uponProposalInPrecommitNoDecision(value(a.get("v")), (int) a.getInt("r"));
            case "OnRoundCatchup" -> v.onRoundCatchup((int) a.getInt("r"));
            case "OnTimeoutPropose" -> v.onTimeoutPropose();
            case "OnTimeoutPrevote" -> v.onTimeoutPrevote();
            case "OnTimeoutPrecommit" -> v.onTimeoutPrecommit();
            case "Catchup" -> v.catchup(certificate(n, a.getInt("h"), (int) a.getInt("r"), value(a.get("v"))));
            default -> throw new IllegalArgumentException("unknown Tendermint action " + a.toTla());
        }
        n.publish(p, v.drainOutputs());
    }

    /** The commit certificate a peer would hand over: the pool's PRECOMMIT(h, r, v) messages. */
    Certificate certificate(Net n, long h, int r, Value v) {
        List<Message> pcs = new ArrayList<>();
        for (Message m : n.pool) {
            if (m.type() == MessageType.PRECOMMIT && m.h() == h && m.r() == r && m.v().equals(v)) {
                pcs.add(m);
            }
        }
        return new Certificate(h, r, v, pcs);
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof ConsensusException;
    }

    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        return candidates;
    }

    /** The domains of Next: p in Corr and the action's parameters. */
    private List<TlaValue.Rec> buildCandidates() {
        List<TlaValue.Rec> out = new ArrayList<>();
        List<TlaValue> valid = new ArrayList<>(values.subList(0, validCount));
        List<TlaValue> all = new ArrayList<>(values);
        for (String ps : corr) {
            TlaValue p = TlaValue.str(ps);
            for (TlaValue v : valid) {
                out.add(act("InsertProposal", "p", p, "v", v));
            }
            for (TlaValue v : all) {
                out.add(act("UponProposalInPropose", "p", p, "v", v));
                for (int vr = 0; vr <= maxRound; vr++) {
                    out.add(act("UponProposalInProposeAndPrevote", "p", p, "v", v, "vr", TlaValue.of(vr)));
                }
                for (int vr = -1; vr <= maxRound; vr++) {
                    out.add(act("UponProposalInPrevoteOrCommitAndPrevote", "p", p, "v", v, "vr", TlaValue.of(vr)));
                }
            }
            out.add(act("UponQuorumOfPrevotesNil", "p", p));
            for (TlaValue v : all) {
                for (int r = 0; r <= maxRound; r++) {
                    out.add(act("UponProposalInPrecommitNoDecision", "p", p, "v", v, "r", TlaValue.of(r)));
                }
            }
            for (int r = 0; r <= maxRound; r++) {
                out.add(act("OnRoundCatchup", "p", p, "r", TlaValue.of(r)));
            }
            out.add(act("OnTimeoutPropose", "p", p));
            out.add(act("OnTimeoutPrevote", "p", p));
            out.add(act("OnTimeoutPrecommit", "p", p));
            for (int h = 1; h <= maxHeight; h++) {
                for (int r = 0; r <= maxRound; r++) {
                    for (TlaValue v : all) {
                        out.add(act("Catchup", "p", p, "h", TlaValue.of(h), "r", TlaValue.of(r), "v", v));
                    }
                }
            }
            for (int h = 1; h <= maxHeight; h++) {
                for (int r = 0; r <= maxRound; r++) {
                    for (TlaValue v : all) {
                        out.add(act("JoinAt", "p", p, "h", TlaValue.of(h), "r", TlaValue.of(r), "v", v));
                    }
                }
            }
        }
        return out;
    }

    private static TlaValue.Rec act(String name, Object... kv) {
        Object[] all = new Object[kv.length + 2];
        all[0] = "name";
        all[1] = TlaValue.str(name);
        System.arraycopy(kv, 0, all, 2, kv.length);
        return TlaValue.rec(all);
    }
}
