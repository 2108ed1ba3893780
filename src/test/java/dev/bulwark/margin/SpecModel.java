package dev.bulwark.margin;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A literal transliteration of spec/margin/Margin.tla into test code, in unbounded integers
 * (BigInteger, TLA+ {@code \div} as floor division), written independently of the engine so that
 * the two can be compared on any state and any action instance.  Each action returns the
 * successor state, or null when the action is not enabled.  Sets (LiquidationSizes,
 * LiquidationPrices) are evaluated as sets, the quantifier of MostProfitableOpposite as a loop.
 */
final class SpecModel {
    static final BigInteger BPS = BigInteger.valueOf(10_000);
    static final BigInteger ZERO = BigInteger.ZERO;
    static final BigInteger ONE = BigInteger.ONE;

    /** One spec state (lastAction omitted). */
    record State(long[] coll, long[] pos, long price, long insurance, long netDeposits, boolean halted) {
        State(long[] coll, long[] pos, long price, long insurance, long netDeposits) {
            this(coll, pos, price, insurance, netDeposits, false);
        }

        static State of(MarginEngine e) {
            EngineSnapshot s = EngineSnapshot.of(e);
            return new State(s.collateral(), s.position(), s.price(), s.insurance(), s.netDeposits(), s.halted());
        }

        EngineSnapshot snapshot() {
            return new EngineSnapshot(coll.clone(), pos.clone(), price, insurance, netDeposits, halted);
        }

        MarginEngine load(MarginParams p) {
            return MarginEngine.fromState(p, coll, pos, price, insurance, netDeposits, halted);
        }

        @Override
        public String toString() {
            return snapshot().toString();
        }
    }

    final MarginParams p;
    final BigInteger maxTradeLots, maxLots, maxCollateral, maxNetDeposits, minPrice, maxPrice, maxPriceStep;
    final BigInteger imBps, mmBps, feeBps, bandBps, dustLots;

    SpecModel(MarginParams p) {
        this.p = p;
        maxTradeLots = b(p.maxTradeLots);
        maxLots = b(p.maxLots);
        maxCollateral = b(p.maxCollateral);
        maxNetDeposits = b(p.maxNetDeposits);
        minPrice = b(p.minPrice);
        maxPrice = b(p.maxPrice);
        maxPriceStep = b(p.maxPriceStep);
        imBps = b(p.imBps);
        mmBps = b(p.mmBps);
        feeBps = b(p.feeBps);
        bandBps = b(p.bandBps);
        dustLots = b(p.dustLots);
    }

    static BigInteger b(long x) {
        return BigInteger.valueOf(x);
    }

    // Arithmetic helpers ------------------------------------------------------------------
    static BigInteger abs(BigInteger x) { return x.abs(); }
    static BigInteger sign(BigInteger x) { return b(x.signum()); }
    static BigInteger min(BigInteger x, BigInteger y) { return x.compareTo(y) <= 0 ? x : y; }
    static BigInteger max(BigInteger x, BigInteger y) { return x.compareTo(y) >= 0 ? x : y; }
    /** TLA+ \div: floor division. */
    static BigInteger div(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        return qr[1].signum() != 0 && (qr[1].signum() != d.signum()) ? qr[0].subtract(ONE) : qr[0];
    }
    static BigInteger ceilDiv(BigInteger n, BigInteger d) { return div(n.add(d).subtract(ONE), d); }
    static BigInteger bpsUp(BigInteger n, BigInteger bps) { return ceilDiv(n.multiply(bps), BPS); }
    static boolean lt(BigInteger x, BigInteger y) { return x.compareTo(y) < 0; }
    static boolean le(BigInteger x, BigInteger y) { return x.compareTo(y) <= 0; }
    static boolean in(BigInteger x, BigInteger lo, BigInteger hi) { return le(lo, x) && le(x, hi); }

    // Margin arithmetic ----------------------------------------------------------------------
    static BigInteger equityOf(BigInteger c, BigInteger p, BigInteger px) { return c.add(p.multiply(px)); }
    static BigInteger notionalOf(BigInteger p, BigInteger px) { return abs(p).multiply(px); }
    BigInteger imReqOf(BigInteger p, BigInteger px) { return bpsUp(notionalOf(p, px), imBps); }
    BigInteger mmReqOf(BigInteger p, BigInteger px) { return bpsUp(notionalOf(p, px), mmBps); }

