package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Long random sequences of action calls, valid and invalid, with many accounts and values up to
 * the hard caps.  After every step: Conservation (exact), OpenInterestBalanced,
 * InsuranceNonNegative, the TypeOK bounds, FlatNoDeficit except where the spec's Deleverage
 * breaks it, NoHealthyLiquidation, NoNeedlessDeleverage, WithdrawalKeepsInitialMargin,
 * FlatNeverAbsorbsLosses; every refused call left the state unchanged and its canXxx predicate
 * was false, every accepted one had it true.  A second property replays each step against
 * SpecModel (the spec in unbounded integers) to catch any overflow or rounding difference at
 * large values.
 */
class MarginPropertiesTest {

    enum Kind { DEPOSIT, WITHDRAW, TRADE, SET_PRICE, LIQUIDATE, DELEVERAGE }

    /** One random call; the raw numbers are turned into arguments against the current state. */
    record Op(Kind kind, int a, int b, long r1, long r2, long r3) {}

    /** Every engine constant at its hard cap, MaxTradeLots included; 20% price steps. */
    static final MarginParams HARD_CAPS = new MarginParams(MarginEngine.MAX_LOTS, MarginEngine.MAX_LOTS,
        MarginEngine.MAX_COLLATERAL, MarginEngine.MAX_NET_DEPOSITS, 1, MarginEngine.MAX_PRICE, 200_000,
        1_000, 500, 100, 1_000, 10);

