package dev.bulwark.conformance.ledger;

import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceParams;
import dev.bulwark.governance.OwnerAddition;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.GovAction;
import dev.bulwark.ledger.GovPropose;
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
 *
 * <p>Governance (the record {@code g} and the governance keys' nonces): the Gov constant's keys kK
 * (in the set's order) are governance key indices K - 1 with Ed25519 keys from the same seed;
 * proposals map to {@code dev.bulwark.governance.Proposal} field by field (chain cK = id K);
 * {@code waited[s]} is {@code min(delay, height - queuedAt(s))} (governance's height is the
 * ledger's); the stakes are governance's (the oracle's are the same).
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
    final List<TlaValue.ModelValue> govIds;
    private final KeyPair[] govKeys;
    private final long govDelay;
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
        TlaValue.Rec g = ms.gov();
        this.govIds = SpecValues.modelValues(g.get("keys"));
        this.govKeys = new KeyPair[govIds.size()];
        AccountKey[] gk = new AccountKey[govIds.size()];
        for (int i = 0; i < gk.length; i++) {
            govKeys[i] = ed25519(seeded);
            gk[i] = TxSignatures.keyOf(govKeys[i].getPublic());
        }
        this.govDelay = g.getInt("delay");
        long chain = chainId(c.get("Chain"));
        GovernanceParams gp = new GovernanceParams(govIds.size(), govIds.size(), chain, govDelay,
                (int) g.getInt("window"), g.getInt("minIm"), g.getInt("maxIm"), g.getInt("minMm"), g.getInt("maxMm"),
                g.getInt("minFee"), g.getInt("maxFee"), g.getInt("floor"), k(c, "MaxNetDeposits"),
                reporterIds.size(), k(c, "HeavyStake"));
        int[] owners = SpecValues.modelValues(g.get("owners")).stream().mapToInt(v -> SpecValues.indexOf(govIds, v))
                .toArray();
        this.config = new LedgerConfig(chain, mp, k(c, "InitPrice"), op, genesis,
                (int) k(c, "Backstop") - 1, reporters, numAccounts, gp, gk, owners, (int) g.getInt("threshold"));
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
            case "GovPropose": {
                List<TlaValue> as = ((TlaValue.Seq) t.get("approvers")).elems();
                AccountKey[] approvers = new AccountKey[as.size()];
                for (int i = 0; i < approvers.length; i++) {
                    approvers[i] = govKey(as.get(i));
                }
                return new GovPropose(ch, govKey(t.get("signer")), nonce, proposalOf(t.get("proposal")), approvers);
            }
            case "GovApprove":
                return new GovAction(Transaction.GOV_APPROVE, ch, govKey(t.get("signer")), nonce, govIndex(t.get("slot")));
            case "GovRetract":
                return new GovAction(Transaction.GOV_RETRACT, ch, govKey(t.get("signer")), nonce, 0);
            case "GovQueue":
                return new GovAction(Transaction.GOV_QUEUE, ch, govKey(t.get("signer")), nonce, govIndex(t.get("slot")));
            case "GovExecute":
                return new GovAction(Transaction.GOV_EXECUTE, ch, govKey(t.get("signer")), nonce, govIndex(t.get("slot")));
            case "GovCancel":
                return new GovAction(Transaction.GOV_CANCEL, ch, govKey(t.get("signer")), nonce, govIndex(t.get("slot")));
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

    private int govIndex(TlaValue k) {
        return SpecValues.indexOf(govIds, k);
    }

    private AccountKey govKey(TlaValue k) {
        return config.governanceKey(govIndex(k));
    }

    private static TlaValue chainValue(long id) {
        return new TlaValue.ModelValue("c" + id);
    }

    static final TlaValue.Rec NONE = TlaValue.rec("kind", TlaValue.str("None"));

    /** The spec record of a governance proposal (null: [kind |-> "None"]). */
    TlaValue proposalRecord(Proposal p) {
        if (p == null) {
            return NONE;
        }
        Payload q = p.payload();
        List<Object> f = new ArrayList<>(List.of("kind", TlaValue.str(Payload.kindName(q.kind())),
                "nonce", TlaValue.of(p.nonce()), "chain", chainValue(p.chainId())));
        if (q instanceof ParamsChange c) {
            f.addAll(List.of("im", TlaValue.of(c.imBps()), "mm", TlaValue.of(c.mmBps()), "fee", TlaValue.of(c.feeBps())));
        } else if (q instanceof FundWithdrawal c) {
            f.addAll(List.of("amount", TlaValue.of(c.amount())));
        } else if (q instanceof StakeChange c) {
            f.addAll(List.of("reporter", reporterIds.get(c.reporter()), "stake", TlaValue.of(c.stake())));
        } else if (q instanceof OwnerAddition c) {
            f.addAll(List.of("owner", govIds.get(c.owner()), "threshold", TlaValue.of(c.threshold())));
        } else if (q instanceof OwnerRemoval c) {
            f.addAll(List.of("owner", govIds.get(c.owner()), "threshold", TlaValue.of(c.threshold())));
        } else if (q instanceof OwnerSwap c) {
            f.addAll(List.of("old", govIds.get(c.oldOwner()), "new", govIds.get(c.newOwner())));
        } else if (q instanceof ThresholdChange c) {
            f.addAll(List.of("threshold", TlaValue.of(c.threshold())));
        }
        return TlaValue.rec(f.toArray());
    }

    /** The proposal of a spec record (null for [kind |-> "None"]). */
    Proposal proposalOf(TlaValue v) {
        TlaValue.Rec r = (TlaValue.Rec) v;
        String kind = r.getStr("kind");
        if (kind.equals("None")) {
            return null;
        }
        Payload q = switch (kind) {
            case "SetParams" -> new ParamsChange(r.getInt("im"), r.getInt("mm"), r.getInt("fee"));
            case "Withdraw" -> new FundWithdrawal(r.getInt("amount"));
            case "SetStake" -> new StakeChange(SpecValues.indexOf(reporterIds, r.get("reporter")), r.getInt("stake"));
            case "AddOwner" -> new OwnerAddition(govIndex(r.get("owner")), (int) r.getInt("threshold"));
            case "RemoveOwner" -> new OwnerRemoval(govIndex(r.get("owner")), (int) r.getInt("threshold"));
            case "SwapOwner" -> new OwnerSwap(govIndex(r.get("old")), govIndex(r.get("new")));
            case "ChangeThreshold" -> new ThresholdChange((int) r.getInt("threshold"));
            case "Cancel" -> new Cancellation();
            default -> throw new IllegalArgumentException("unknown proposal kind " + r.toTla());
        };
        return new Proposal(q, chainId(r.get("chain")), r.getInt("nonce"));
    }

    private static TlaValue.Rec paramsRec(long im, long mm, long fee) {
        return TlaValue.rec("im", TlaValue.of(im), "mm", TlaValue.of(mm), "fee", TlaValue.of(fee));
    }

    /** LedgerApp's governance record g of a ledger. */
    TlaValue govRecord(Ledger l) {
        Governance g = l.governance();
        List<TlaValue> owners = new ArrayList<>();
        TreeMap<TlaValue, TlaValue> proposal = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> approvals = new TreeMap<>(TlaValue.ORDER);
        TreeMap<TlaValue, TlaValue> waited = new TreeMap<>(TlaValue.ORDER);
        for (int k = 0; k < govIds.size(); k++) {
            if (g.isOwner(k)) {
                owners.add(govIds.get(k));
            }
            proposal.put(govIds.get(k), proposalRecord(g.proposalOf(k)));
            List<TlaValue> ap = new ArrayList<>();
            for (int a = 0; a < govIds.size(); a++) {
                if (g.hasApproved(k, a)) {
                    ap.add(govIds.get(a));
                }
            }
            approvals.put(govIds.get(k), new TlaValue.SetV(ap));
            waited.put(govIds.get(k), TlaValue.of(g.waited(k)));
        }
        TreeMap<TlaValue, TlaValue> stake = new TreeMap<>(TlaValue.ORDER);
        for (int r = 0; r < reporterIds.size(); r++) {
            stake.put(reporterIds.get(r), TlaValue.of(g.stakeOf(r)));
        }
        return TlaValue.rec("owners", new TlaValue.SetV(owners), "threshold", TlaValue.of(g.threshold()),
                "nonce", TlaValue.of(g.nonce()), "proposal", new TlaValue.Fn(proposal),
                "approvals", new TlaValue.Fn(approvals), "waited", new TlaValue.Fn(waited),
                "params", paramsRec(g.imBps(), g.mmBps(), g.feeBps()),
                "pending", g.hasPendingParams() ? paramsRec(g.pendingImBps(), g.pendingMmBps(), g.pendingFeeBps()) : NONE,
                "stake", new TlaValue.Fn(stake));
    }

    /** Governance in the state of a record g at this height, with this fund (the insurance). */
    Governance governance(TlaValue.Rec g, long height, long fund) {
        int n = govIds.size();
        boolean[] owners = new boolean[n];
        for (TlaValue o : ((TlaValue.SetV) g.get("owners")).elems()) {
            owners[govIndex(o)] = true;
        }
        Proposal[] proposals = new Proposal[n];
        boolean[][] approvals = new boolean[n][n];
        long[] queued = new long[n];
        TlaValue.Fn pf = (TlaValue.Fn) g.get("proposal");
        TlaValue.Fn af = (TlaValue.Fn) g.get("approvals");
        TlaValue.Fn wf = (TlaValue.Fn) g.get("waited");
        for (int s = 0; s < n; s++) {
            proposals[s] = proposalOf(pf.apply(govIds.get(s)));
            for (TlaValue a : ((TlaValue.SetV) af.apply(govIds.get(s))).elems()) {
                approvals[s][govIndex(a)] = true;
            }
            long w = SpecValues.asLong(wf.apply(govIds.get(s)));
            queued[s] = w < 0 ? Governance.NOT_QUEUED : height - w;
        }
        TlaValue.Rec pr = (TlaValue.Rec) g.get("params");
        TlaValue.Rec pe = (TlaValue.Rec) g.get("pending");
        boolean pending = !pe.has("kind");
        return Governance.fromState(config.governance(), height, owners, (int) g.getInt("threshold"),
                g.getInt("nonce"), proposals, approvals, queued, pr.getInt("im"), pr.getInt("mm"), pr.getInt("fee"),
                pending, pending ? pe.getInt("im") : 0, pending ? pe.getInt("mm") : 0, pending ? pe.getInt("fee") : 0,
                fund, SpecValues.toArray(reporterIds, g.get("stake")));
    }

    /** The transaction signed by its signers' keys (cached per spec transaction). */
    SignedTx signedTx(TlaValue.Rec t) {
        return signed.computeIfAbsent(t, x -> {
            Transaction tx = transaction(t);
            if (tx instanceof GovPropose gp) {
                List<TlaValue> as = ((TlaValue.Seq) t.get("approvers")).elems();
                byte[][] approvals = new byte[as.size()][];
                for (int i = 0; i < approvals.length; i++) {
                    approvals[i] = TxSignatures.approve(gp.proposal(), config, govKeys[govIndex(as.get(i))].getPrivate());
                }
                return TxSignatures.signPropose(gp, govKeys[govIndex(t.get("signer"))].getPrivate(), approvals);
            }
            if (tx.isGovernance()) {
                return TxSignatures.sign(tx, govKeys[govIndex(t.get("signer"))]);
            }
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
        for (int k = 0; k < govIds.size(); k++) {
            nonce.put(govIds.get(k), TlaValue.of(l.govNonce(k)));
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
        return TlaValue.rec("m", m, "o", o, "g", govRecord(l), "nonce", new TlaValue.Fn(nonce), "height", TlaValue.of(l.height()),
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
        long height = s.getInt("height");
        Governance gov = governance((TlaValue.Rec) s.get("g"), height, m.getInt("insurance"));
        long[] gnonce = new long[govIds.size()];
        for (int k = 0; k < gnonce.length; k++) {
            gnonce[k] = SpecValues.asLong(nonceFn.apply(govIds.get(k)));
        }
        Oracle oracle = Oracle.fromState(config.oracle().withStakes(gov.stakes()), Math.toIntExact(o.getInt("round")),
                SpecValues.toArray(reporterIds, o.get("reports")), SpecValues.toArray(reporterIds, o.get("rel")),
                o.getInt("price"), Math.toIntExact(o.getInt("priceRound")), o.getInt("pending"),
                Math.toIntExact(o.getInt("pendingRound")), ((TlaValue.Bool) o.get("aggregated")).value(), ev);
        List<TlaValue> codes = ((TlaValue.Seq) s.get("codes")).elems();
        TxResult[] results = new TxResult[codes.size()];
        for (int i = 0; i < results.length; i++) {
            results[i] = result(((TlaValue.Str) codes.get(i)).value());
        }
        return Ledger.fromState(config, keys, coll, pos, nonces, m.getInt("price"), m.getInt("insurance"),
                m.getInt("netDeposits"), ((TlaValue.Bool) m.get("halted")).value(), oracle, rnonce, height,
                results, gov, gnonce);
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