    BigInteger coll(State s, int a) { return b(s.coll[a]); }
    BigInteger pos(State s, int a) { return b(s.pos[a]); }
    BigInteger equity(State s, int a) { return equityOf(coll(s, a), pos(s, a), b(s.price)); }
    BigInteger mmReq(State s, int a) { return mmReqOf(pos(s, a), b(s.price)); }
    boolean liquidatable(State s, int a) { return lt(equity(s, a), mmReq(s, a)); }
    boolean inBounds(BigInteger c, BigInteger p) { return le(abs(c), maxCollateral) && le(abs(p), maxLots); }

    boolean acceptableOf(State s, BigInteger c0, BigInteger p0, BigInteger c1, BigInteger p1) {
        BigInteger price = b(s.price);
        BigInteger e0 = equityOf(c0, p0, price);
        BigInteger e1 = equityOf(c1, p1, price);
        BigInteger m0 = mmReqOf(p0, price);
        BigInteger m1 = mmReqOf(p1, price);
        return le(imReqOf(p1, price), e1)
            || (p0.multiply(p1).signum() >= 0 && lt(abs(p1), abs(p0)) && le(m0, e0)
                && le(e0.subtract(m0), e1.subtract(m1)));
    }

    boolean inBand(State s, BigInteger px) {
        BigInteger price = b(s.price);
        return le(abs(px.subtract(price)).multiply(BPS), bandBps.multiply(price));
    }

    BigInteger deficit(State s, int a) { return max(ZERO, equity(s, a).negate()); }

    BigInteger slack(State s, int a) { return div(equity(s, a).add(deficit(s, a)), abs(pos(s, a))); }

    boolean noBankruptAccount(State s) {
        for (int k = 0; k < s.coll.length; k++) {
            if (equity(s, k).signum() < 0) {
                return false;
            }
        }
        return true;
    }

    boolean inLiquidationPrices(State s, int a, BigInteger px) {
        BigInteger price = b(s.price);
        if (pos(s, a).signum() > 0) {
            return in(px, max(minPrice, price.subtract(slack(s, a))), price);
        }
        return in(px, price, min(maxPrice, price.add(slack(s, a))));
    }

    boolean inLiquidationSizes(State s, int a, BigInteger q) {
        BigInteger size = abs(pos(s, a));
        BigInteger rest = size.subtract(q);
        return in(q, ONE, size) && (rest.signum() == 0 || le(dustLots, rest));
    }

    boolean insuranceCovers(State s, int a) { return b(s.insurance).add(equity(s, a)).signum() >= 0; }

    boolean opposite(State s, int a, int c) { return c != a && pos(s, c).multiply(pos(s, a)).signum() < 0; }

    BigInteger deleverageLots(State s, int a, int c) { return min(abs(pos(s, a)), abs(pos(s, c))); }

    BigInteger deleverageDelta(State s, int a, int c) {
        return div(coll(s, a).multiply(deleverageLots(s, a, c)), abs(pos(s, a)));
    }

    /** CanAbsorb(a, c): opposite, and the step keeps c within the bounds. */
    boolean canAbsorb(State s, int a, int c) {
        return opposite(s, a, c)
            && inBounds(coll(s, c).add(deleverageDelta(s, a, c)),
                        pos(s, c).add(sign(pos(s, a)).multiply(deleverageLots(s, a, c))));
    }

    boolean mostProfitableOpposite(State s, int a, int c) {
        if (!canAbsorb(s, a, c)) {
            return false;
        }
        for (int d = 0; d < s.coll.length; d++) {
            if (canAbsorb(s, a, d) && !le(equity(s, d), equity(s, c))) {
                return false;
            }
        }
        return true;
    }

    // Actions -------------------------------------------------------------------------------
    static long l(BigInteger x) { return x.longValueExact(); }

    State deposit(State s, int a, long x0) {
        BigInteger x = b(x0);
        if (!(x.signum() > 0 && le(coll(s, a).add(x), maxCollateral)
              && le(b(s.netDeposits).add(x), maxNetDeposits))) {
            return null;
        }
        long[] c = s.coll.clone();
        c[a] = l(coll(s, a).add(x));
        return new State(c, s.pos.clone(), s.price, s.insurance, l(b(s.netDeposits).add(x)), s.halted);
    }

    State withdraw(State s, int a, long x0) {
        BigInteger x = b(x0);
        BigInteger after = coll(s, a).subtract(x);
        if (!(!s.halted && x.signum() > 0 && noBankruptAccount(s) && le(abs(after), maxCollateral)
              && le(imReqOf(pos(s, a), b(s.price)), equityOf(after, pos(s, a), b(s.price))))) {
            return null;
        }
        long[] c = s.coll.clone();
        c[a] = l(after);
        return new State(c, s.pos.clone(), s.price, s.insurance, l(b(s.netDeposits).subtract(x)), s.halted);
    }

