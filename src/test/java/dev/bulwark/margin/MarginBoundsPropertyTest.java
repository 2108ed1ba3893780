package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The whole class of "an action pushes a balance or a position past its bound" (TypeOK), at
 * parameters where that can happen: MaxCollateral just above its smallest valid value
 * BpsUp(MaxLots * MaxPrice, MmBps), so far below MaxLots * MaxPrice; fees up to 100 %; large price
 * steps.  A driver that only takes enabled steps (chosen with the engine's canXxx predicates and
 * checked with SpecModel, the spec in unbounded integers) fills accounts up to the bound, opens
 * positions at full leverage, moves the price by large steps, and then liquidates every
 * liquidatable account in full or in part, long and short, healthy and bankrupt, and deleverages
 * every bankrupt account the fund cannot cover.  After every step: every balance within
 * MaxCollateral, every position within MaxLots, netDeposits within 0..MaxNetDeposits, the price in
 * range, Conservation, OpenInterestBalanced, InsuranceNonNegative, and the state loads with
 * {@link MarginEngine#fromState} (which checks the same).
 *
 * <p>Under the earlier liquidation rule (the fund paid a bankrupt account's whole deficit whatever
 * part was closed) this property fails within its first tries (spec/margin/README.md, Finding 4).
 */
class MarginBoundsPropertyTest {

    /** What a step did, for the statistics and for the non-vacuity check. */
    enum Event {
        DEPOSIT, DEPOSIT_TO_BOUND, WITHDRAW, TRADE, SET_PRICE,
        LIQUIDATE_LONG_FULL, LIQUIDATE_LONG_PART, LIQUIDATE_SHORT_FULL, LIQUIDATE_SHORT_PART,
        LIQUIDATE_BANKRUPT_LONG_FULL, LIQUIDATE_BANKRUPT_LONG_PART,
        LIQUIDATE_BANKRUPT_SHORT_FULL, LIQUIDATE_BANKRUPT_SHORT_PART,
        DELEVERAGE, DELEVERAGE_PASSED_OVER
    }

    @Provide
    Arbitrary<MarginParams> tightParams() {
        return Arbitraries.longs().map(MarginBoundsPropertyTest::tightParams);
    }

    /**
     * Params near the collateral bound: MaxCollateral between BpsUp(MaxLots * MaxPrice, MmBps) and
     * about twice that, small numbers, any rates (fees up to 100 %), large price steps, room for
     * every account to deposit up to the bound.
     */
    static MarginParams tightParams(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long maxLots = 2 + r.nextLong(r.nextBoolean() ? 8 : 200);
        long maxPrice = 2 + r.nextLong(r.nextBoolean() ? 20 : 2_000);
        long minPrice = 1 + r.nextLong(maxPrice);
        long mmBps = 1 + r.nextLong(MarginEngine.BPS);
        long imBps = mmBps + r.nextLong(MarginEngine.BPS - mmBps + 1);
        long floor = Math.max(1, MarginMath.requirement(maxLots, maxPrice, mmBps));
        long maxCollateral = floor + r.nextLong(floor / (1 + r.nextInt(10)) + 1);
        long feeBps = r.nextInt(4) == 0 ? MarginEngine.BPS : r.nextLong(MarginEngine.BPS + 1);
        return new MarginParams(1 + r.nextLong(maxLots), maxLots, maxCollateral, 16 * maxCollateral,
            minPrice, maxPrice, 1 + r.nextLong(maxPrice), imBps, mmBps, feeBps,
            r.nextLong(MarginEngine.BPS + 1), 1 + r.nextLong(Math.min(maxLots, 4)));
    }

    @Property(tries = 600)
    void everyStepStaysWithinTheBounds(@ForAll("tightParams") MarginParams p, @ForAll long seed) {
        Driver d = new Driver(p, seed);
        d.run(250);
        for (Map.Entry<Event, Integer> x : d.events.entrySet()) {
            for (int k = 0; k < x.getValue(); k++) {
                Statistics.label("events").collect(x.getKey());
            }
        }
    }

    /**
     * The inductive form of the same check, which needs no luck in reaching a corner: from a
     * random state that satisfies TypeOK, Conservation, OpenInterestBalanced and
     * InsuranceNonNegative (what {@link MarginEngine#fromState} accepts; balances biased to the
     * bound and to the side that makes them large, any insurance fund), every enabled instance of
     * every action that moves money or lots -- each liquidatable account with every liquidator,
     * sizes 1, |pos| - DustLots, |pos| and one at random, at both ends of its price band and one
     * price inside; every deleveraging pair; sampled trades, deposits and withdrawals -- leads to
     * a state within the bounds, and agrees with SpecModel.  The rules preserve the bounds for
     * any such state (spec/margin/README.md, "Bounds, action by action"), so no reachability is
     * assumed.
     */
    @Property(tries = 1500)
    void everyEnabledStepFromAnyValidStateStaysWithinTheBounds(@ForAll("tightParams") MarginParams p, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MarginEngine e = randomState(p, r);
        SpecModel spec = new SpecModel(p);
        SpecModel.State s0 = SpecModel.State.of(e);
        int n = e.accounts();
        for (int a = 0; a < n; a++) {
            long size = Math.abs(e.position(a));
            if (size == 0) {
                continue;
            }
            if (e.liquidatable(a)) {
                long eq = e.equity(a);
                long slack = eq < 0 ? 0 : eq / size;
                long far = e.position(a) > 0 ? Math.max(p.minPrice, e.price() - slack) : Math.min(p.maxPrice, e.price() + slack);
                long[] prices = {e.price(), far, e.position(a) > 0 ? far + r.nextLong(e.price() - far + 1) : e.price() + r.nextLong(far - e.price() + 1)};
                long[] sizes = {1, size - p.dustLots, size, 1 + r.nextLong(size)};
                for (int l = 0; l < n; l++) {
                    for (long q : sizes) {
                        for (long px : prices) {
                            if (q >= 1 && e.canLiquidate(a, l, q, px)) {
                                int fa = a;
                                int fl = l;
                                Event ev = eventOf(e, a, q);
                                stepFrom(p, spec, s0, ev, st -> spec.liquidate(st, fa, fl, q, px), x -> x.liquidate(fa, fl, q, px));
                            }
                        }
                    }
                }
            }
            for (int c = 0; c < n; c++) {
                if (e.canDeleverage(a, c)) {
                    int fa = a;
                    int fc = c;
                    stepFrom(p, spec, s0, Event.DELEVERAGE, st -> spec.deleverage(st, fa, fc), x -> x.deleverage(fa, fc));
                }
            }
        }
        for (int k = 0; k < 8; k++) {
            int b = r.nextInt(n);
            int sl = r.nextInt(n);
            long q = 1 + r.nextLong(p.maxTradeLots);
            long px = p.minPrice + r.nextLong(p.maxPrice - p.minPrice + 1);
            if (e.canTrade(b, sl, q, px)) {
                stepFrom(p, spec, s0, Event.TRADE, st -> spec.trade(st, b, sl, q, px), x -> x.trade(b, sl, q, px));
            }
            int a = r.nextInt(n);
            long x = 1 + r.nextLong(p.maxCollateral);
            if (e.canDeposit(a, x)) {
                stepFrom(p, spec, s0, Event.DEPOSIT, st -> spec.deposit(st, a, x), m -> m.deposit(a, x));
            }
            if (e.canWithdraw(a, x)) {
                stepFrom(p, spec, s0, Event.WITHDRAW, st -> spec.withdraw(st, a, x), m -> m.withdraw(a, x));
            }
        }
    }

    static Event eventOf(MarginEngine e, int a, long q) {
        boolean isLong = e.position(a) > 0;
        boolean part = q < Math.abs(e.position(a));
        if (e.equity(a) < 0) {
            return isLong ? (part ? Event.LIQUIDATE_BANKRUPT_LONG_PART : Event.LIQUIDATE_BANKRUPT_LONG_FULL)
                          : (part ? Event.LIQUIDATE_BANKRUPT_SHORT_PART : Event.LIQUIDATE_BANKRUPT_SHORT_FULL);
        }
        return isLong ? (part ? Event.LIQUIDATE_LONG_PART : Event.LIQUIDATE_LONG_FULL)
                      : (part ? Event.LIQUIDATE_SHORT_PART : Event.LIQUIDATE_SHORT_FULL);
    }

    interface Call {
        void on(MarginEngine e);
    }

    /** Applies one step to a fresh copy of s0, checks the bounds, then the spec. */
    static void stepFrom(MarginParams p, SpecModel spec, SpecModel.State s0, Event ev, Driver.SpecStep specStep, Call call) {
        MarginEngine x = s0.load(p);
        SpecModel.State expected = specStep.next(s0);
        call.on(x);
        Statistics.label("steps").collect(ev);
        SpecModel.State after = SpecModel.State.of(x);
        checkBounds(p, ev, s0, after);
        assertTrue(expected != null && SpecModel.sameState(expected, after),
            ev + " in " + s0 + ": spec " + expected + ", engine " + after);
    }

    /**
     * A random state that fromState accepts: positions summing to 0, balances within the bound and
     * biased to it (shorts towards +MaxCollateral, longs towards -MaxCollateral), an insurance fund
     * of any size, netDeposits = the sum of balances plus the fund.
     */
    static MarginEngine randomState(MarginParams p, SplittableRandom r) {
        int n = 3 + r.nextInt(4);
        while (true) {
            long[] pos = new long[n];
            long sum = 0;
            for (int k = 0; k < n - 1; k++) {
                pos[k] = r.nextInt(4) == 0 ? 0 : -p.maxLots + r.nextLong(2 * p.maxLots + 1);
                sum += pos[k];
            }
            pos[n - 1] = -sum;
            if (Math.abs(pos[n - 1]) > p.maxLots) {
                continue;
            }
            long price = p.minPrice + r.nextLong(p.maxPrice - p.minPrice + 1);
            long[] coll = new long[n];
            long collSum = 0;
            for (int k = 0; k < n; k++) {
                long toward = pos[k] < 0 ? p.maxCollateral : pos[k] > 0 ? -p.maxCollateral : 0;
                coll[k] = switch (r.nextInt(4)) {
                    case 0 -> toward;
                    case 1 -> toward - Long.signum(toward) * r.nextLong(p.maxCollateral / 8 + 1);
                    // near the account's own liquidation threshold: equity around its maintenance requirement
                    case 2 -> Math.max(-p.maxCollateral, Math.min(p.maxCollateral,
                        -pos[k] * price + MarginMath.requirement(pos[k], price, p.mmBps) - r.nextLong(2 * price + 2)));
                    default -> -p.maxCollateral + r.nextLong(2 * p.maxCollateral + 1);
                };
                collSum += coll[k];
            }
            long insurance = r.nextInt(3) == 0 ? 0 : r.nextLong(4 * p.maxCollateral + 1);
            if (collSum + insurance < 0) {
                insurance = -collSum + r.nextLong(p.maxCollateral + 1);
            }
            long net = collSum + insurance;
            if (net > p.maxNetDeposits) {
                continue;
            }
            return MarginEngine.fromState(p, coll, pos, price, insurance, net);
        }
    }

    static void checkBounds(MarginParams p, Event ev, SpecModel.State before, SpecModel.State after) {
        long collSum = 0;
        long posSum = 0;
        for (int k = 0; k < after.coll().length; k++) {
            long c = after.coll()[k];
            long q = after.pos()[k];
            assertTrue(-p.maxCollateral <= c && c <= p.maxCollateral,
                "TypeOK: |coll[" + k + "]| > MaxCollateral " + p.maxCollateral + " after " + ev + ": " + before + " -> " + after + " " + p);
            assertTrue(-p.maxLots <= q && q <= p.maxLots, "TypeOK: |pos[" + k + "]| after " + ev + ": " + after);
            collSum = Math.addExact(collSum, c);
            posSum = Math.addExact(posSum, q);
        }
        assertTrue(p.minPrice <= after.price() && after.price() <= p.maxPrice, "TypeOK price " + after);
        assertTrue(0 <= after.netDeposits() && after.netDeposits() <= p.maxNetDeposits, "TypeOK netDeposits " + after);
        assertTrue(after.insurance() >= 0, "InsuranceNonNegative " + after);
        assertEquals(after.netDeposits(), collSum + after.insurance(), "Conservation " + after);
        assertEquals(0, posSum, "OpenInterestBalanced " + after);
        after.load(p);   // fromState refuses any state outside the bounds
    }

    /**
     * The driver reaches every kind of step the property is about (else it would be vacuous):
     * liquidations of longs and shorts, healthy and bankrupt, in full and in part, deleveraging,
     * and a deleveraging step that passes over a counterparty the bound keeps out.
     */
    @Example
    void driverReachesEveryCornerOfTheClass() {
        Map<Event, Integer> all = new EnumMap<>(Event.class);
        SplittableRandom r = new SplittableRandom(20261128);
        for (int run = 0; run < 600; run++) {
            Driver d = new Driver(tightParams(r.nextLong()), r.nextLong());
            d.run(250);
            d.events.forEach((k, v) -> all.merge(k, v, Integer::sum));
        }
        for (Event k : Event.values()) {
            assertTrue(all.getOrDefault(k, 0) > 0, "never reached: " + k + " " + all);
        }
    }

    /** Steps only enabled instances and checks the bounds after each. */
    static final class Driver {
        final MarginParams p;
        final SplittableRandom r;
        final MarginEngine e;
        final SpecModel spec;
        final int n;
        final Map<Event, Integer> events = new EnumMap<>(Event.class);

        Driver(MarginParams p, long seed) {
            this.p = p;
            this.r = new SplittableRandom(seed);
            this.n = 3 + r.nextInt(4);
            this.spec = new SpecModel(p);
            this.e = new MarginEngine(p, n, p.minPrice + r.nextLong(p.maxPrice - p.minPrice + 1));
        }

        void run(int steps) {
            for (int k = 0; k < steps; k++) {
                int w = r.nextInt(20);
                if (w < 3) {
                    deposit();
                } else if (w < 4) {
                    withdraw();
                } else if (w < 9) {
                    trade();
                } else if (w < 12) {
                    setPrice();
                } else if (w < 18) {
                    liquidate();
                } else {
                    deleverage();
                }
            }
        }

        void deposit() {
            int a = r.nextInt(n);
            long room = Math.min(p.maxCollateral - e.collateral(a), p.maxNetDeposits - e.netDeposits());
            if (room <= 0) {
                return;
            }
            boolean toBound = r.nextInt(3) == 0;
            long x = toBound ? room : 1 + r.nextLong(room);
            apply(toBound ? Event.DEPOSIT_TO_BOUND : Event.DEPOSIT, e.canDeposit(a, x),
                s -> spec.deposit(s, a, x), () -> e.deposit(a, x));
        }

        void withdraw() {
            int a = r.nextInt(n);
            long free = e.equity(a) - e.initialRequirement(a);
            if (free <= 0) {
                return;
            }
            long x = r.nextBoolean() ? free : 1 + r.nextLong(free);
            if (e.canWithdraw(a, x)) {
                apply(Event.WITHDRAW, true, s -> spec.withdraw(s, a, x), () -> e.withdraw(a, x));
            }
        }

        /** A trade at a random price in the band, of the most lots both sides can take (or fewer). */
        void trade() {
            int b = r.nextInt(n);
            int s0 = r.nextInt(n - 1);
            int sl = s0 >= b ? s0 + 1 : s0;
            long band = p.bandBps * e.price() / MarginEngine.BPS;
            long px = Math.max(p.minPrice, Math.min(p.maxPrice, e.price() - band + r.nextLong(2 * band + 1)));
            long q = p.maxTradeLots;
            while (q > 0 && !e.canTrade(b, sl, q, px)) {
                q = q > 16 ? q - 1 - r.nextLong(q / 8) : q - 1;
            }
            if (q <= 0) {
                return;
            }
            long fq = r.nextInt(3) == 0 ? 1 + r.nextLong(q) : q;
            if (e.canTrade(b, sl, fq, px)) {
                apply(Event.TRADE, true, s -> spec.trade(s, b, sl, fq, px), () -> e.trade(b, sl, fq, px));
            }
        }

        /** Mostly large moves: the full step, up or down. */
        void setPrice() {
            long step = r.nextInt(3) == 0 ? 1 + r.nextLong(p.maxPriceStep) : p.maxPriceStep;
            long px = Math.max(p.minPrice, Math.min(p.maxPrice, e.price() + (r.nextBoolean() ? step : -step)));
            if (e.canSetPrice(px)) {
                apply(Event.SET_PRICE, true, s -> spec.setPrice(s, px), () -> e.setPrice(px));
            }
        }

        /** A liquidatable account, a size (the whole, one lot, the most that leaves DustLots, or any), a price in its band, a liquidator that may. */
        void liquidate() {
            int[] liq = e.scanLiquidatable();
            if (liq.length == 0) {
                return;
            }
            int a = liq[r.nextInt(liq.length)];
            long size = Math.abs(e.position(a));
            if (size == 0) {
                return;
            }
            long q = switch (r.nextInt(4)) {
                case 0 -> size;
                case 1 -> 1;
                case 2 -> size - p.dustLots;
                default -> 1 + r.nextLong(size);
            };
            if (q < 1) {
                q = size;
            }
            long eq = e.equity(a);
            long slack = eq < 0 ? 0 : eq / size;
            long off = r.nextBoolean() ? slack : r.nextLong(slack + 1);
            long px = e.position(a) > 0 ? Math.max(p.minPrice, e.price() - off) : Math.min(p.maxPrice, e.price() + off);
            List<Integer> ls = new ArrayList<>();
            for (int l = 0; l < n; l++) {
                if (e.canLiquidate(a, l, q, px)) {
                    ls.add(l);
                }
            }
            if (ls.isEmpty()) {
                return;
            }
            int l = ls.get(r.nextInt(ls.size()));
            boolean isLong = e.position(a) > 0;
            boolean part = q < size;
            Event ev = eq < 0
                ? (isLong ? (part ? Event.LIQUIDATE_BANKRUPT_LONG_PART : Event.LIQUIDATE_BANKRUPT_LONG_FULL)
                          : (part ? Event.LIQUIDATE_BANKRUPT_SHORT_PART : Event.LIQUIDATE_BANKRUPT_SHORT_FULL))
                : (isLong ? (part ? Event.LIQUIDATE_LONG_PART : Event.LIQUIDATE_LONG_FULL)
                          : (part ? Event.LIQUIDATE_SHORT_PART : Event.LIQUIDATE_SHORT_FULL));
            long fq = q;
            apply(ev, true, s -> spec.liquidate(s, a, l, fq, px), () -> e.liquidate(a, l, fq, px));
        }

        /** A bankrupt account the fund cannot cover, against the counterparty the rule names. */
        void deleverage() {
            for (int a = 0; a < n; a++) {
                if (e.position(a) == 0 || e.equity(a) >= 0) {
                    continue;
                }
                int chosen = -1;
                long richest = Long.MIN_VALUE;
                for (int c = 0; c < n; c++) {
                    if (e.canDeleverage(a, c)) {
                        chosen = c;
                    }
                    if (c != a && Long.signum(e.position(c)) * Long.signum(e.position(a)) < 0) {
                        richest = Math.max(richest, e.equity(c));
                    }
                }
                if (chosen >= 0) {
                    int fa = a;
                    int fc = chosen;
                    Event ev = e.equity(chosen) < richest ? Event.DELEVERAGE_PASSED_OVER : Event.DELEVERAGE;
                    apply(ev, true, s -> spec.deleverage(s, fa, fc), () -> e.deleverage(fa, fc));
                    return;
                }
            }
        }

        interface SpecStep {
            SpecModel.State next(SpecModel.State s);
        }

        /** Applies an enabled step, compares it with the spec, and checks the bounds. */
        void apply(Event ev, boolean enabled, SpecStep specStep, Runnable call) {
            assertTrue(enabled, ev + " chosen but not enabled");
            SpecModel.State before = SpecModel.State.of(e);
            SpecModel.State expected = specStep.next(before);
            call.run();
            events.merge(ev, 1, Integer::sum);
            SpecModel.State after = SpecModel.State.of(e);
            checkBounds(ev, before, after);
            assertTrue(expected != null && SpecModel.sameState(expected, after),
                ev + " in " + before + ": spec " + expected + ", engine " + after);
        }

        void checkBounds(Event ev, SpecModel.State before, SpecModel.State after) {
            MarginBoundsPropertyTest.checkBounds(p, ev, before, after);
        }
    }
}