    // ------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<MarginParams> params() {
        return Arbitraries.oneOf(
            Arbitraries.just(HARD_CAPS),
            Arbitraries.just(MarginParams.defaults()),
            Arbitraries.just(SpecEdgeCasesTest.TRACE),
            Arbitraries.longs().map(MarginPropertiesTest::randomParams));
    }

    /** Random valid params within the hard caps, from a seed. */
    static MarginParams randomParams(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        while (true) {
            long maxLots = scale(r, MarginEngine.MAX_LOTS);
            long maxPrice = scale(r, MarginEngine.MAX_PRICE);
            long minPrice = 1 + r.nextLong(maxPrice);
            long imBps = 1 + r.nextLong(MarginEngine.BPS);
            long mmBps = 1 + r.nextLong(imBps);
            long maxCollateral = scale(r, MarginEngine.MAX_COLLATERAL);
            if (MarginMath.requirement(maxLots, maxPrice, mmBps) > maxCollateral) {
                continue;
            }
            return new MarginParams(scale(r, maxLots), maxLots, maxCollateral,
                scale(r, MarginEngine.MAX_NET_DEPOSITS), minPrice, maxPrice, scale(r, maxPrice),
                imBps, mmBps, r.nextLong(MarginEngine.BPS + 1), r.nextLong(MarginEngine.BPS + 1),
                scale(r, Math.min(maxLots, 20)));
        }
    }

    /** A value in 1..cap, log-uniform so that small and huge values are both common. */
    static long scale(SplittableRandom r, long cap) {
        int bits = 64 - Long.numberOfLeadingZeros(cap);
        long bound = Math.min(cap, 1L << r.nextInt(1, bits + 1));
        return 1 + r.nextLong(bound);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
            Arbitraries.frequency(Tuple.of(2, Kind.DEPOSIT), Tuple.of(1, Kind.WITHDRAW), Tuple.of(5, Kind.TRADE),
                Tuple.of(2, Kind.SET_PRICE), Tuple.of(2, Kind.LIQUIDATE), Tuple.of(1, Kind.DELEVERAGE)),
            Arbitraries.integers().between(0, 1 << 16),
            Arbitraries.integers().between(0, 1 << 16),
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs()).as(Op::new);
        return op.list().ofMinSize(200).ofMaxSize(400);
    }

    // ------------------------------------------------------------------------------ properties

    @Property(tries = 800)
    void invariantsHoldAfterEveryStep(@ForAll("params") MarginParams p, @ForAll @IntRange(min = 2, max = 64) int n,
                                      @ForAll("ops") List<Op> ops) {
        Run run = new Run(p, n, null);
        for (Op op : ops) {
            run.step(op);
        }
        run.stats();
    }

    @Property(tries = 250)
    void everyStepAgreesWithTheSpecAtLargeValues(@ForAll("params") MarginParams p,
                                                 @ForAll @IntRange(min = 2, max = 12) int n,
                                                 @ForAll("ops") List<Op> ops) {
        Run run = new Run(p, n, new SpecModel(p));
        for (Op op : ops) {
            run.step(op);
        }
        run.stats();
    }

    /** The generators reach every action, accepted, with large values (else the properties are vacuous). */
    @Example
    void generatorsReachEveryActionAtTheHardCaps() {
        Map<Kind, Integer> accepted = new EnumMap<>(Kind.class);
        SplittableRandom r = new SplittableRandom(20261124);
        long largest = 0;
        for (int run = 0; run < 20; run++) {
            Run x = new Run(run % 2 == 0 ? HARD_CAPS : MarginParams.defaults(), 2 + r.nextInt(63), null);
            for (int k = 0; k < 400; k++) {
                Op op = new Op(Kind.values()[r.nextInt(Kind.values().length)], r.nextInt(1 << 16),
                    r.nextInt(1 << 16), r.nextLong(), r.nextLong(), r.nextLong());
                if (x.step(op)) {
                    accepted.merge(op.kind(), 1, Integer::sum);
                }
            }
            for (int a = 0; a < x.e.accounts(); a++) {
                largest = Math.max(largest, Math.abs(x.e.collateral(a)));
            }
        }
        for (Kind k : Kind.values()) {
            assertTrue(accepted.getOrDefault(k, 0) > 0, "never accepted: " + k + " " + accepted);
        }
        assertTrue(largest > 1_000_000_000_000L, "collateral never large: " + largest);
    }

    // ------------------------------------------------------------------------------ interpreter

    static final class Run {
        final MarginParams p;
        final MarginEngine e;
        final SpecModel spec;
        final int n;
        /** Flat accounts with a deficit that a Deleverage created (the spec allows it). */
        final Set<Integer> deleveragedDeficits = new HashSet<>();
        final Map<Kind, Integer> accepted = new EnumMap<>(Kind.class);
        final Map<String, Integer> refused = new java.util.TreeMap<>();

        Run(MarginParams p, int n, SpecModel spec) {
            this.p = p;
            this.n = n;
            this.spec = spec;
            SplittableRandom r = new SplittableRandom(n * 31L + p.maxPrice);
            this.e = new MarginEngine(p, n, p.minPrice + r.nextLong(p.maxPrice - p.minPrice + 1));
            checkInvariants(EngineSnapshot.of(e), EngineSnapshot.of(e), null);
            // Fund most accounts first (as checked steps), so that trades and liquidations follow.
            long share = Math.max(1, Math.min(Math.min(p.maxCollateral / 2, p.maxNetDeposits / (n + 1)), tradeMargin()));
            for (int k = 0; k < n; k++) {
                if (r.nextInt(4) != 0) {
                    step(new Op(Kind.DEPOSIT, rawFor(k), 0, 1 + r.nextLong(share), 5, 0));
                }
            }
        }

        void stats() {
            for (Map.Entry<Kind, Integer> x : accepted.entrySet()) {
                for (int k = 0; k < x.getValue(); k++) {
                    Statistics.label("accepted").collect(x.getKey());
                }
            }
            for (Map.Entry<String, Integer> x : refused.entrySet()) {
                for (int k = 0; k < x.getValue(); k++) {
                    Statistics.label("refused").collect(x.getKey());
                }
            }
        }

        /** A raw account number that account() maps to k. */
        int rawFor(int k) {
            int raw = k;
            while (raw % 211 == 0) {
                raw += n;
            }
            return raw;
        }

        int account(int raw) {
            if (raw % 211 == 0) {
                return raw % 2 == 0 ? n : -1;            // unknown
            }
            return raw % n;
        }

        /** An account with positive equity (if wanted and there is one), else any account. */
        int funded(int raw, boolean wanted) {
            if (wanted) {
                int count = 0;
                for (int k = 0; k < n; k++) {
                    if (e.equity(k) > 0) {
                        count++;
                    }
                }
                if (count > 0) {
                    int target = raw % count;
                    for (int k = 0; k < n; k++) {
                        if (e.equity(k) > 0 && target-- == 0) {
                            return k;
                        }
                    }
                }
            }
            return account(raw);
        }

        static long pick(long r, long lo, long hi) {
            if (hi < lo) {
                return lo;
            }
            return lo + Math.floorMod(r, hi - lo + 1);
        }

        long room(int a) {
            return Math.min(p.maxCollateral - e.collateral(a), p.maxNetDeposits - e.netDeposits());
        }

        /** Twice the initial margin of a largest trade at the current price: a leveraged account's balance. */
        long tradeMargin() {
            return 2 * MarginMath.requirement(p.maxTradeLots, e.price(), p.imBps) + 1;
        }

        long band() {
            return p.bandBps * e.price() / MarginEngine.BPS;
        }

        /** Would k stay within the bounds after a deleveraging step against a (test-side arithmetic)? */
        boolean absorbs(int a, int k) {
            long pa = e.position(a);
            long q = Math.min(Math.abs(pa), Math.abs(e.position(k)));
            long delta = Math.floorDiv(Math.multiplyExact(e.collateral(a), q), Math.abs(pa));
            long c = e.collateral(k) + delta;
            long pk = e.position(k) + Long.signum(pa) * q;
            return Math.abs(c) <= p.maxCollateral && Math.abs(pk) <= p.maxLots;
        }

        /** Runs one op; returns whether it was accepted. */
        boolean step(Op op) {
            EngineSnapshot before = EngineSnapshot.of(e);
            SpecModel.State s = spec == null ? null : SpecModel.State.of(e);
            int mode = (int) Math.floorMod(op.r2(), 10);
            long price = e.price();
            boolean can;
            SpecModel.State expected = null;
            Runnable call;
            int actor1 = -1;
            int actor2 = -1;
            boolean liquidatableBefore = false;
            boolean coveredBefore = false;
            int subject = -1;
            switch (op.kind()) {
                case DEPOSIT -> {
                    int a = account(op.a());
                    long x;
                    if (a < 0 || a >= n) {
                        x = 1;
                    } else {
                        long room = room(a);
                        x = switch (mode) {
                            case 0 -> op.r1();
                            case 1 -> room + 1;
                            case 2 -> room;
                            case 3 -> -Math.floorMod(op.r1(), 1000);
                            case 4, 5, 6 -> pick(op.r1(), 1, Math.max(1, Math.min(room, tradeMargin())));
                            default -> pick(op.r1(), 1, Math.max(1, room));
                        };
                    }
                    final long fx = x;
                    can = e.canDeposit(a, x);
                    if (spec != null && a >= 0 && a < n) {
                        expected = spec.deposit(s, a, x);
                    }
                    call = () -> e.deposit(a, fx);
                    actor1 = a;
                    subject = a;
                }
                case WITHDRAW -> {
                    int a = account(op.a());
                    long x;
                    if (a < 0 || a >= n) {
                        x = 1;
                    } else {
                        long free = e.equity(a) - e.initialRequirement(a);
                        x = switch (mode) {
                            case 0 -> op.r1();
                            case 1 -> free + 1;
                            case 2 -> free;
                            case 3 -> e.collateral(a) + p.maxCollateral + 1;
                            case 4 -> -Math.floorMod(op.r1(), 1000);
                            default -> pick(op.r1(), 1, Math.max(1, free));
                        };
                    }
                    final long fx = x;
                    can = e.canWithdraw(a, x);
                    if (spec != null && a >= 0 && a < n) {
                        expected = spec.withdraw(s, a, x);
                    }
                    call = () -> e.withdraw(a, fx);
                    actor1 = a;
                    subject = a;
                }
                case TRADE -> {
                    int b = funded(op.a(), mode >= 2);
                    int sl = funded(op.b(), mode >= 2);
                    if (sl == b && mode >= 3) {
                        sl = (sl + 1) % n;
                    }
                    long px = switch (Math.floorMod(op.r3(), 6)) {
                        case 0 -> op.r3() >> 20;
                        case 1 -> pick(op.r3(), p.minPrice - 1, p.maxPrice + 1);
                        default -> Math.max(p.minPrice, Math.min(p.maxPrice, price + pick(op.r3(), -band(), band())));
                    };
                    long q;
                    if (b < 0 || b >= n || sl < 0 || sl >= n || px <= 0 || b == sl) {
                        q = 1;
                    } else {
                        // lots that the poorer side can carry at initial margin
                        long eq = Math.max(1, Math.min(e.equity(b), e.equity(sl)));
                        long afford = Math.max(1, Math.min(p.maxTradeLots,
                            eq / Math.max(1, px * p.imBps / MarginEngine.BPS + 1)));
                        q = switch (mode) {
                            case 0 -> op.r1();
                            case 1 -> p.maxTradeLots + 1;
                            case 2 -> pick(op.r1(), 1, p.maxTradeLots);
                            case 3 -> afford + 1;
                            default -> pick(op.r1(), 1, afford);
                        };
                    }
                    final long fq = q;
                    final long fpx = px;
                    final int fs = sl;
                    can = e.canTrade(b, sl, q, px);
                    if (spec != null && b >= 0 && b < n && sl >= 0 && sl < n && q > 0 && px > 0) {
                        expected = spec.trade(s, b, fs, q, px);
                    }
                    call = () -> e.trade(b, fs, fq, fpx);
                    actor1 = b;
                    actor2 = sl;
                }
                case SET_PRICE -> {
                    long px = switch (mode) {
                        case 0 -> op.r1();
                        case 1 -> price;
                        case 2 -> price + p.maxPriceStep + 1;
                        case 3 -> pick(op.r1(), p.minPrice - 1, p.maxPrice + 1);
                        case 4, 5, 6 -> {
                            // small moves (up to 3% of the price): accounts drift into the
                            // liquidation band between maintenance margin and bankruptcy
                            long small = Math.min(p.maxPriceStep, price * 3 / 100 + 1);
                            yield Math.max(p.minPrice, Math.min(p.maxPrice, price + pick(op.r1(), -small, small)));
                        }
                        default -> Math.max(p.minPrice, Math.min(p.maxPrice,
                            price + pick(op.r1(), -p.maxPriceStep, p.maxPriceStep)));
                    };
                    can = e.canSetPrice(px);
                    if (spec != null && px > 0) {
                        expected = spec.setPrice(s, px);
                    }
                    call = () -> e.setPrice(px);
                }
                case LIQUIDATE -> {
                    int[] liq = e.scanLiquidatable();
                    int a = liq.length > 0 && mode < 8 ? liq[Math.floorMod(op.a(), liq.length)] : account(op.a());
                    int l = funded(op.b(), mode >= 2);
                    long q;
                    long px;
                    if (a < 0 || a >= n) {
                        q = 1;
                        px = price;
                    } else {
                        long size = Math.abs(e.position(a));
                        long eq = e.equity(a);
                        long slack = size == 0 || eq < 0 ? 0 : eq / size;
                        q = switch (Math.floorMod(op.r3(), 7)) {
                            case 0 -> size == 0 ? op.r1() : Math.floorMod(op.r1(), 3 * size) - size;
                            case 1 -> size - p.dustLots + 1;
                            case 2, 3 -> size;
                            default -> pick(op.r1(), 1, Math.max(1, size - p.dustLots));
                        };
                        long inside = e.position(a) > 0 ? price - pick(op.r3(), 0, slack) : price + pick(op.r3(), 0, slack);
                        px = switch (mode) {
                            case 0 -> pick(op.r3(), p.minPrice - 1, p.maxPrice + 1);
                            case 1 -> e.position(a) > 0 ? price - slack - 1 : price + slack + 1;
                            case 2 -> price;
                            default -> Math.max(p.minPrice, Math.min(p.maxPrice, inside));
                        };
                        liquidatableBefore = e.liquidatable(a);
                    }
                    final long fq = q;
                    final long fpx = px;
                    can = e.canLiquidate(a, l, q, px);
                    if (spec != null && a >= 0 && a < n && l >= 0 && l < n && q > 0 && px > 0) {
                        expected = spec.liquidate(s, a, l, q, px);
                    }
                    call = () -> e.liquidate(a, l, fq, fpx);
                    actor1 = l;
                    subject = a;
                }
                case DELEVERAGE -> {
                    List<Integer> bankrupt = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        if (e.position(k) != 0 && e.equity(k) < 0) {
                            bankrupt.add(k);
                        }
                    }
                    int a = !bankrupt.isEmpty() && mode < 8 ? bankrupt.get(Math.floorMod(op.a(), bankrupt.size()))
                                                             : account(op.a());
                    int c = account(op.b());
                    if (a >= 0 && a < n && mode < 6) {
                        // the most profitable opposite account; for mode >= 3, the most profitable
                        // one that the bounds let take the step (computed here, not by the engine)
                        long best = Long.MIN_VALUE;
                        for (int k = 0; k < n; k++) {
                            if (k != a && Long.signum(e.position(k)) * Long.signum(e.position(a)) < 0 && e.equity(k) > best
                                    && (mode < 3 || absorbs(a, k))) {
                                best = e.equity(k);
                                c = k;
                            }
                        }
                    }
                    final int fc = c;
                    can = e.canDeleverage(a, c);
                    if (a >= 0 && a < n) {
                        coveredBefore = e.insurance() + e.equity(a) >= 0;
                    }
                    if (spec != null && a >= 0 && a < n && c >= 0 && c < n) {
                        expected = spec.deleverage(s, a, c);
                    }
                    call = () -> e.deleverage(a, fc);
                    subject = a;
                }
                default -> throw new AssertionError(op.kind());
            }

            boolean ok;
            try {
                call.run();
                ok = true;
            } catch (MarginException ex) {
                ok = false;
                refused.merge(op.kind() + " " + ex.reason(), 1, Integer::sum);
                assertEquals(before, EngineSnapshot.of(e), "refused " + op + " (" + ex.getMessage() + ") changed the state");
            }
            assertEquals(can, ok, "can" + op.kind() + " disagrees with the call for " + op + " in " + before);
            if (spec != null) {
                if (ok) {
                    assertNotNull(expected, "accepted but the spec disables " + op + " in " + before);
                    assertTrue(SpecModel.sameState(expected, SpecModel.State.of(e)),
                        op + " in " + before + ": spec " + expected + " java " + EngineSnapshot.of(e));
                } else {
                    assertNull(expected, "refused but the spec enables " + op + " in " + before);
                }
            }
            if (!ok) {
                return false;
            }
            accepted.merge(op.kind(), 1, Integer::sum);
            EngineSnapshot after = EngineSnapshot.of(e);
            switch (op.kind()) {
                case LIQUIDATE -> assertTrue(liquidatableBefore, "NoHealthyLiquidation: " + op + " in " + before);
                case DELEVERAGE -> assertFalse(coveredBefore, "NoNeedlessDeleverage: " + op + " in " + before);
                case WITHDRAW -> assertTrue(e.equity(subject) >= e.initialRequirement(subject),
                    "WithdrawalKeepsInitialMargin: " + op + " in " + before);
                default -> { }
            }
            // FlatNeverAbsorbsLosses: a flat account that is not an actor keeps its balance and stays flat.
            for (int k = 0; k < n; k++) {
                boolean actor = k == actor1 || k == actor2;
                if (before.position()[k] == 0 && !actor) {
                    assertEquals(before.collateral()[k], after.collateral()[k], "FlatNeverAbsorbsLosses " + k + " " + op);
                    assertEquals(0, after.position()[k], "FlatNeverAbsorbsLosses " + k + " " + op);
                }
            }
            checkInvariants(before, after, op);
            return true;
        }

        void checkInvariants(EngineSnapshot before, EngineSnapshot after, Op op) {
            long collSum = 0;
            long posSum = 0;
            for (int k = 0; k < n; k++) {
                long c = after.collateral()[k];
                long q = after.position()[k];
                collSum = Math.addExact(collSum, c);
                posSum = Math.addExact(posSum, q);
                assertTrue(-p.maxCollateral <= c && c <= p.maxCollateral, "TypeOK coll " + k + " " + after);
                assertTrue(-p.maxLots <= q && q <= p.maxLots, "TypeOK pos " + k + " " + after);
                if (q == 0 && c < 0) {
                    // FlatNoDeficit: only a Deleverage may leave a flat account in deficit (spec gap),
                    // and such a deficit persists only until the account acts again.
                    boolean wasDeficit = before.position()[k] == 0 && before.collateral()[k] < 0 && deleveragedDeficits.contains(k);
                    boolean byDeleverage = op != null && op.kind() == Kind.DELEVERAGE && before.position()[k] != 0;
                    assertTrue(wasDeficit || byDeleverage, "FlatNoDeficit broken by " + op + ": " + before + " -> " + after);
                    deleveragedDeficits.add(k);
                } else {
                    deleveragedDeficits.remove(k);
                }
            }
            assertEquals(after.netDeposits(), Math.addExact(collSum, after.insurance()), "Conservation " + after);
            assertEquals(0, posSum, "OpenInterestBalanced " + after);
            assertTrue(after.insurance() >= 0, "InsuranceNonNegative " + after);
            assertTrue(p.minPrice <= after.price() && after.price() <= p.maxPrice, "TypeOK price " + after);
            assertTrue(0 <= after.netDeposits() && after.netDeposits() <= p.maxNetDeposits, "TypeOK netDeposits " + after);
            // scan agrees with the per-account query
            int[] liq = e.scanLiquidatable();
            int j = 0;
            for (int k = 0; k < n; k++) {
                if (e.liquidatable(k)) {
                    if (j >= liq.length || liq[j] != k) {
                        fail("scanLiquidatable misses " + k + " in " + after);
                    }
                    j++;
                }
            }
            assertEquals(j, liq.length, "scanLiquidatable has extra entries");
        }
    }
}
