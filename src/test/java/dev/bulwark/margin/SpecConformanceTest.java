package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine against {@link SpecModel} (the spec transliterated) on every state reachable under
 * the constants of spec/margin/MC.cfg, for every action instance of Next (enabled and disabled)
 * plus amounts outside the model's Amounts: same enabledness, same successor, and a refused call
 * leaves the state unchanged.  Breadth-first over the spec's own successors, so the state space
 * is the one TLC explores for MC.cfg (71,543 distinct states with lastAction; fewer without).
 */
class SpecConformanceTest {

    /** spec/margin/MC.cfg. */
    static final MarginParams MC = new MarginParams(1, 2, 40, 8, 8, 12, 2, 2000, 1000, 500, 1000, 1);
    static final int MC_ACCOUNTS = 3;
    static final long MC_INIT_PRICE = 10;
    static final long[] MC_AMOUNTS = {4};
    /** Amounts checked for agreement but not explored. */
    static final long[] EXTRA_AMOUNTS = {1, 3, 5, 8, 9, 40, 41, Long.MAX_VALUE};

    /** An engine known to hold the state being checked (refused calls leave it unchanged). */
    private static MarginEngine current;

    interface Call {
        void run(MarginEngine e);
    }

    /** Applies one instance to the engine and to the model; fails on any disagreement. */
    static SpecModel.State check(MarginParams p, SpecModel.State s, SpecModel.State expected, Call call, java.util.function.Supplier<String> label) {
        current = null;
        return checkInState(p, s, expected, call, label);
    }

    /** As check, reusing the engine left by the previous refused instance in the same state s. */
    static SpecModel.State checkInState(MarginParams p, SpecModel.State s, SpecModel.State expected, Call call, java.util.function.Supplier<String> label) {
        MarginEngine e = current;
        if (e == null || current.params() != p) {
            e = s.load(p);
        }
        current = null;
        try {
            call.run(e);
        } catch (MarginException ex) {
            if (expected != null) {
                fail(label.get() + " refused (" + ex.getMessage() + ") but the spec enables it in " + s);
            }
            if (!SpecModel.sameState(s, SpecModel.State.of(e))) {
                fail(label.get() + " refused but changed the state " + s + " -> " + SpecModel.State.of(e));
            }
            current = e;   // unchanged: reuse it for the next instance in the same state
            return null;
        }
        if (expected == null) {
            fail(label.get() + " accepted but the spec disables it in " + s);
        }
        SpecModel.State actual = SpecModel.State.of(e);
        if (!SpecModel.sameState(expected, actual)) {
            fail(label.get() + " in " + s + ": spec " + expected + " java " + actual);
        }
        return actual;
    }

    /** Checks every instance in state s; returns the successors of the spec's Next. */
    static int checkAll(MarginParams p, SpecModel m, SpecModel.State s, long[] amounts, long[] extraAmounts,
                        long maxTradeLots, long maxLots, Set<EngineSnapshot> seen, ArrayDeque<SpecModel.State> queue) {
        int n = s.coll().length;
        int checked = 0;
        MarginEngine probe = s.load(p);
        current = null;
        for (int a = 0; a < n; a++) {
            final int fa = a;
            for (long x : amounts) {
                enqueue(checkInState(p, s, m.deposit(s, a, x), e -> e.deposit(fa, x), () -> "Deposit(" + fa + "," + x + ")"), seen, queue);
                enqueue(checkInState(p, s, m.withdraw(s, a, x), e -> e.withdraw(fa, x), () -> "Withdraw(" + fa + "," + x + ")"), seen, queue);
                checked += 2;
            }
            for (long x : extraAmounts) {
                checkInState(p, s, m.deposit(s, a, x), e -> e.deposit(fa, x), () -> "Deposit(" + fa + "," + x + ")");
                checkInState(p, s, m.withdraw(s, a, x), e -> e.withdraw(fa, x), () -> "Withdraw(" + fa + "," + x + ")");
                checked += 2;
            }
            assertEquals(m.liquidatable(s, a), probe.liquidatable(a));
            assertEquals(m.equity(s, a).longValueExact(), probe.equity(a));
            for (int c = 0; c < n; c++) {
                final int fc = c;
                for (long q = 1; q <= Math.max(maxTradeLots, maxLots) + 1; q++) {
                    final long fq = q;
                    for (long px = p.minPrice - 1; px <= p.maxPrice + 1; px++) {
                        final long fpx = px;
                        SpecModel.State t = checkInState(p, s, m.trade(s, a, c, q, px), e -> e.trade(fa, fc, fq, fpx),
                            () -> "Trade(" + fa + "," + fc + "," + fq + "," + fpx + ")");
                        if (q <= maxTradeLots) {
                            enqueue(t, seen, queue);
                        }
                        SpecModel.State l = checkInState(p, s, m.liquidate(s, a, c, q, px), e -> e.liquidate(fa, fc, fq, fpx),
                            () -> "Liquidate(" + fa + "," + fc + "," + fq + "," + fpx + ")");
                        if (q <= maxLots) {
                            enqueue(l, seen, queue);
                        }
                        checked += 2;
                    }
                }
                enqueue(checkInState(p, s, m.deleverage(s, a, c), e -> e.deleverage(fa, fc), () -> "Deleverage(" + fa + "," + fc + ")"),
                    seen, queue);
                checked++;
            }
        }
        for (long px = p.minPrice - 1; px <= p.maxPrice + 1; px++) {
            final long fpx = px;
            enqueue(checkInState(p, s, m.setPrice(s, px), e -> e.setPrice(fpx), () -> "SetPrice(" + fpx + ")"), seen, queue);
            checked++;
        }
        enqueue(checkInState(p, s, m.halt(s), MarginEngine::halt, () -> "Halt"), seen, queue);
        checked++;
        return checked;
    }

    static void enqueue(SpecModel.State t, Set<EngineSnapshot> seen, ArrayDeque<SpecModel.State> queue) {
        if (t != null && seen.add(t.snapshot())) {
            queue.add(t);
        }
    }

    @Test
    void everyReachableStateOfTheCiConfigAgreesWithTheSpec() {
        SpecModel m = new SpecModel(MC);
        SpecModel.State init = SpecModel.State.of(new MarginEngine(MC, MC_ACCOUNTS, MC_INIT_PRICE));
        Set<EngineSnapshot> seen = new HashSet<>();
        ArrayDeque<SpecModel.State> queue = new ArrayDeque<>();
        enqueue(init, seen, queue);
        long instances = 0;
        int flatDeficits = 0;
        while (!queue.isEmpty()) {
            SpecModel.State s = queue.poll();
            instances += checkAll(MC, m, s, MC_AMOUNTS, EXTRA_AMOUNTS, MC.maxTradeLots, MC.maxLots, seen, queue);
            for (int a = 0; a < MC_ACCOUNTS; a++) {
                if (s.pos()[a] == 0 && s.coll()[a] < 0) {
                    flatDeficits++;
                }
            }
        }
        // TLC reports no invariant violation for MC.cfg; the same must hold here.
        assertEquals(0, flatDeficits);
        assertTrue(seen.size() > 1000, "state space too small: " + seen.size());
        System.out.println("MC.cfg: " + seen.size() + " distinct states (without lastAction), "
            + instances + " action instances checked");
    }
}
