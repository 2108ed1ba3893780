package dev.bulwark.conformance.ledger;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.ConsensusException;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.Liquidate;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.TxResult;
import dev.bulwark.ledger.Withdraw;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.Evidence;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleParams;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import dev.bulwark.replica.ReplicaException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adapter between spec/ledger/Ledger.tla (through LedgerMC, with the model of LedgerModel.tla)
 * and Java replicas ({@link Replica} over {@link MemoryBlockStore}, each running a
 * {@link Ledger}), for the constants of one config.
 *
 * <p>The implementation object {@link Net} is what the spec describes: consensus's decided log
 * (the blocks as BlockCodec bytes, signed with Ed25519 keys, each with a commit certificate of a
 * one-validator set), the decided prefix applied by a reference Java ledger per height
 * (refState: what a certified header's app hash commits to, used to check state sync), and the
 * replicas. Mapping of values: account k of 1..NumAccounts is Java account id k - 1, the genesis
 * accounts in id order (so the pass order is the spec's), Backstop is id Backstop - 1; reporter
 * pK is oracle index K - 1; a chain model value cK is chain id K; result codes "Applied",
 * "Refused", "WrongChain", "UnknownSigner", "BadNonce" are the TxCodes of the same names.
 *
 * <pre>
 * spec variable   Java
 * log[h]          the decided block bytes (rendered by the spec block they encode)
 * refState[h]     reference ledger of height h (NoState above the decided height)
 * up[r]           replica.isUp()
 * st[r]           the running ledger as LedgerApp's record (NoState while down)
 * ht[r]           replica.height()
 * applied[r]      history: the blocks r applied since its state's origin (adapter shadow)
 * stored[r]       replica.storedHeight()
 * snap[r]         [h |-> snapshotHeight(), s |-> the snapshot's bytes decoded, applied |-> shadow]
 * acked[r]        replica.ackedHeight()
 * crashes         environment (adapter): Crash is refused at MaxCrashes
 * st[r].exec      history (how often each model transaction was executed): shadow, advanced from
 *                 the Java result codes of every block applied
 * </pre>
 *
 * Actions: Decide(h, b) is the environment (consensus): the adapter appends the block and its
 * certificate and applies it to the reference ledger; CommitBlock(r) = commitBlock(decided block,
 * certificate), FetchBlock(r, q) = fetchBlock(q), Apply(r) = applyNext(), Snapshot(r) =
 * snapshot(), Ack(r) = ack(), Crash(r) = crash(), Restart(r) = restart(), StateSync(r, q) =
 * stateSync(q, reference app hash of q's snapshot height). Each action record's {@code h} is
 * checked against what the Java call did.
 */
public final class LedgerAdapter implements SpecAdapter<LedgerAdapter.Net> {

    public static final List<String> ACTIONS = List.of("Decide", "CommitBlock", "FetchBlock", "Apply", "Snapshot",
            "Ack", "Crash", "Restart", "StateSync");

    static final TlaValue NO_STATE = TlaValue.rec("none", TlaValue.of(true));
    static final TlaValue.Str[] CODE_NAMES = {TlaValue.str("Applied"), TlaValue.str("Refused"),
            TlaValue.str("WrongChain"), TlaValue.str("UnknownSigner"), TlaValue.str("BadNonce")};

    /**
     * What the applied blocks did at the application level, over every adapter (traces and graph
     * edges alike): result codes by name, deleveraging steps and backstop liquidations.
     */
    public static final Map<String, java.util.concurrent.atomic.LongAdder> APP_EVENTS = new ConcurrentHashMap<>();

    static void count(BlockResult r) {
        for (int i = 0; i < r.size(); i++) {
            APP_EVENTS.computeIfAbsent("code " + ((TlaValue.Str) codeName(r.result(i))).value(),
                    k -> new java.util.concurrent.atomic.LongAdder()).increment();
        }
        APP_EVENTS.computeIfAbsent("deleverage steps", k -> new java.util.concurrent.atomic.LongAdder())
                .add(r.deleverages());
        APP_EVENTS.computeIfAbsent("backstop liquidations", k -> new java.util.concurrent.atomic.LongAdder())
                .add(r.backstopLiquidations());
        APP_EVENTS.computeIfAbsent("blocks applied", k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    /** A call the environment does not make (consensus deciding out of order, a crash beyond MaxCrashes). */
    public static final class EnvironmentRefusal extends RuntimeException {
        public EnvironmentRefusal(String message) {
            super(message, null, false, false);
        }
    }

    private final Path module;
    private final int numAccounts;
    private final int maxHeight;
    private final int maxCrashes;
    private final long minPrice;
    private final TlaValue chain;
    private final TlaValue noBlock;
    private final List<TlaValue.ModelValue> replicaIds;
    private final List<TlaValue.ModelValue> reporterIds;
    private final List<TlaValue> blocks;
    private final List<TlaValue> txs;
    private final LedgerConfig config;
    private final ValidatorSet validators;
    private final KeyPair[] accountKeys;
    private final KeyPair[] reporterKeys;
    /** Encoded decided blocks by (height, spec block), shared by every Net of this adapter. */
    private final Map<List<TlaValue>, byte[]> encoded = new ConcurrentHashMap<>();
    private final Map<List<TlaValue>, Certificate> certificates = new ConcurrentHashMap<>();
    private final Map<TlaValue, SignedTx> signed = new ConcurrentHashMap<>();

    public LedgerAdapter(Map<String, TlaValue> c, Path module) {
        this.module = module;
        LedgerSpecFiles.ModelSets ms = LedgerSpecFiles.modelSets(c);
        this.blocks = List.copyOf(ms.blocks().elems());
        this.txs = List.copyOf(ms.txs().elems());
        this.numAccounts = (int) SpecValues.constant(c, "NumAccounts");
        this.maxHeight = (int) SpecValues.constant(c, "MaxHeight");
        this.maxCrashes = (int) SpecValues.constant(c, "MaxCrashes");
        this.minPrice = SpecValues.constant(c, "MinPrice");
        this.chain = c.get("Chain");
        this.noBlock = c.get("NoBlock");
        this.replicaIds = SpecValues.modelValues(c.get("Replicas"));
        this.reporterIds = SpecValues.modelValues(c.get("Reporters"));
        List<TlaValue.ModelValue> heavy = SpecValues.modelValues(c.get("Heavy"));
        MarginParams mp = new MarginParams(k(c, "MaxTradeLots"), k(c, "MaxLots"), k(c, "MaxCollateral"),
                k(c, "MaxNetDeposits"), k(c, "MinPrice"), k(c, "MaxPrice"), k(c, "MaxPriceStep"), k(c, "ImBps"),
                k(c, "MmBps"), k(c, "FeeBps"), k(c, "BandBps"), k(c, "DustLots"));
        long[] stake = new long[reporterIds.size()];
        for (int i = 0; i < stake.length; i++) {
            stake[i] = heavy.contains(reporterIds.get(i)) ? k(c, "HeavyStake") : 1;
        }
        // the ledger's oracle instance: MaxStep 0 (its true price never moves)
        OracleParams op = new OracleParams(stake, k(c, "MaxRel"), k(c, "InitRel"), k(c, "Penalty"), k(c, "MinPrice"),
                k(c, "MaxPrice"), k(c, "Tol"), k(c, "Band"), 0, k(c, "MaxJump"),
                Math.toIntExact(k(c, "StaleRounds")), Math.toIntExact(k(c, "MaxRound")));
        SecureRandom seeded = seeded(20261128L);
        this.accountKeys = new KeyPair[numAccounts];
        AccountKey[] genesis = new AccountKey[numAccounts];
        for (int i = 0; i < numAccounts; i++) {
            accountKeys[i] = ed25519(seeded);
            genesis[i] = TxSignatures.keyOf(accountKeys[i].getPublic());
        }
        this.reporterKeys = new KeyPair[reporterIds.size()];
        AccountKey[] reporters = new AccountKey[reporterIds.size()];
        for (int i = 0; i < reporters.length; i++) {
            reporterKeys[i] = ed25519(seeded);
            reporters[i] = TxSignatures.keyOf(reporterKeys[i].getPublic());
        }
        this.config = new LedgerConfig(chainId(chain), mp, k(c, "InitPrice"), op, genesis,
                (int) k(c, "Backstop") - 1, reporters, numAccounts);
        try {
            this.validators = new ValidatorSet(new long[] {1});
        } catch (ConsensusException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long k(Map<String, TlaValue> c, String name) {
        return SpecValues.constant(c, name);
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519(SecureRandom r) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, r);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chain model value cK is chain id K. */
    static long chainId(TlaValue v) {
        String n = ((TlaValue.ModelValue) v).name();
        return Long.parseLong(n.replaceAll("\\D", ""));
    }

    public LedgerConfig config() {
        return config;
    }

    public List<TlaValue> blocks() {
        return blocks;
    }

    @Override
    public String specName() {
        return "ledger";
    }

    @Override
    public Path module() {
        return module;
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    // ------------------------------------------------------------------------------------------
    // The implementation object

    /** The decided log, the reference ledgers and the replicas, with the spec's history shadows. */
    public final class Net {
        final byte[][] decided = new byte[maxHeight][];
        final Certificate[] certs = new Certificate[maxHeight];
        final TlaValue[] decidedSpec = new TlaValue[maxHeight];
        /** ref[h]: the decided prefix 1..h applied (null above the decided height); never mutated. */
        final Ledger[] ref = new Ledger[maxHeight + 1];
        final Map<TlaValue, Long>[] refExec;
        final Replica[] replicas = new Replica[replicaIds.size()];
        final MemoryBlockStore[] stores = new MemoryBlockStore[replicaIds.size()];
        final List<TlaValue>[] applied;
        final Map<TlaValue, Long>[] exec;
        final List<TlaValue>[] snapApplied;
        final Map<TlaValue, Long>[] snapExec;
        int crashes;
        /** Rendered records of immutable ledgers and snapshots (by identity). */
        final Map<Object, TlaValue> rendered;

        @SuppressWarnings("unchecked")
        Net(Map<Object, TlaValue> rendered) {
            int n = replicaIds.size();
            refExec = new Map[maxHeight + 1];
            applied = new List[n];
            exec = new Map[n];
            snapApplied = new List[n];
            snapExec = new Map[n];
            this.rendered = rendered;
        }

        public Replica replica(int i) {
            return replicas[i];
        }

        Net copy() {
            Net c = new Net(rendered);
            System.arraycopy(decided, 0, c.decided, 0, decided.length);
            System.arraycopy(certs, 0, c.certs, 0, certs.length);
            System.arraycopy(decidedSpec, 0, c.decidedSpec, 0, decidedSpec.length);
            System.arraycopy(ref, 0, c.ref, 0, ref.length);
            System.arraycopy(refExec, 0, c.refExec, 0, refExec.length);
            for (int i = 0; i < replicas.length; i++) {
                c.stores[i] = stores[i].copy();
                c.replicas[i] = replicas[i].copy(c.stores[i]);
                c.applied[i] = applied[i];          // shadows are replaced, never mutated
                c.exec[i] = exec[i];
                c.snapApplied[i] = snapApplied[i];
                c.snapExec[i] = snapExec[i];
            }
            c.crashes = crashes;
            return c;
        }

        int decidedHeight() {
            int h = 0;
            while (h < maxHeight && decided[h] != null) {
                h++;
            }
            return h;
        }
    }

    private Map<TlaValue, Long> genesisExec() {
        Map<TlaValue, Long> m = new TreeMap<>(TlaValue.ORDER);
        for (TlaValue t : txs) {
            m.put(t, 0L);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public Net init() {
        Net n = new Net(Collections.synchronizedMap(new IdentityHashMap<>()));
        n.ref[0] = new Ledger(config);
        n.refExec[0] = genesisExec();
        for (int i = 0; i < replicaIds.size(); i++) {
            n.stores[i] = new MemoryBlockStore();
            n.replicas[i] = new Replica(config, validators, n.stores[i]);
            n.applied[i] = List.of();
            n.exec[i] = n.refExec[0];
            n.snapApplied[i] = List.of();
            n.snapExec[i] = n.refExec[0];
        }
        return n;
    }

    @Override
    public Net copy(Net n) {
        return n.copy();
    }

    // ------------------------------------------------------------------------------------------
    // Blocks and transactions

    /** The Java transaction of a spec transaction record. */
    Transaction transaction(TlaValue.Rec t) {
        long ch = chainId(t.get("chain"));
        String type = t.getStr("type");
        long nonce = t.getInt("nonce");
        switch (type) {
            case "Deposit":
                return new Deposit(ch, account(t.get("signer")), nonce, t.getInt("amount"));
            case "Withdraw":
                return new Withdraw(ch, account(t.get("signer")), nonce, t.getInt("amount"));
            case "Trade":
                return new Trade(ch, account(t.get("signer")), nonce, account(t.get("seller")), t.getInt("sellerNonce"),
                        t.getInt("lots"), t.getInt("price"));
            case "Report":
                return new Report(ch, reporterKey(t.get("signer")), nonce, t.getInt("price"));
            case "Liquidate":
                return new Liquidate(ch, account(t.get("signer")), nonce, account(t.get("account")), t.getInt("lots"),
                        t.getInt("price"));
            default:
                throw new IllegalArgumentException("unknown transaction " + t.toTla());
        }
    }

    private AccountKey account(TlaValue a) {
        return config.genesisAccount((int) ((TlaValue.Int) a).value() - 1);
    }

    private AccountKey reporterKey(TlaValue p) {
        return config.reporter(SpecValues.indexOf(reporterIds, p));
    }

    private SignedTx signedTx(TlaValue.Rec t) {
        return signed.computeIfAbsent(t, x -> {
            Transaction tx = transaction(t);
            if (tx instanceof Report) {
                return TxSignatures.sign(tx, reporterKeys[SpecValues.indexOf(reporterIds, t.get("signer"))]);
            }
            KeyPair signer = accountKeys[(int) t.getInt("signer") - 1];
            if (tx instanceof Trade) {
                return TxSignatures.sign(tx, signer, accountKeys[(int) t.getInt("seller") - 1]);
            }
            return TxSignatures.sign(tx, signer);
        });
    }

    /** The encoded block of spec block b decided at height h. */
    byte[] encodedBlock(int h, TlaValue b) {
        return encoded.computeIfAbsent(List.of(TlaValue.of(h), b), k -> {
            List<SignedTx> sts = new ArrayList<>();
            for (TlaValue t : ((TlaValue.Seq) b).elems()) {
                sts.add(signedTx((TlaValue.Rec) t));
            }
            return BlockCodec.encode(config.chainId(), h, sts);
        });
    }

    /** A commit certificate for it: the one validator's precommit of the block hash's value. */
    Certificate certificate(int h, TlaValue b) {
        return certificates.computeIfAbsent(List.of(TlaValue.of(h), b), k -> {
            Value v = BlockCodec.hash(encodedBlock(h, b)).consensusValue();
            return new Certificate(h, 0, v, List.of(Message.precommit(0, h, 0, v)));
        });
    }

    // ------------------------------------------------------------------------------------------
    // Abstraction function

    /** LedgerApp's state record of a ledger, with its exec shadow. */
    TlaValue record(Ledger l, Map<TlaValue, Long> exec) {
        List<TlaValue> coll = new ArrayList<>();
        List<TlaValue> pos = new ArrayList<>();
        TreeMap<TlaValue, TlaValue> nonce = new TreeMap<>(TlaValue.ORDER);
        for (int a = 0; a < l.accounts(); a++) {
            coll.add(TlaValue.of(l.collateral(a)));
            pos.add(TlaValue.of(l.position(a)));
            nonce.put(TlaValue.of(a + 1), TlaValue.of(l.nonce(a)));
        }
        TreeMap<TlaValue, TlaValue> reports = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> rel = new TreeMap<>(TlaValue.ORDER);
        for (int r = 0; r < reporterIds.size(); r++) {
            nonce.put(reporterIds.get(r), TlaValue.of(l.reporterNonce(r)));
            reports.put(reporterIds.get(r), TlaValue.of(l.oracleReport(r)));
            rel.put(reporterIds.get(r), TlaValue.of(l.oracleRel(r)));
        }
        List<TlaValue> evidence = new ArrayList<>();
        for (int i = 0; i < l.evidenceCount(); i++) {
            evidence.add(TlaValue.rec("rep", reporterIds.get(l.evidenceReporter(i)), "rnd",
                    TlaValue.of(l.evidenceRound(i))));
        }
        TlaValue m = TlaValue.rec("coll", new TlaValue.Seq(coll), "pos", new TlaValue.Seq(pos), "price",
                TlaValue.of(l.price()), "insurance", TlaValue.of(l.insurance()), "netDeposits",
                TlaValue.of(l.netDeposits()), "halted", TlaValue.of(l.halted()));
        TlaValue o = TlaValue.rec("round", TlaValue.of(l.oracleRound()), "truePrice", TlaValue.of(minPrice),
                "reports", new TlaValue.Fn(reports), "rel", new TlaValue.Fn(rel), "price", TlaValue.of(l.oraclePrice()),
                "priceRound", TlaValue.of(l.oraclePriceRound()), "pending", TlaValue.of(l.oraclePending()),
                "pendingRound", TlaValue.of(l.oraclePendingRound()), "aggregated", TlaValue.of(l.oracleAggregated()),
                "evidence", new TlaValue.SetV(evidence));
        List<TlaValue> codes = new ArrayList<>();
        for (int i = 0; i < l.resultCount(); i++) {
            codes.add(codeName(l.result(i)));
        }
        TreeMap<TlaValue, TlaValue> ex = new TreeMap<>(TlaValue.ORDER);
        for (Map.Entry<TlaValue, Long> e : exec.entrySet()) {
            ex.put(e.getKey(), TlaValue.of(e.getValue()));
        }
        return TlaValue.rec("m", m, "o", o, "nonce", new TlaValue.Fn(nonce), "height", TlaValue.of(l.height()),
                "codes", new TlaValue.Seq(codes), "exec", new TlaValue.Fn(ex));
    }

    static TlaValue codeName(TxResult r) {
        int i = r.code().ordinal();
        if (i >= CODE_NAMES.length) {
            return TlaValue.str(r.code().name());   // a Java-only code: never in a spec state
        }
        return CODE_NAMES[i];
    }

    /** Rendered once per immutable ledger (reference ledgers, decoded snapshots). */
    private TlaValue renderedRecord(Net n, Object key, Ledger l, Map<TlaValue, Long> exec) {
        TlaValue v = n.rendered.get(key);
        if (v == null) {
            v = record(l, exec);
            n.rendered.put(key, v);
        }
        return v;
    }

    @Override
    public Map<String, TlaValue> toSpec(Net n) {
        Map<String, TlaValue> s = new LinkedHashMap<>();
        List<TlaValue> log = new ArrayList<>();
        for (int h = 0; h < maxHeight; h++) {
            log.add(n.decidedSpec[h] == null ? noBlock : n.decidedSpec[h]);
        }
        s.put("log", new TlaValue.Seq(log));
        TreeMap<TlaValue, TlaValue> ref = new TreeMap<>(TlaValue.ORDER);
        for (int h = 0; h <= maxHeight; h++) {
            ref.put(TlaValue.of(h), n.ref[h] == null ? NO_STATE
                    : renderedRecord(n, n.ref[h], n.ref[h], n.refExec[h]));
        }
        s.put("refState", new TlaValue.Fn(ref));
        TreeMap<TlaValue, TlaValue> up = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> st = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> ht = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> applied = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> stored = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> snap = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> acked = new TreeMap<>(TlaValue.ORDER);
        for (int i = 0; i < replicaIds.size(); i++) {
            TlaValue id = replicaIds.get(i);
            Replica r = n.replicas[i];
            up.put(id, TlaValue.of(r.isUp()));
            st.put(id, r.isUp() ? record(r.ledger(), n.exec[i]) : NO_STATE);
            ht.put(id, TlaValue.of(r.height()));
            applied.put(id, new TlaValue.Seq(n.applied[i]));
            stored.put(id, TlaValue.of(r.storedHeight()));
            snap.put(id, TlaValue.rec("h", TlaValue.of(r.snapshotHeight()), "s", snapshotRecord(n, i), "applied",
                    new TlaValue.Seq(n.snapApplied[i])));
            acked.put(id, TlaValue.of(r.ackedHeight()));
        }
        s.put("up", new TlaValue.Fn(up));
        s.put("st", new TlaValue.Fn(st));
        s.put("ht", new TlaValue.Fn(ht));
        s.put("applied", new TlaValue.Fn(applied));
        s.put("stored", new TlaValue.Fn(stored));
        s.put("snap", new TlaValue.Fn(snap));
        s.put("acked", new TlaValue.Fn(acked));
        s.put("crashes", TlaValue.of(n.crashes));
        return s;
    }

    private TlaValue snapshotRecord(Net n, int i) {
        byte[] bytes = n.stores[i].snapshotRef();
        if (bytes == null) {
            // no snapshot yet: genesis (keyed by the exec shadow, which is fixed for it)
            return renderedRecord(n, n.snapExec[i], n.ref[0], n.snapExec[i]);
        }
        TlaValue v = n.rendered.get(bytes);
        if (v == null) {
            v = record(Snapshot.decode(config, bytes), n.snapExec[i]);
            n.rendered.put(bytes, v);
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------
    // Concretisation

    /** A Java ledger in the state of LedgerApp's record. */
    Ledger ledger(TlaValue.Rec s) {
        TlaValue.Rec m = (TlaValue.Rec) s.get("m");
        TlaValue.Rec o = (TlaValue.Rec) s.get("o");
        long[] coll = ints(m.get("coll"));
        long[] pos = ints(m.get("pos"));
        TlaValue.Fn nonceFn = (TlaValue.Fn) s.get("nonce");
        long[] nonces = new long[numAccounts];
        AccountKey[] keys = new AccountKey[numAccounts];
        for (int a = 0; a < numAccounts; a++) {
            nonces[a] = SpecValues.asLong(nonceFn.apply(TlaValue.of(a + 1)));
            keys[a] = config.genesisAccount(a);
        }
        long[] rnonce = new long[reporterIds.size()];
        for (int r = 0; r < rnonce.length; r++) {
            rnonce[r] = SpecValues.asLong(nonceFn.apply(reporterIds.get(r)));
        }
        if (SpecValues.asLong(o.get("truePrice")) != minPrice) {
            throw new IllegalArgumentException("the ledger's oracle true price is LedgerTruePrice = MinPrice");
        }
        List<Evidence> ev = new ArrayList<>();
        for (TlaValue e : ((TlaValue.SetV) o.get("evidence")).elems()) {
            TlaValue.Rec r = (TlaValue.Rec) e;
            ev.add(new Evidence(SpecValues.indexOf(reporterIds, r.get("rep")), Math.toIntExact(r.getInt("rnd"))));
        }
        Oracle oracle = Oracle.fromState(config.oracle(), Math.toIntExact(o.getInt("round")),
                SpecValues.toArray(reporterIds, o.get("reports")), SpecValues.toArray(reporterIds, o.get("rel")),
                o.getInt("price"), Math.toIntExact(o.getInt("priceRound")), o.getInt("pending"),
                Math.toIntExact(o.getInt("pendingRound")), ((TlaValue.Bool) o.get("aggregated")).value(), ev);
        List<TlaValue> codes = ((TlaValue.Seq) s.get("codes")).elems();
        TxResult[] results = new TxResult[codes.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = result(((TlaValue.Str) codes.get(i)).value());
        }
        return Ledger.fromState(config, keys, coll, pos, nonces, m.getInt("price"), m.getInt("insurance"),
                m.getInt("netDeposits"), ((TlaValue.Bool) m.get("halted")).value(), oracle, rnonce, s.getInt("height"),
                results);
    }

    /**
     * The Java result of a spec code. The spec's "Refused" carries no reason; a loaded state gets
     * the margin reason INVALID_STATE as a placeholder (results are only rendered and hashed).
     */
    static TxResult result(String code) {
        switch (code) {
            case "Applied":
                return TxResult.APPLIED;
            case "Refused":
                return TxResult.refused(dev.bulwark.margin.Reason.INVALID_STATE);
            case "WrongChain":
                return TxResult.WRONG_CHAIN;
            case "UnknownSigner":
                return TxResult.UNKNOWN_SIGNER;
            case "BadNonce":
                return TxResult.BAD_NONCE;
            default:
                throw new IllegalArgumentException("unknown code " + code);
        }
    }

    private static long[] ints(TlaValue v) {
        List<TlaValue> es = ((TlaValue.Seq) v).elems();
        long[] out = new long[es.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = SpecValues.asLong(es.get(i));
        }
        return out;
    }

    private static Map<TlaValue, Long> execOf(TlaValue.Rec s) {
        Map<TlaValue, Long> m = new TreeMap<>(TlaValue.ORDER);
        for (Map.Entry<TlaValue, TlaValue> e : ((TlaValue.Fn) s.get("exec")).map().entrySet()) {
            m.put(e.getKey(), SpecValues.asLong(e.getValue()));
        }
        return Collections.unmodifiableMap(m);
    }

    private static boolean isNoState(TlaValue v) {
        return v instanceof TlaValue.Rec r && r.has("none");
    }

    @Override
    public Net fromSpec(Map<String, TlaValue> s) {
        Net n = new Net(Collections.synchronizedMap(new IdentityHashMap<>()));
        List<TlaValue> log = ((TlaValue.Seq) s.get("log")).elems();
        for (int h = 1; h <= maxHeight; h++) {
            TlaValue b = log.get(h - 1);
            if (!b.equals(noBlock)) {
                n.decided[h - 1] = encodedBlock(h, b);
                n.certs[h - 1] = certificate(h, b);
                n.decidedSpec[h - 1] = b;
            }
        }
        TlaValue.Fn ref = (TlaValue.Fn) s.get("refState");
        for (int h = 0; h <= maxHeight; h++) {
            TlaValue r = ref.apply(TlaValue.of(h));
            if (!isNoState(r)) {
                n.ref[h] = ledger((TlaValue.Rec) r);
                n.refExec[h] = execOf((TlaValue.Rec) r);
            }
        }
        TlaValue.Fn up = (TlaValue.Fn) s.get("up");
        TlaValue.Fn st = (TlaValue.Fn) s.get("st");
        TlaValue.Fn applied = (TlaValue.Fn) s.get("applied");
        TlaValue.Fn stored = (TlaValue.Fn) s.get("stored");
        TlaValue.Fn snap = (TlaValue.Fn) s.get("snap");
        TlaValue.Fn acked = (TlaValue.Fn) s.get("acked");
        for (int i = 0; i < replicaIds.size(); i++) {
            TlaValue id = replicaIds.get(i);
            MemoryBlockStore store = new MemoryBlockStore();
            long sh = SpecValues.asLong(stored.apply(id));
            for (int h = 1; h <= sh; h++) {
                store.putBlock(h, n.decided[h - 1], n.certs[h - 1]);
            }
            TlaValue.Rec sn = (TlaValue.Rec) snap.apply(id);
            long snapH = sn.getInt("h");
            TlaValue.Rec snapState = (TlaValue.Rec) sn.get("s");
            if (snapH > 0) {
                store.putSnapshot(snapH, Snapshot.encode(ledger(snapState)));
            }
            n.snapApplied[i] = List.copyOf(((TlaValue.Seq) sn.get("applied")).elems());
            n.snapExec[i] = execOf(snapState);
            boolean isUp = ((TlaValue.Bool) up.apply(id)).value();
            Ledger running = null;
            if (isUp) {
                running = ledger((TlaValue.Rec) st.apply(id));
                n.exec[i] = execOf((TlaValue.Rec) st.apply(id));
            } else {
                n.exec[i] = null;
            }
            n.applied[i] = List.copyOf(((TlaValue.Seq) applied.apply(id)).elems());
            n.stores[i] = store;
            n.replicas[i] = Replica.of(config, validators, store, running, SpecValues.asLong(acked.apply(id)));
        }
        n.crashes = (int) SpecValues.asLong(s.get("crashes"));
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // Actions

    private int replica(TlaValue.Rec a, String field) {
        return SpecValues.indexOf(replicaIds, a.get(field));
    }

    private static void expect(long want, long got, String what) {
        if (want != got) {
            throw new IllegalStateException(what + ": the action's h is " + want + ", Java did " + got);
        }
    }

    /** The exec shadow after a block's results: each executed model transaction counted once more. */
    private static Map<TlaValue, Long> advanceExec(Map<TlaValue, Long> exec, TlaValue block, BlockResult r) {
        Map<TlaValue, Long> m = new TreeMap<>(TlaValue.ORDER);
        m.putAll(exec);
        List<TlaValue> ts = ((TlaValue.Seq) block).elems();
        for (int i = 0; i < ts.size(); i++) {
            if (r.result(i).code().executed() && m.containsKey(ts.get(i))) {
                m.merge(ts.get(i), 1L, Long::sum);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<TlaValue> append(List<TlaValue> l, TlaValue v) {
        List<TlaValue> c = new ArrayList<>(l);
        c.add(v);
        return List.copyOf(c);
    }

    @Override
    public void apply(Net n, TlaValue.Rec a) {
        switch (a.getStr("name")) {
            case "Decide": {
                int h = (int) a.getInt("h");
                TlaValue b = a.get("block");
                if (h < 1 || h > maxHeight || n.decidedHeight() != h - 1 || !blocks.contains(b)) {
                    throw new EnvironmentRefusal("consensus decides height " + (n.decidedHeight() + 1) + " next");
                }
                byte[] bytes = encodedBlock(h, b);
                Ledger next = n.ref[h - 1].copy();
                BlockResult r = next.apply(BlockCodec.decode(bytes).block());
                count(r);
                n.decided[h - 1] = bytes;
                n.certs[h - 1] = certificate(h, b);
                n.decidedSpec[h - 1] = b;
                n.ref[h] = next;
                n.refExec[h] = advanceExec(n.refExec[h - 1], b, r);
                return;
            }
            case "CommitBlock": {
                int i = replica(a, "r");
                Replica r = n.replicas[i];
                int h = (int) r.storedHeight() + 1;
                if (h > maxHeight || n.decided[h - 1] == null) {
                    throw new EnvironmentRefusal("no decision at height " + h);
                }
                r.commitBlock(n.decided[h - 1], n.certs[h - 1]);
                expect(a.getInt("h"), r.storedHeight(), "CommitBlock");
                return;
            }
            case "FetchBlock": {
                Replica r = n.replicas[replica(a, "r")];
                r.fetchBlock(n.replicas[replica(a, "q")]);
                expect(a.getInt("h"), r.storedHeight(), "FetchBlock");
                return;
            }
            case "Apply": {
                int i = replica(a, "r");
                BlockResult res = n.replicas[i].applyNext();
                count(res);
                int h = (int) res.height();
                expect(a.getInt("h"), h, "Apply");
                TlaValue b = n.decidedSpec[h - 1];
                n.exec[i] = advanceExec(n.exec[i], b, res);
                n.applied[i] = append(n.applied[i], b);
                return;
            }
            case "Snapshot": {
                int i = replica(a, "r");
                long h = n.replicas[i].snapshot();
                expect(a.getInt("h"), h, "Snapshot");
                n.snapApplied[i] = n.applied[i];
                n.snapExec[i] = n.exec[i];
                return;
            }
            case "Ack": {
                long h = n.replicas[replica(a, "r")].ack();
                expect(a.getInt("h"), h, "Ack");
                return;
            }
            case "Crash": {
                int i = replica(a, "r");
                if (n.crashes >= maxCrashes) {
                    throw new EnvironmentRefusal("MaxCrashes reached");
                }
                n.replicas[i].crash();
                n.crashes++;
                n.applied[i] = List.of();
                n.exec[i] = null;
                return;
            }
            case "Restart": {
                int i = replica(a, "r");
                n.replicas[i].restart();
                expect(a.getInt("h"), n.replicas[i].height(), "Restart");
                n.applied[i] = n.snapApplied[i];
                n.exec[i] = n.snapExec[i];
                return;
            }
            case "StateSync": {
                int i = replica(a, "r");
                int q = replica(a, "q");
                Replica peer = n.replicas[q];
                int h = (int) peer.snapshotHeight();
                byte[] trusted = h <= maxHeight && n.ref[h] != null ? n.ref[h].copy().appHash() : null;
                n.replicas[i].stateSync(peer, trusted);
                expect(a.getInt("h"), n.replicas[i].height(), "StateSync");
                n.snapApplied[i] = n.snapApplied[q];
                n.snapExec[i] = n.snapExec[q];
                n.applied[i] = n.snapApplied[q];
                n.exec[i] = n.snapExec[q];
                return;
            }
            default:
                throw new IllegalArgumentException("unknown Ledger action " + a.toTla());
        }
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof ReplicaException || t instanceof EnvironmentRefusal;
    }

    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        List<TlaValue.Rec> out = new ArrayList<>();
        for (int h = 1; h <= maxHeight; h++) {
            for (TlaValue b : blocks) {
                out.add(TlaValue.rec("name", TlaValue.str("Decide"), "h", TlaValue.of(h), "block", b));
            }
        }
        TlaValue.Fn stored = (TlaValue.Fn) state.get("stored");
        TlaValue.Fn ht = (TlaValue.Fn) state.get("ht");
        TlaValue.Fn snap = (TlaValue.Fn) state.get("snap");
        for (TlaValue.ModelValue r : replicaIds) {
            long sr = SpecValues.asLong(stored.apply(r));
            long hr = SpecValues.asLong(ht.apply(r));
            long snr = ((TlaValue.Rec) snap.apply(r)).getInt("h");
            out.add(TlaValue.rec("name", TlaValue.str("CommitBlock"), "r", r, "h", TlaValue.of(sr + 1)));
            out.add(TlaValue.rec("name", TlaValue.str("Apply"), "r", r, "h", TlaValue.of(hr + 1)));
            out.add(TlaValue.rec("name", TlaValue.str("Snapshot"), "r", r, "h", TlaValue.of(hr)));
            out.add(TlaValue.rec("name", TlaValue.str("Ack"), "r", r, "h", TlaValue.of(sr)));
            out.add(TlaValue.rec("name", TlaValue.str("Crash"), "r", r));
            out.add(TlaValue.rec("name", TlaValue.str("Restart"), "r", r, "h", TlaValue.of(snr)));
            for (TlaValue.ModelValue q : replicaIds) {
                long snq = ((TlaValue.Rec) snap.apply(q)).getInt("h");
                out.add(TlaValue.rec("name", TlaValue.str("FetchBlock"), "r", r, "q", q, "h", TlaValue.of(sr + 1)));
                out.add(TlaValue.rec("name", TlaValue.str("StateSync"), "r", r, "q", q, "h", TlaValue.of(snq)));
            }
        }
        return out;
    }
}
