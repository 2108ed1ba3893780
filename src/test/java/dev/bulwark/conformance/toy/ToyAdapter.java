package dev.bulwark.conformance.toy;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adapter between Toy.tla and {@link ToyBank}. */
public final class ToyAdapter implements SpecAdapter<ToyBank> {

    public static final Path DIR = dev.bulwark.conformance.TlcRunner.projectRoot()
            .resolve("src/test/resources/conformance/toy");

    private final List<TlaValue.ModelValue> accounts;
    private final List<Long> amounts;
    private final long cap;
    private final ToyBank.Bug bug;

    public ToyAdapter(Map<String, TlaValue> constants, ToyBank.Bug bug) {
        this.accounts = SpecValues.modelValues(constants.get("Accounts"));
        this.amounts = SpecValues.ints(constants.get("Amounts"));
        this.cap = SpecValues.constant(constants, "Cap");
        this.bug = bug;
    }

    @Override
    public String specName() {
        return "toy";
    }

    @Override
    public Path module() {
        return DIR.resolve("Toy.tla");
    }

    @Override
    public List<String> actions() {
        return List.of("Deposit", "Withdraw", "Transfer");
    }

    @Override
    public ToyBank init() {
        return new ToyBank(accounts.size(), cap, bug);
    }

    @Override
    public ToyBank fromSpec(Map<String, TlaValue> state) {
        return ToyBank.fromState(SpecValues.toArray(accounts, state.get("bal")), SpecValues.asLong(state.get("total")),
                cap, bug);
    }

    @Override
    public Map<String, TlaValue> toSpec(ToyBank b) {
        Map<String, TlaValue> m = new LinkedHashMap<>();
        m.put("bal", SpecValues.fromArray(accounts, b.balances()));
        m.put("total", TlaValue.of(b.total()));
        return m;
    }

    @Override
    public void apply(ToyBank b, TlaValue.Rec a) {
        switch (a.getStr("name")) {
            case "Deposit" -> b.deposit(acct(a, "account"), a.getInt("amount"));
            case "Withdraw" -> b.withdraw(acct(a, "account"), a.getInt("amount"));
            case "Transfer" -> b.transfer(acct(a, "from"), acct(a, "to"), a.getInt("amount"));
            default -> throw new IllegalArgumentException("unknown action " + a.toTla());
        }
    }

    private int acct(TlaValue.Rec a, String field) {
        return SpecValues.indexOf(accounts, a.get(field));
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof ToyBank.Rejected;
    }

    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        List<TlaValue.Rec> out = new ArrayList<>();
        for (TlaValue.ModelValue a : accounts) {
            for (long x : amounts) {
                out.add(TlaValue.rec("name", TlaValue.str("Deposit"), "account", a, "amount", TlaValue.of(x)));
                out.add(TlaValue.rec("name", TlaValue.str("Withdraw"), "account", a, "amount", TlaValue.of(x)));
            }
        }
        for (TlaValue.ModelValue f : accounts) {
            for (TlaValue.ModelValue t : accounts) {
                for (long x : amounts) {
                    out.add(TlaValue.rec("name", TlaValue.str("Transfer"), "from", f, "to", t, "amount", TlaValue.of(x)));
                }
            }
        }
        return out;
    }

    @Override
    public ToyBank copy(ToyBank b) {
        return ToyBank.fromState(b.balances(), b.total(), b.cap(), b.bug());
    }
}
