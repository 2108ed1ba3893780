package dev.bulwark.conformance.ledger;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerException;
import dev.bulwark.ledger.TxCode;
import dev.bulwark.ledger.TxResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapter between the application's steps (the test module LedgerAppSteps.tla over
 * proofs/ledger/LedgerRefinement.tla: one replica applying blocks one transaction, one half of
 * the round's close, one liquidation step at a time) and one Java {@link Ledger}, method by
 * method:
 *
 * <pre>
 * step                 LedgerApp function        Java
 * BeginBlockStep(b)    [s EXCEPT !.codes = <<>>] beginBlock()
 * ApplyTxStep          ApplyTx(s, blk[i])        applyTx(blk[i])
 * TxsDoneStep          (control)                 -
 * GovEndBlockStep      GovEndBlock(s)            govEndBlock()
 * CloseAggregateStep   CloseAggregate(s)         closeAggregate()
 * CloseAdvanceStep     CloseAdvance(s)           closeAdvance()
 * DeleverageStepOne    DeleverageStep(m, a)      deleverageStep(a - 1), its target deleverageTarget(a - 1)
 * DeleverageStepDone   DeleverageTarget = 0      deleverageTarget(a - 1) = -1
 * BackstopStepOne      BackstopStep(m, a)        backstopStep(a - 1), its size backstopLots(a - 1);
 *                      (last account) height + 1 advanceHeight()
 * </pre>
 *
 * The refinement's control variables (blk, i, phase, acct, base) are the adapter's: it refuses a
 * step whose phase is not the current one ({@link StepRefusal}), exactly as the spec has no such
 * step. mLast and oLast (the Margin and Oracle action each step performs) are derived from what
 * Java did: the result code of a transaction, whether the engine or oracle state changed in a
 * close, the deleveraging target and backstop size Java chose. Every variable is compared: the
 * ledger's whole record s (LedgerApp's [m, o, nonce, height, codes, exec]) after every step.
 */
public final class LedgerAppAdapter implements SpecAdapter<LedgerAppAdapter.World> {

    public static final List<String> ACTIONS = List.of("BeginBlockStep", "ApplyTxStep", "TxsDoneStep",
            "GovEndBlockStep", "CloseAggregateStep", "CloseAdvanceStep", "DeleverageStepOne", "DeleverageStepDone", "BackstopStepOne");

    /** A step the refinement's control does not take now (another phase, the block bound). */
    public static final class StepRefusal extends RuntimeException {
        public StepRefusal(String message) {
            super(message, null, false, false);
        }
    }

    private final Path module;
    private final LedgerMapping map;
    private final int maxBlocks;
    private final int numAccounts;

    public LedgerAppAdapter(Map<String, TlaValue> c, Path module) {
        this.module = module;
        this.map = new LedgerMapping(c, LedgerSpecFiles.appModelSets(c));
        this.maxBlocks = (int) SpecValues.constant(c, "MaxBlocks");
        this.numAccounts = map.numAccounts;
    }

    /** One replica's ledger with the refinement's control variables and history shadows. */
    public static final class World {
        Ledger ledger;
        Map<TlaValue, Long> exec;
        TlaValue blk;
        int i;
        String phase;
        int acct;
        Ledger base;
        Map<TlaValue, Long> baseExec;
        TlaValue mLast;
        TlaValue oLast;

        World copy() {
            World w = new World();
            w.ledger = ledger.copy();
            w.exec = exec;
            w.blk = blk;
            w.i = i;
            w.phase = phase;
            w.acct = acct;
            w.base = base;          // never mutated once taken
            w.baseExec = baseExec;
            w.mLast = mLast;
            w.oLast = oLast;
            return w;
        }
    }

    @Override
    public String specName() {
        return "ledger-app";
    }

