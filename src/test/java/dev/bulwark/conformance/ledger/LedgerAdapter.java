package dev.bulwark.conformance.ledger;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.ConsensusException;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import dev.bulwark.replica.ReplicaException;
import java.nio.file.Path;
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
 * base[r]         the store's base() (it holds base+1 .. stored)
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
 * snapshot(), Prune(r, h) = prune(h), Ack(r) = ack(), Crash(r) = crash(), Restart(r) = restart(), StateSync(r, q) =
 * stateSync(h, q's snapshot bytes, the decided block h + 1 and its certificate) where h is q's snapshot height
 * (the header of block h + 1 carries the app hash after h). Each action record's {@code h} is
 * checked against what the Java call did.
 */
public final class LedgerAdapter implements SpecAdapter<LedgerAdapter.Net> {

    public static final List<String> ACTIONS = List.of("Decide", "CommitBlock", "FetchBlock", "Apply", "Snapshot",
            "Prune", "Ack", "Crash", "Restart", "StateSync");

    static final TlaValue NO_STATE = TlaValue.rec("none", TlaValue.of(true));

    /**
     * What the applied blocks did at the application level, over every adapter (traces and graph
     * edges alike): result codes by name, deleveraging steps and backstop liquidations.
     */
    public static final Map<String, java.util.concurrent.atomic.LongAdder> APP_EVENTS = new ConcurrentHashMap<>();

    static void count(BlockResult r) {
        for (int i = 0; i < r.size(); i++) {
            APP_EVENTS.computeIfAbsent("code " + ((TlaValue.Str) LedgerMapping.codeName(r.result(i))).value(),
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

    private final boolean reversedBlocks;
    private final Path module;
    private final LedgerMapping map;
    private final int maxHeight;
    private final int maxCrashes;
    private final TlaValue noBlock;
    private final List<TlaValue.ModelValue> replicaIds;
    private final List<TlaValue> blocks;
    private final LedgerConfig config;
    private final ValidatorSet validators;
    /** Encoded decided blocks by (height, spec block), shared by every Net of this adapter. */
    private final Map<List<TlaValue>, byte[]> encoded = new ConcurrentHashMap<>();
    private final Map<List<TlaValue>, Certificate> certificates = new ConcurrentHashMap<>();
    /** App hashes of reference ledgers (by identity: they are never mutated). */
    private final Map<Ledger, byte[]> refHashes = Collections.synchronizedMap(new IdentityHashMap<>());

    public LedgerAdapter(Map<String, TlaValue> c, Path module) {
        this(c, module, false);
    }

    /**
     * With {@code reversedBlocks} (a seeded bug, for LedgerMutantTest): the replicas receive each
     * decided block with its transactions in reverse order (certified as such), as a replica that
     * orders a block by its own mempool would; the reference ledger applies the decided order.
     */
    LedgerAdapter(Map<String, TlaValue> c, Path module, boolean reversedBlocks) {
        this.reversedBlocks = reversedBlocks;
        this.module = module;
        this.map = new LedgerMapping(c, LedgerSpecFiles.modelSets(c));
        this.blocks = map.blocks;
        this.config = map.config;
        this.maxHeight = (int) SpecValues.constant(c, "MaxHeight");
        this.maxCrashes = (int) SpecValues.constant(c, "MaxCrashes");
        this.noBlock = c.get("NoBlock");
        this.replicaIds = SpecValues.modelValues(c.get("Replicas"));
        try {
            this.validators = new ValidatorSet(new long[] {1});
        } catch (ConsensusException e) {
            throw new IllegalStateException(e);
        }
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

    @Override
    public Net init() {
        Net n = new Net(Collections.synchronizedMap(new IdentityHashMap<>()));
        n.ref[0] = new Ledger(config);
        n.refExec[0] = map.genesisExec();
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

    /** The app hash of a reference ledger (computed on a copy: reference ledgers are shared and never mutated). */
    private byte[] refHash(Ledger ref) {
        return refHashes.computeIfAbsent(ref, l -> l.copy().appHash());
    }

    /** The app hash the header of the block of height h carries: the decided prefix 1..h-1 applied. */
    byte[] prevHash(Net n, int h) {
        if (n.ref[h - 1] == null) {
            throw new EnvironmentRefusal("no decided prefix below height " + h);
        }
        return refHash(n.ref[h - 1]);
    }

    /** The encoded block of spec block b decided at height h, its header carrying prev (the app hash after h - 1). */
    byte[] encodedBlock(int h, TlaValue b, byte[] prev) {
        return encoded.computeIfAbsent(List.of(TlaValue.of(h), b, TlaValue.str(java.util.HexFormat.of().formatHex(prev))), k -> {
            List<SignedTx> sts = new ArrayList<>();
            for (TlaValue t : ((TlaValue.Seq) b).elems()) {
                sts.add(map.signedTx((TlaValue.Rec) t));
            }
            return BlockCodec.encode(config.chainId(), h, prev, sts);
        });
    }

    /** The block the replicas receive for height h (the decided one, unless the seeded bug reverses it). */
    byte[] replicaBlock(Net n, int h, TlaValue b) {
        return reversedBlocks ? encodedBlock(h, reversed(b), prevHash(n, h)) : encodedBlock(h, b, prevHash(n, h));
    }

    Certificate replicaCertificate(Net n, int h, TlaValue b) {
        return reversedBlocks ? certificate(h, reversed(b), prevHash(n, h)) : certificate(h, b, prevHash(n, h));
    }

    private static TlaValue reversed(TlaValue b) {
        List<TlaValue> l = new ArrayList<>(((TlaValue.Seq) b).elems());
        Collections.reverse(l);
        return new TlaValue.Seq(l);
    }

    /** A commit certificate for it: the one validator's precommit of the block hash's value. */
    Certificate certificate(int h, TlaValue b, byte[] prev) {
        return certificates.computeIfAbsent(List.of(TlaValue.of(h), b, TlaValue.str(java.util.HexFormat.of().formatHex(prev))), k -> {
            Value v = BlockCodec.hash(encodedBlock(h, b, prev)).consensusValue();
            return new Certificate(h, 0, v, List.of(Message.precommit(0, h, 0, v)));
        });
    }

    // ------------------------------------------------------------------------------------------
    // Abstraction function

    /** Rendered once per immutable ledger (reference ledgers, decoded snapshots). */
    private TlaValue renderedRecord(Net n, Object key, Ledger l, Map<TlaValue, Long> exec) {
        TlaValue v = n.rendered.get(key);
        if (v == null) {
            v = map.record(l, exec);
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
        TreeMap<TlaValue, TlaValue> base = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> snap = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> acked = new TreeMap<>(TlaValue.ORDER);
        for (int i = 0; i < replicaIds.size(); i++) {
            TlaValue id = replicaIds.get(i);
            Replica r = n.replicas[i];
            up.put(id, TlaValue.of(r.isUp()));
            st.put(id, r.isUp() ? map.record(r.ledger(), n.exec[i]) : NO_STATE);
            ht.put(id, TlaValue.of(r.height()));
            applied.put(id, new TlaValue.Seq(n.applied[i]));
            stored.put(id, TlaValue.of(r.storedHeight()));
            base.put(id, TlaValue.of(n.stores[i].base()));
            snap.put(id, TlaValue.rec("h", TlaValue.of(r.snapshotHeight()), "s", snapshotRecord(n, i), "applied",
                    new TlaValue.Seq(n.snapApplied[i])));
            acked.put(id, TlaValue.of(r.ackedHeight()));
        }
        s.put("up", new TlaValue.Fn(up));
        s.put("st", new TlaValue.Fn(st));
        s.put("ht", new TlaValue.Fn(ht));
        s.put("applied", new TlaValue.Fn(applied));
        s.put("stored", new TlaValue.Fn(stored));
        s.put("base", new TlaValue.Fn(base));
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
            v = map.record(Snapshot.decode(config, bytes), n.snapExec[i]);
            n.rendered.put(bytes, v);
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------
    // Concretisation

    private static boolean isNoState(TlaValue v) {
        return v instanceof TlaValue.Rec r && r.has("none");
    }

    @Override
    public Net fromSpec(Map<String, TlaValue> s) {
        Net n = new Net(Collections.synchronizedMap(new IdentityHashMap<>()));
        TlaValue.Fn ref = (TlaValue.Fn) s.get("refState");
        for (int h = 0; h <= maxHeight; h++) {
            TlaValue r = ref.apply(TlaValue.of(h));
            if (!isNoState(r)) {
                n.ref[h] = map.ledger((TlaValue.Rec) r);
                n.refExec[h] = LedgerMapping.execOf((TlaValue.Rec) r);
            }
        }
        List<TlaValue> log = ((TlaValue.Seq) s.get("log")).elems();
        for (int h = 1; h <= maxHeight; h++) {
            TlaValue b = log.get(h - 1);
            if (!b.equals(noBlock)) {
                n.decided[h - 1] = encodedBlock(h, b, prevHash(n, h));
                n.certs[h - 1] = certificate(h, b, prevHash(n, h));
                n.decidedSpec[h - 1] = b;
            }
        }
        TlaValue.Fn up = (TlaValue.Fn) s.get("up");
        TlaValue.Fn st = (TlaValue.Fn) s.get("st");
        TlaValue.Fn applied = (TlaValue.Fn) s.get("applied");
        TlaValue.Fn stored = (TlaValue.Fn) s.get("stored");
        TlaValue.Fn base = (TlaValue.Fn) s.get("base");
        TlaValue.Fn snap = (TlaValue.Fn) s.get("snap");
        TlaValue.Fn acked = (TlaValue.Fn) s.get("acked");
        for (int i = 0; i < replicaIds.size(); i++) {
            TlaValue id = replicaIds.get(i);
            MemoryBlockStore store = new MemoryBlockStore();
            long sh = SpecValues.asLong(stored.apply(id));
            for (int h = 1; h <= sh; h++) {
                store.putBlock(h, replicaBlock(n, h, n.decidedSpec[h - 1]), replicaCertificate(n, h, n.decidedSpec[h - 1]));
            }
            TlaValue.Rec sn = (TlaValue.Rec) snap.apply(id);
            long snapH = sn.getInt("h");
            TlaValue.Rec snapState = (TlaValue.Rec) sn.get("s");
            if (snapH > 0) {
                store.putSnapshot(snapH, Snapshot.encode(map.ledger(snapState)));
            }
            long b = SpecValues.asLong(base.apply(id));
            if (b > 0) {
                store.prune(b); // base <= snap.h (ReplayCovered): the same blocks as a state-synced or pruned store
            }
            n.snapApplied[i] = List.copyOf(((TlaValue.Seq) sn.get("applied")).elems());
            n.snapExec[i] = LedgerMapping.execOf(snapState);
            boolean isUp = ((TlaValue.Bool) up.apply(id)).value();
            Ledger running = null;
            if (isUp) {
                running = map.ledger((TlaValue.Rec) st.apply(id));
                n.exec[i] = LedgerMapping.execOf((TlaValue.Rec) st.apply(id));
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
                byte[] bytes = encodedBlock(h, b, prevHash(n, h));
                Ledger next = n.ref[h - 1].copy();
                BlockResult r = next.apply(BlockCodec.decode(bytes).block());
                count(r);
                n.decided[h - 1] = bytes;
                n.certs[h - 1] = certificate(h, b, prevHash(n, h));
                n.decidedSpec[h - 1] = b;
                n.ref[h] = next;
                n.refExec[h] = LedgerMapping.advanceExec(n.refExec[h - 1], b, r);
                return;
            }
            case "CommitBlock": {
                int i = replica(a, "r");
                Replica r = n.replicas[i];
                int h = (int) r.storedHeight() + 1;
                if (h > maxHeight || n.decided[h - 1] == null) {
                    throw new EnvironmentRefusal("no decision at height " + h);
                }
                r.commitBlock(replicaBlock(n, h, n.decidedSpec[h - 1]), replicaCertificate(n, h, n.decidedSpec[h - 1]));
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
                n.exec[i] = LedgerMapping.advanceExec(n.exec[i], b, res);
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
            case "Prune": {
                n.replicas[replica(a, "r")].prune(a.getInt("h"));
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
                if (!peer.isUp() || q == i) {
                    throw new EnvironmentRefusal("state sync from a replica that is down, or from itself");
                }
                // the trust anchor: block h + 1 as consensus decided it, with its certificate (none if undecided)
                byte[] next = h < maxHeight ? n.decided[h] : null;
                Certificate nextCert = h < maxHeight ? n.certs[h] : null;
                n.replicas[i].stateSync(h, peer.store().snapshot(), next, nextCert);
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
            for (int h = 1; h <= maxHeight; h++) {
                out.add(TlaValue.rec("name", TlaValue.str("Prune"), "r", r, "h", TlaValue.of(h)));
            }
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
