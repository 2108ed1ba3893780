package dev.bulwark.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The sums the verified contracts are stated over ({@link Oracle#sumWeights},
 * {@link Oracle#sumWeightsIn}: recursive definitions, since ESC cannot prove {@code \sum}) against
 * a recount in unbounded integers, on random oracle states up to the hard caps; and the query
 * methods whose contracts were added with them (the weighted median over the fresh reports, the
 * evidence list, copies).
 */
class OracleSumsProperties {

    static Oracle randomOracle(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 200);
        long[] stake = new long[n];
        long maxRel = rnd.nextBoolean() ? 1 + rnd.nextLong(5) : Oracle.MAX_REL;
        long[] rel = new long[n];
        long[] reports = new long[n];
        long maxPrice = rnd.nextBoolean() ? 8 : Oracle.MAX_PRICE;
        long minPrice = 1 + rnd.nextLong(3);
        int round = rnd.nextInt(5);
        List<Evidence> evidence = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            stake[r] = rnd.nextBoolean() ? 1 + rnd.nextLong(4) : 1 + rnd.nextLong(Oracle.MAX_STAKE);
            rel[r] = rnd.nextLong(maxRel + 1);
            int kind = rnd.nextInt(4);
            reports[r] = kind == 0 ? Oracle.NO_REPORT : kind == 1 ? Oracle.EQUIVOCATED
                    : minPrice + rnd.nextLong(maxPrice - minPrice + 1);
            if (reports[r] == Oracle.EQUIVOCATED) {
                evidence.add(0, new Evidence(r, round)); // any order: the oracle lists by reporter
            }
        }
        OracleParams p = new OracleParams(stake, maxRel, 1, minPrice, maxPrice, 0, 0, 0, 0, 1, 10);
        return Oracle.fromState(p, round, reports, rel, 0, -1, 0, -1, false, evidence);
    }

    @Property(tries = 1500)
    void sumsAreTheRecount(@ForAll long seed) {
        Oracle o = randomOracle(new SplittableRandom(seed));
        long[] reports = o.reports();
        long[] rel = o.rel();
        long[] stake = o.params().stakes();
        int n = o.reporters();
        OracleParams p = o.params();
        BigInteger total = BigInteger.ZERO;
        BigInteger fresh = BigInteger.ZERO;
        for (int r = 0; r < n; r++) {
            BigInteger w = BigInteger.valueOf(stake[r]).multiply(BigInteger.valueOf(rel[r]));
            assertEquals(w.longValueExact(), o.weight(r));
            total = total.add(w);
            if (reports[r] >= p.minPrice) {
                fresh = fresh.add(w);
            }
            // every prefix, and the weight at or below this reporter's report
            assertEquals(total.longValueExact(), Oracle.sumWeights(stake, rel, r + 1));
            assertEquals(fresh.longValueExact(), Oracle.sumWeightsIn(stake, rel, reports, r + 1, p.minPrice, p.maxPrice));
        }
        assertEquals(total.longValueExact(), o.totalWeight());
        assertEquals(fresh.longValueExact(), o.freshWeight());
        assertEquals(0, Oracle.sumWeights(stake, rel, 0));
        if (fresh.signum() > 0) {
            long[] w = new long[n];
            long[] px = new long[n];
            for (int r = 0; r < n; r++) {
                w[r] = stake[r] * rel[r];
                px[r] = reports[r] >= p.minPrice ? reports[r] : 0; // not fresh: outside the spec's candidates
            }
            assertEquals(SpecMedian.medianOf(px, w), o.weightedMedian());
        }
    }

    @Property(tries = 1000)
    void evidenceIsTheFlaggedReportersInOrder(@ForAll long seed) {
        Oracle o = randomOracle(new SplittableRandom(seed));
        List<Evidence> expected = new ArrayList<>();
        for (int r = 0; r < o.reporters(); r++) {
            assertEquals(o.reportOf(r) == Oracle.EQUIVOCATED, o.evidenced(r));
            if (o.evidenced(r)) {
                expected.add(new Evidence(r, o.round()));
            }
        }
        assertEquals(expected, o.evidence());
        Oracle c = o.copy();
        assertTrue(o.sameState(c) && c.sameState(o));
        assertNotSame(o.reports(), o.reports());
        if (o.round() < o.params().maxRound) {
            c.advanceRound();
            assertFalse(o.sameState(c));
            assertEquals(expected, o.evidence()); // the copy is independent
        }
    }
}