    @Override
    public Path module() {
        return module;
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    @Override
    public World init() {
        World w = new World();
        w.ledger = new Ledger(map.config);
        w.exec = map.genesisExec();
        w.blk = new TlaValue.Seq(List.of());
        w.i = 1;
        w.phase = "idle";
        w.acct = 1;
        w.base = w.ledger.copy();
        w.baseExec = w.exec;
        w.mLast = TlaValue.rec("name", TlaValue.str("Halt"));
        w.oLast = TlaValue.rec("name", TlaValue.str("Init"));
        return w;
    }

    @Override
    public World copy(World w) {
        return w.copy();
    }

    @Override
    public Map<String, TlaValue> toSpec(World w) {
        Map<String, TlaValue> s = new LinkedHashMap<>();
        s.put("s", map.record(w.ledger, w.exec));
        s.put("blk", w.blk);
        s.put("i", TlaValue.of(w.i));
        s.put("phase", TlaValue.str(w.phase));
        s.put("acct", TlaValue.of(w.acct));
        s.put("base", map.record(w.base, w.baseExec));
        s.put("mLast", w.mLast);
        s.put("oLast", w.oLast);
        return s;
    }

    @Override
    public World fromSpec(Map<String, TlaValue> s) {
        World w = new World();
        w.ledger = map.ledger((TlaValue.Rec) s.get("s"));
        w.exec = LedgerMapping.execOf((TlaValue.Rec) s.get("s"));
        w.blk = s.get("blk");
        w.i = (int) SpecValues.asLong(s.get("i"));
        w.phase = ((TlaValue.Str) s.get("phase")).value();
        w.acct = (int) SpecValues.asLong(s.get("acct"));
        w.base = map.ledger((TlaValue.Rec) s.get("base"));
        w.baseExec = LedgerMapping.execOf((TlaValue.Rec) s.get("base"));
        w.mLast = s.get("mLast");
        w.oLast = s.get("oLast");
        return w;
    }

    private static void phase(World w, String want) {
        if (!w.phase.equals(want)) {
            throw new StepRefusal("phase is " + w.phase + ", not " + want);
        }
    }

    /** Margin's action record of an applied transaction (LedgerRefinement's MAction). */
    private static TlaValue mAction(TlaValue.Rec t) {
        switch (t.getStr("type")) {
            case "Deposit":
            case "Withdraw":
                return TlaValue.rec("name", TlaValue.str(t.getStr("type")), "account", t.get("signer"), "amount",
                        t.get("amount"));
            case "Trade":
                return TlaValue.rec("name", TlaValue.str("Trade"), "buyer", t.get("signer"), "seller", t.get("seller"),
                        "lots", t.get("lots"), "price", t.get("price"));
            default:
                return TlaValue.rec("name", TlaValue.str("Liquidate"), "account", t.get("account"), "liquidator",
                        t.get("signer"), "lots", t.get("lots"), "price", t.get("price"));
        }
    }

    @Override
    public void apply(World w, TlaValue.Rec a) {
        switch (a.getStr("name")) {
            case "BeginBlockStep": {
                phase(w, "idle");
                if (w.ledger.height() >= maxBlocks || !map.blocks.contains(a.get("block"))) {
                    throw new StepRefusal("MaxBlocks reached");
                }
                w.base = w.ledger.copy();
                w.baseExec = w.exec;
                w.ledger.beginBlock();
                w.blk = a.get("block");
                w.i = 1;
                w.phase = "txs";
                return;
            }
            case "ApplyTxStep": {
                phase(w, "txs");
                List<TlaValue> txs = ((TlaValue.Seq) w.blk).elems();
                if (w.i > txs.size()) {
                    throw new StepRefusal("no transaction left");
                }
                TlaValue.Rec t = (TlaValue.Rec) txs.get(w.i - 1);
                long insuranceBefore = w.ledger.insurance();
                TxResult r = w.ledger.applyTx(map.transaction(t));
                w.exec = LedgerMapping.advanceExec(w.exec, t, r);
                if (r.code() == TxCode.APPLIED) {
                    if (t.getStr("type").startsWith("Gov")) {
                        if (w.ledger.insurance() != insuranceBefore) {
                            w.mLast = TlaValue.rec("name", TlaValue.str("GovWithdraw"), "amount",
                                    TlaValue.of(insuranceBefore - w.ledger.insurance()));
                        }
                    } else if (t.getStr("type").equals("Report")) {
                        w.oLast = TlaValue.rec("name", TlaValue.str("Report"), "r", t.get("signer"), "px",
                                t.get("price"));
                    } else {
                        w.mLast = mAction(t);
                    }
                }
                w.i++;
                return;
            }
            case "TxsDoneStep": {
                phase(w, "txs");
                if (w.i <= ((TlaValue.Seq) w.blk).elems().size()) {
                    throw new StepRefusal("transactions left");
                }
                w.phase = "govend";
                return;
            }
            case "GovEndBlockStep": {
                phase(w, "govend");
                w.ledger.govEndBlock();
                w.phase = "aggregate";
                return;
            }
            case "CloseAggregateStep": {
                phase(w, "aggregate");
                TlaValue.Rec before = (TlaValue.Rec) map.record(w.ledger, w.exec);
                w.ledger.closeAggregate();
                TlaValue.Rec after = (TlaValue.Rec) map.record(w.ledger, w.exec);
                if (!before.get("m").equals(after.get("m"))) {
                    w.mLast = TlaValue.rec("name", TlaValue.str("SetPrice"), "price", TlaValue.of(w.ledger.price()));
                }
                if (!before.get("o").equals(after.get("o"))) {
                    w.oLast = TlaValue.rec("name", TlaValue.str("Aggregate"));
                }
                w.phase = "advance";
                return;
            }
            case "CloseAdvanceStep": {
                phase(w, "advance");
                TlaValue.Rec before = (TlaValue.Rec) map.record(w.ledger, w.exec);
                w.ledger.closeAdvance();
                TlaValue.Rec after = (TlaValue.Rec) map.record(w.ledger, w.exec);
                if (!before.get("m").equals(after.get("m"))) {
                    w.mLast = TlaValue.rec("name", TlaValue.str("Halt"));
                }
                if (!before.get("o").equals(after.get("o"))) {
                    w.oLast = TlaValue.rec("name", TlaValue.str("AdvanceRound"), "tp", TlaValue.of(map.minPrice));
                }
                w.phase = "deleverage";
                w.acct = 1;
                return;
            }
            case "DeleverageStepOne": {
                phase(w, "deleverage");
                int c = w.ledger.deleverageTarget(w.acct - 1);
                if (c < 0) {
                    throw new StepRefusal("Java finds no deleveraging counterparty");
                }
                if (!w.ledger.deleverageStep(w.acct - 1)) {
                    throw new IllegalStateException("deleverageTarget found " + c + " but deleverageStep did nothing");
                }
                w.mLast = TlaValue.rec("name", TlaValue.str("Deleverage"), "account", TlaValue.of(w.acct),
                        "counterparty", TlaValue.of(c + 1));
                return;
            }
            case "DeleverageStepDone": {
                phase(w, "deleverage");
                if (w.ledger.deleverageTarget(w.acct - 1) >= 0) {
                    throw new StepRefusal("Java finds a deleveraging counterparty");
                }
                w.phase = "backstop";
                return;
            }
            case "BackstopStepOne": {
                phase(w, "backstop");
                long q = w.ledger.backstopLots(w.acct - 1);
                long px = w.ledger.price();
                boolean did = w.ledger.backstopStep(w.acct - 1);
                if (did != (q > 0)) {
                    throw new IllegalStateException("backstopLots " + q + " but backstopStep " + did);
                }
                if (did) {
                    w.mLast = TlaValue.rec("name", TlaValue.str("Liquidate"), "account", TlaValue.of(w.acct),
                            "liquidator", TlaValue.of(w.ledger.backstop() + 1), "lots", TlaValue.of(q), "price",
                            TlaValue.of(px));
                }
                if (w.acct < numAccounts) {
                    w.acct++;
                    w.phase = "deleverage";
                } else {
                    w.ledger.advanceHeight();
                    w.acct = 1;
                    w.phase = "idle";
                }
                return;
            }
            default:
                throw new IllegalArgumentException("unknown step " + a.toTla());
        }
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof StepRefusal || t instanceof LedgerException;
    }

    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        List<TlaValue.Rec> out = new ArrayList<>();
        for (TlaValue b : map.blocks) {
            out.add(TlaValue.rec("name", TlaValue.str("BeginBlockStep"), "block", b));
        }
        TlaValue i = state.get("i");
        TlaValue acct = state.get("acct");
        out.add(TlaValue.rec("name", TlaValue.str("ApplyTxStep"), "i", i));
        out.add(TlaValue.rec("name", TlaValue.str("TxsDoneStep")));
        out.add(TlaValue.rec("name", TlaValue.str("GovEndBlockStep")));
        out.add(TlaValue.rec("name", TlaValue.str("CloseAggregateStep")));
        out.add(TlaValue.rec("name", TlaValue.str("CloseAdvanceStep")));
        out.add(TlaValue.rec("name", TlaValue.str("DeleverageStepOne"), "a", acct));
        out.add(TlaValue.rec("name", TlaValue.str("DeleverageStepDone"), "a", acct));
        out.add(TlaValue.rec("name", TlaValue.str("BackstopStepOne"), "a", acct));
        return out;
    }
}
