package dev.bulwark.conformance.ledger;

import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
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
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.Evidence;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleParams;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The abstraction function of spec/ledger/LedgerApp.tla for the constants of one config: a Java
 * {@link Ledger} and the spec's state record {@code [m, o, nonce, height, codes, exec]}, both
 * ways, and the spec's transactions as Java transactions (signed with Ed25519 keys made from a
 * fixed seed). Shared by the adapters of Ledger.tla (replicas) and of the application's steps.
 *
 * <p>Account k of 1..NumAccounts is Java id k - 1 (all registered at genesis, in id order);
 * Backstop is id Backstop - 1; reporter pK (in the Reporters set's order) is oracle index K - 1;
 * a chain model value cK is chain id K; the oracle's constants are LedgerApp's instance of
 * Oracle.tla (MaxStep 0, true price MinPrice); {@code exec} is a history variable the Java ledger
 * does not hold: the adapters keep it beside each ledger and advance it from the Java result
 * codes ({@link #advanceExec}).
 */
final class LedgerMapping {
    static final TlaValue.Str[] CODE_NAMES = {TlaValue.str("Applied"), TlaValue.str("Refused"),
            TlaValue.str("WrongChain"), TlaValue.str("UnknownSigner"), TlaValue.str("BadNonce")};

    final int numAccounts;
    final long minPrice;
    final List<TlaValue.ModelValue> reporterIds;
    final List<TlaValue> blocks;
    final List<TlaValue> txs;
    final LedgerConfig config;
    private final KeyPair[] accountKeys;
    private final KeyPair[] reporterKeys;
    private final Map<TlaValue, SignedTx> signed = new ConcurrentHashMap<>();

    LedgerMapping(Map<String, TlaValue> c, LedgerSpecFiles.ModelSets ms) {
        this.blocks = List.copyOf(ms.blocks().elems());
        this.txs = List.copyOf(ms.txs().elems());
        this.numAccounts = (int) k(c, "NumAccounts");
        this.minPrice = k(c, "MinPrice");
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
        OracleParams op = new OracleParams(stake, k(c, "MaxRel"), k(c, "Penalty"), k(c, "MinPrice"),
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
        this.config = new LedgerConfig(chainId(c.get("Chain")), mp, k(c, "InitPrice"), op, genesis,
                (int) k(c, "Backstop") - 1, reporters, numAccounts);
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

    // ------------------------------------------------------------------------------------------
    // Transactions

    /** The Java transaction of a spec transaction record. */
    Transaction transaction(TlaValue.Rec t) {
        long ch = chainId(t.get("chain"));
        long nonce = t.getInt("nonce");
        switch (t.getStr("type")) {
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

    /** The transaction signed by its signers' keys (cached per spec transaction). */
    SignedTx signedTx(TlaValue.Rec t) {
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

    // ------------------------------------------------------------------------------------------
    // Abstraction function and its inverse

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
        for (int r = 0; r < reporterIds.size(); r++) {
            if (l.evidenced(r)) {
                evidence.add(TlaValue.rec("rep", reporterIds.get(r), "rnd", TlaValue.of(l.oracleRound())));
            }
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

    // ------------------------------------------------------------------------------------------
    // The exec history variable

    Map<TlaValue, Long> genesisExec() {
        Map<TlaValue, Long> m = new TreeMap<>(TlaValue.ORDER);
        for (TlaValue t : txs) {
            m.put(t, 0L);
        }
        return Collections.unmodifiableMap(m);
    }

    static Map<TlaValue, Long> execOf(TlaValue.Rec s) {
        Map<TlaValue, Long> m = new TreeMap<>(TlaValue.ORDER);
        for (Map.Entry<TlaValue, TlaValue> e : ((TlaValue.Fn) s.get("exec")).map().entrySet()) {
            m.put(e.getKey(), SpecValues.asLong(e.getValue()));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The exec shadow after a block's results: each executed model transaction counted once more. */
    static Map<TlaValue, Long> advanceExec(Map<TlaValue, Long> exec, TlaValue block, BlockResult r) {
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

    /** The exec shadow after one transaction's result. */
    static Map<TlaValue, Long> advanceExec(Map<TlaValue, Long> exec, TlaValue tx, TxResult r) {
        if (!r.code().executed() || !exec.containsKey(tx)) {
            return exec;
        }
        Map<TlaValue, Long> m = new TreeMap<>(TlaValue.ORDER);
        m.putAll(exec);
        m.merge(tx, 1L, Long::sum);
        return Collections.unmodifiableMap(m);
    }
}