    State trade(State s, int bu, int se, long q0, long px0) {
        BigInteger q = b(q0);
        BigInteger px = b(px0);
        BigInteger cb = coll(s, bu).subtract(q.multiply(px));
        BigInteger pb = pos(s, bu).add(q);
        BigInteger cs = coll(s, se).add(q.multiply(px));
        BigInteger ps = pos(s, se).subtract(q);
        if (!(!s.halted && bu != se && in(q, ONE, maxTradeLots) && in(px, minPrice, maxPrice) && inBand(s, px)
              && inBounds(cb, pb) && inBounds(cs, ps)
              && acceptableOf(s, coll(s, bu), pos(s, bu), cb, pb)
              && acceptableOf(s, coll(s, se), pos(s, se), cs, ps))) {
            return null;
        }
        long[] c = s.coll.clone();
        long[] p = s.pos.clone();
        c[bu] = l(cb);
        c[se] = l(cs);
        p[bu] = l(pb);
        p[se] = l(ps);
        return new State(c, p, s.price, s.insurance, s.netDeposits, s.halted);
    }

    State setPrice(State s, long px0) {
        BigInteger px = b(px0);
        if (!(in(px, minPrice, maxPrice) && (px0 != s.price || s.halted)
              && le(abs(px.subtract(b(s.price))), maxPriceStep))) {
            return null;
        }
        return new State(s.coll.clone(), s.pos.clone(), px0, s.insurance, s.netDeposits, false);
    }

    State halt(State s) {
        if (s.halted) {
            return null;
        }
        return new State(s.coll.clone(), s.pos.clone(), s.price, s.insurance, s.netDeposits, true);
    }

    State liquidate(State s, int a, int lq, long q0, long px0) {
        BigInteger q = b(q0);
        BigInteger px = b(px0);
        BigInteger sg = sign(pos(s, a));
        BigInteger cl = coll(s, lq).subtract(sg.multiply(q).multiply(px));
        BigInteger pl = pos(s, lq).add(sg.multiply(q));
        if (!(!s.halted && liquidatable(s, a) && pos(s, a).signum() != 0 && lq != a
              && (!(equity(s, a).signum() < 0) || insuranceCovers(s, a))
              && inLiquidationSizes(s, a, q) && inLiquidationPrices(s, a, px)
              && inBounds(cl, pl) && acceptableOf(s, coll(s, lq), pos(s, lq), cl, pl))) {
            return null;
        }
        BigInteger cover = ceilDiv(deficit(s, a).multiply(q), abs(pos(s, a)));   // ClosedDeficit(a, q)
        BigInteger ca = coll(s, a).add(cover).add(sg.multiply(q).multiply(px));
        BigInteger pa = pos(s, a).subtract(sg.multiply(q));
        BigInteger ea = equityOf(ca, pa, b(s.price));
        BigInteger fee = min(bpsUp(q.multiply(px), feeBps), max(ea, ZERO));
        long[] c = s.coll.clone();
        long[] p = s.pos.clone();
        c[a] = l(ca.subtract(fee));
        c[lq] = l(cl);
        p[a] = l(pa);
        p[lq] = l(pl);
        return new State(c, p, s.price, l(b(s.insurance).subtract(cover).add(fee)), s.netDeposits, s.halted);
    }

    State deleverage(State s, int a, int cp) {
        if (!(!s.halted && pos(s, a).signum() != 0 && equity(s, a).signum() < 0 && !insuranceCovers(s, a)
              && mostProfitableOpposite(s, a, cp))) {
            return null;
        }
        BigInteger sg = sign(pos(s, a));
        BigInteger q = deleverageLots(s, a, cp);
        BigInteger delta = deleverageDelta(s, a, cp);
        long[] c = s.coll.clone();
        long[] p = s.pos.clone();
        c[a] = l(coll(s, a).subtract(delta));
        c[cp] = l(coll(s, cp).add(delta));
        p[a] = l(pos(s, a).subtract(sg.multiply(q)));
        p[cp] = l(pos(s, cp).add(sg.multiply(q)));
        return new State(c, p, s.price, s.insurance, s.netDeposits, s.halted);
    }

    static boolean sameState(State x, State y) {
        return Arrays.equals(x.coll, y.coll) && Arrays.equals(x.pos, y.pos) && x.price == y.price
            && x.insurance == y.insurance && x.netDeposits == y.netDeposits && x.halted == y.halted;
    }
}
