package dev.bulwark.conformance.margin;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginException;
import dev.bulwark.margin.MarginParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapter between spec/margin/Margin.tla and {@link MarginEngine}, for the constants of one
 * config. Accounts: model value aK (in name order, numeric suffix) is index K-1.
 *
 * <pre>
 * spec variable  Java query
 * coll[a]        collateral(i)
 * pos[a]         position(i)
 * price          price()
 * insurance      insurance()
 * netDeposits    netDeposits()
 * halted         isHalted()
 * lastAction     the call: Deposit -> deposit(account, amount), Withdraw -> withdraw,
 *                Trade -> trade(buyer, seller, lots, price), SetPrice -> setPrice(price),
 *                Liquidate -> liquidate(account, liquidator, lots, price),
 *                Deleverage -> deleverage(account, counterparty), Halt -> halt()
 * </pre>
 */
public final class MarginAdapter implements SpecAdapter<MarginEngine> {

    public static final Path DIR = TlcRunner.projectRoot().resolve("spec/margin");
    public static final List<String> ACTIONS = List.of("Deposit", "Withdraw", "Trade", "SetPrice", "Liquidate",
            "Deleverage", "Halt");

    private final List<TlaValue.ModelValue> accounts;
    private final List<Long> amounts;
    private final MarginParams params;
    private final long initPrice;
    private final List<TlaValue.Rec> candidates;

    public MarginAdapter(Map<String, TlaValue> c) {
        this.accounts = SpecValues.modelValues(c.get("Accounts"));
        this.amounts = SpecValues.ints(c.get("Amounts"));
        this.params = new MarginParams(k(c, "MaxTradeLots"), k(c, "MaxLots"), k(c, "MaxCollateral"),
                k(c, "MaxNetDeposits"), k(c, "MinPrice"), k(c, "MaxPrice"), k(c, "MaxPriceStep"), k(c, "ImBps"),
                k(c, "MmBps"), k(c, "FeeBps"), k(c, "BandBps"), k(c, "DustLots"));
        this.initPrice = k(c, "InitPrice");
        this.candidates = List.copyOf(buildCandidates());
    }

    private static long k(Map<String, TlaValue> c, String name) {
        return SpecValues.constant(c, name);
    }

    public MarginParams params() {
        return params;
    }

    public List<TlaValue.ModelValue> accountIds() {
        return accounts;
    }

    @Override
    public String specName() {
        return "margin";
    }

    @Override
    public Path module() {
        return DIR.resolve("Margin.tla");
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    @Override
    public MarginEngine init() {
        return new MarginEngine(params, accounts.size(), initPrice);
    }

    @Override
    public MarginEngine fromSpec(Map<String, TlaValue> s) {
        return MarginEngine.fromState(params, SpecValues.toArray(accounts, s.get("coll")),
                SpecValues.toArray(accounts, s.get("pos")), SpecValues.asLong(s.get("price")),
                SpecValues.asLong(s.get("insurance")), SpecValues.asLong(s.get("netDeposits")),
                ((TlaValue.Bool) s.get("halted")).value());
    }

    @Override
    public Map<String, TlaValue> toSpec(MarginEngine e) {
        Map<String, TlaValue> m = new LinkedHashMap<>();
        m.put("coll", SpecValues.fromArray(accounts, collateral(e)));
        m.put("pos", SpecValues.fromArray(accounts, positions(e)));
        m.put("price", TlaValue.of(e.price()));
        m.put("insurance", TlaValue.of(e.insurance()));
        m.put("netDeposits", TlaValue.of(e.netDeposits()));
        m.put("halted", TlaValue.of(e.isHalted()));
        return m;
    }

    private static long[] collateral(MarginEngine e) {
        long[] c = new long[e.accounts()];
        for (int i = 0; i < c.length; i++) {
            c[i] = e.collateral(i);
        }
        return c;
    }

    private static long[] positions(MarginEngine e) {
        long[] p = new long[e.accounts()];
        for (int i = 0; i < p.length; i++) {
            p[i] = e.position(i);
        }
        return p;
    }

    @Override
    public MarginEngine copy(MarginEngine e) {
        return MarginEngine.fromState(params, collateral(e), positions(e), e.price(), e.insurance(),
                e.netDeposits(), e.isHalted());
    }

    @Override
    public void apply(MarginEngine e, TlaValue.Rec a) {
        switch (a.getStr("name")) {
            case "Deposit" -> e.deposit(acct(a, "account"), a.getInt("amount"));
            case "Withdraw" -> e.withdraw(acct(a, "account"), a.getInt("amount"));
            case "Trade" -> e.trade(acct(a, "buyer"), acct(a, "seller"), a.getInt("lots"), a.getInt("price"));
            case "SetPrice" -> e.setPrice(a.getInt("price"));
            case "Liquidate" -> e.liquidate(acct(a, "account"), acct(a, "liquidator"), a.getInt("lots"),
                    a.getInt("price"));
            case "Deleverage" -> e.deleverage(acct(a, "account"), acct(a, "counterparty"));
            case "Halt" -> e.halt();
            default -> throw new IllegalArgumentException("unknown Margin action " + a.toTla());
        }
    }

    private int acct(TlaValue.Rec a, String field) {
        return SpecValues.indexOf(accounts, a.get(field));
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof MarginException;
    }

    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        return candidates;
    }

    /** The Next-domains of Margin.tla for these constants. */
    private List<TlaValue.Rec> buildCandidates() {
        List<TlaValue.Rec> out = new ArrayList<>();
        TlaValue.Str deposit = TlaValue.str("Deposit");
        TlaValue.Str withdraw = TlaValue.str("Withdraw");
        for (TlaValue.ModelValue a : accounts) {
            for (long x : amounts) {
                out.add(TlaValue.rec("name", deposit, "account", a, "amount", TlaValue.of(x)));
                out.add(TlaValue.rec("name", withdraw, "account", a, "amount", TlaValue.of(x)));
            }
        }
        for (TlaValue.ModelValue b : accounts) {
            for (TlaValue.ModelValue s : accounts) {
                for (long q = 1; q <= params.maxTradeLots; q++) {
                    for (long px = params.minPrice; px <= params.maxPrice; px++) {
                        out.add(TlaValue.rec("name", TlaValue.str("Trade"), "buyer", b, "seller", s, "lots",
                                TlaValue.of(q), "price", TlaValue.of(px)));
                    }
                }
            }
        }
        for (long px = params.minPrice; px <= params.maxPrice; px++) {
            out.add(TlaValue.rec("name", TlaValue.str("SetPrice"), "price", TlaValue.of(px)));
        }
        for (TlaValue.ModelValue a : accounts) {
            for (TlaValue.ModelValue l : accounts) {
                for (long q = 1; q <= params.maxLots; q++) {
                    for (long px = params.minPrice; px <= params.maxPrice; px++) {
                        out.add(TlaValue.rec("name", TlaValue.str("Liquidate"), "account", a, "liquidator", l,
                                "lots", TlaValue.of(q), "price", TlaValue.of(px)));
                    }
                }
            }
        }
        for (TlaValue.ModelValue a : accounts) {
            for (TlaValue.ModelValue c : accounts) {
                out.add(TlaValue.rec("name", TlaValue.str("Deleverage"), "account", a, "counterparty", c));
            }
        }
        out.add(TlaValue.rec("name", TlaValue.str("Halt")));
        return out;
    }
}
