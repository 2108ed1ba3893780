package dev.bulwark.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests: every action, every refusal (state unchanged), the deviation guard and staleness. */
class OracleTest {

    /** Four reporters of stake 1, MaxRel 3, Penalty 2, prices 1..100, Band 4, MaxJump 10, StaleRounds 2. */
    static OracleParams params(int maxRound) {
        return new OracleParams(new long[] {1, 1, 1, 1}, 3, 2, 1, 100, 2, 4, 5, 10, 2, maxRound);
    }

    static Oracle fresh() {
        return new Oracle(params(10));
    }

    /** Calls op, expects a refusal with reason, and checks the state did not change. */
    static void refused(Oracle o, Reason reason, Runnable op) {
        Oracle before = o.copy();
        OracleException e = assertThrows(OracleException.class, op::run);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(o.sameState(before), () -> "state changed by refused call: " + o + " vs " + before);
        assertTrue(e.getMessage().startsWith(reason.name()));
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void initialState() {
        Oracle o = fresh();
        assertEquals(0, o.round());
        assertArrayEquals(new long[] {0, 0, 0, 0}, o.reports());
        assertArrayEquals(new long[] {3, 3, 3, 3}, o.rel());
        assertEquals(Oracle.NO_PRICE, o.price());
        assertEquals(-1, o.priceRound());
        assertEquals(Oracle.NO_PRICE, o.pending());
        assertEquals(-1, o.pendingRound());
        assertFalse(o.aggregated());
        assertEquals(List.of(), o.evidence());
        assertFalse(o.usable());
        assertEquals(Oracle.NO_PRICE, o.usablePrice());
        assertEquals(12, o.totalWeight());
        assertEquals(0, o.freshWeight());
    }

    @Test
    void reportThenEquivocation() {
        Oracle o = fresh();
        assertTrue(o.canReport(1, 50));
        o.report(1, 50);
        assertEquals(50, o.reportOf(1));
        assertEquals(List.of(), o.evidence());
        o.report(1, 51);
        assertEquals(Oracle.EQUIVOCATED, o.reportOf(1));
        assertEquals(List.of(new Evidence(1, 0)), o.evidence());
        assertFalse(o.canReport(1, 52));
    }

    @Test
    void withStakesKeepsTheStateUnderTheNewStakesAndRefusesBadVectors() {
        Oracle o = fresh();
        o.report(0, 50);
        o.report(1, 50);
        o.report(1, 51); // evidence
        Oracle w = o.withStakes(new long[] {2, 1, 1, 3});
        assertArrayEquals(new long[] {2, 1, 1, 3}, w.params().stakes());
        assertArrayEquals(o.reports(), w.reports());
        assertArrayEquals(o.rel(), w.rel());
        assertEquals(o.round(), w.round());
        assertEquals(o.evidence(), w.evidence());
        assertEquals(o.price(), w.price());
        assertEquals(o.aggregated(), w.aggregated());
        assertEquals(21, w.totalWeight()); // (2 + 1 + 1 + 3) * rel 3
        w.report(2, 50); // the new oracle's arrays are its own
        assertEquals(Oracle.NO_REPORT, o.reportOf(2));
        assertEquals(50, w.reportOf(2));
        Reason bad = Reason.INVALID_PARAMS;
        assertEquals(bad, assertThrows(OracleException.class, () -> o.withStakes(null)).reason());
        assertEquals(bad, assertThrows(OracleException.class, () -> o.withStakes(new long[] {1, 1, 1})).reason());
        assertEquals(bad, assertThrows(OracleException.class, () -> o.withStakes(new long[] {1, 0, 1, 1})).reason());
        assertEquals(bad, assertThrows(OracleException.class,
            () -> o.withStakes(new long[] {1, 1, 1, Oracle.MAX_STAKE + 1})).reason());
        assertArrayEquals(new long[] {1, 1, 1, 1}, o.params().stakes());
    }

    @Test
    void reportRefusals() {
        Oracle o = fresh();
        o.report(0, 50);
        refused(o, Reason.UNKNOWN_REPORTER, () -> o.report(-1, 50));
        refused(o, Reason.UNKNOWN_REPORTER, () -> o.report(4, 50));
        refused(o, Reason.UNKNOWN_REPORTER, () -> o.report(Integer.MAX_VALUE, 50));
        for (long bad : new long[] {0, -1, 101, Long.MIN_VALUE, Long.MAX_VALUE}) {
            refused(o, Reason.PRICE_OUT_OF_RANGE, () -> o.report(1, bad));
        }
        refused(o, Reason.DUPLICATE_REPORT, () -> o.report(0, 50));
        o.report(2, 60);
        o.report(2, 61);
        refused(o, Reason.ALREADY_EQUIVOCATED, () -> o.report(2, 62));
        refused(o, Reason.ALREADY_EQUIVOCATED, () -> o.report(2, 60));
        o.report(1, 50);
        o.report(3, 52);
        o.aggregate();
        refused(o, Reason.REPORT_AFTER_AGGREGATE, () -> o.report(1, 49));
        refused(o, Reason.REPORT_AFTER_AGGREGATE, () -> o.report(0, 49));
    }

    @Test
    void aggregateRefusals() {
        Oracle o = fresh();
        refused(o, Reason.NOT_ENOUGH_FRESH_WEIGHT, o::aggregate);
        o.report(0, 50);
        o.report(1, 50);
        // 2 of 4 equal weights: 3 * 6 = 18 > 2 * 12 = 24 is false
        assertFalse(o.canAggregate());
        refused(o, Reason.NOT_ENOUGH_FRESH_WEIGHT, o::aggregate);
        o.report(2, 50);
        o.report(2, 49); // equivocation: not fresh
        refused(o, Reason.NOT_ENOUGH_FRESH_WEIGHT, o::aggregate);
        o.report(3, 51);
        assertTrue(o.canAggregate()); // 9 of 12: 27 > 24
        o.aggregate();
        refused(o, Reason.ALREADY_AGGREGATED, o::aggregate);
    }

    @Test
    void quorumBoundaryIsStrict() {
        // stakes 1,1,1 (rel 3 each): 2 of 3 fresh is exactly two thirds, not enough
        OracleParams p = new OracleParams(new long[] {1, 1, 1}, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5);
        Oracle o = new Oracle(p);
        o.report(0, 10);
        o.report(1, 10);
        assertEquals(3 * o.freshWeight(), 2 * o.totalWeight());
        refused(o, Reason.NOT_ENOUGH_FRESH_WEIGHT, o::aggregate);
        assertTrue(Oracle.quorum(7, 10));
        assertFalse(Oracle.quorum(2, 3));
        assertTrue(Oracle.quorum(Oracle.MAX_TOTAL_WEIGHT, Oracle.MAX_TOTAL_WEIGHT));
        assertFalse(Oracle.quorum(2 * (Oracle.MAX_TOTAL_WEIGHT / 3), Oracle.MAX_TOTAL_WEIGHT - Oracle.MAX_TOTAL_WEIGHT % 3));
    }

    @Test
    void advanceRoundAndLastRound() {
        Oracle o = new Oracle(params(1));
        o.report(0, 40);
        o.advanceRound();
        assertEquals(1, o.round());
        assertArrayEquals(new long[] {0, 0, 0, 0}, o.reports());
        assertFalse(o.canAdvanceRound());
        refused(o, Reason.LAST_ROUND, o::advanceRound);
        Oracle zero = new Oracle(params(0));
        refused(zero, Reason.LAST_ROUND, zero::advanceRound);
    }

    @Test
    void aggregateTakesLowerWeightedMedianAndUpdatesReliability() {
        // stakes 1, 2, 3, 4 (rel 3): weights 3, 6, 9, 12, total 30
        OracleParams p = new OracleParams(new long[] {1, 2, 3, 4}, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5);
        Oracle o = new Oracle(p);
        o.report(0, 90); // far away: penalised
        o.report(1, 20);
        o.report(2, 22);
        o.report(3, 30); // fresh weight 30: sorted 20(6) 22(9) 30(12) 90(3): prefix 6, 15 -> 2*15 >= 30 -> 22
        o.aggregate();
        assertEquals(22, o.price());
        assertEquals(0, o.priceRound());
        assertTrue(o.usable());
        assertEquals(22, o.usablePrice());
        // 90 and 30 deviate by more than Band 4 from 22; 20 and 22 are within
        assertArrayEquals(new long[] {1, 3, 3, 1}, o.rel());
    }

    @Test
    void reliabilityFallsOnDeviationAndRecoversOnlyUpToFullWeight() {
        // five reporters of stake 1, MaxRel 5 (every weight starts at 5 = its full stake), Penalty 3
        OracleParams p = new OracleParams(new long[] {1, 1, 1, 1, 1}, 5, 3, 1, 100, 2, 4, 5, 100, 2, 10);
        Oracle o = new Oracle(p);
        assertArrayEquals(new long[] {5, 5, 5, 5, 5}, o.rel());
        for (int r = 0; r < 4; r++) {
            o.report(r, 50);
        }
        o.aggregate(); // in band: already at the cap, no gain; reporter 4 silent: unchanged
        assertArrayEquals(new long[] {5, 5, 5, 5, 5}, o.rel());
        o.advanceRound();
        o.report(0, 50);
        o.report(1, 50);
        o.report(2, 50);
        o.report(3, 90); // deviates by 40 > Band 4: 5 - 3 = 2
        o.aggregate();
        assertArrayEquals(new long[] {5, 5, 5, 2, 5}, o.rel());
        o.advanceRound();
        o.report(0, 50);
        o.report(1, 50);
        o.report(2, 50);
        o.report(2, 51); // equivocation: penalised like a deviation
        o.report(3, 50);
        o.report(4, 50); // fresh 5 + 5 + 2 + 5 = 17 of 22: 51 > 44
        o.aggregate();
        assertArrayEquals(new long[] {5, 5, 2, 3, 5}, o.rel());
        assertEquals(5 + 5 + 2 + 3 + 5, o.totalWeight());
        for (int k = 0; k < 3; k++) { // recovery: one per in-band report, never above the full weight
            o.advanceRound();
            allReport(o, 50);
            o.aggregate();
        }
        assertArrayEquals(new long[] {5, 5, 5, 5, 5}, o.rel());
        for (int r = 0; r < 5; r++) {
            assertEquals(p.stake(r) * p.maxRel, o.weight(r));
        }
        o.advanceRound();
        o.report(0, 50);
        o.report(1, 50);
        o.report(2, 1);
        o.report(3, 1);
        o.report(4, 1);
        o.aggregate();
        assertEquals(1, o.price()); // 3 of 5 equal weights at 1: the lower median is 1
        assertArrayEquals(new long[] {2, 2, 5, 5, 5}, o.rel());
    }

    @Test
    void reliabilityFloorsAtZero() {
        OracleParams p = new OracleParams(new long[] {1, 1, 1, 1}, 3, 2, 1, 100, 2, 4, 5, 100, 2, 5);
        Oracle o = new Oracle(p);
        for (int k = 0; k < 2; k++) {
            o.report(0, 50);
            o.report(1, 50);
            o.report(2, 50);
            o.report(3, 99); // deviates: 3 -> 1 -> 0 (floor)
            o.aggregate();
            o.advanceRound();
        }
        assertArrayEquals(new long[] {3, 3, 3, 0}, o.rel());
        assertEquals(0, o.weight(3));
        assertEquals(9, o.totalWeight());
    }

    @Test
    void deviationGuardHoldsThenConfirms() {
        Oracle o = fresh(); // MaxJump 10
        allReport(o, 50);
        o.aggregate();
        assertEquals(50, o.price());
        o.advanceRound();
        allReport(o, 70); // jump 20 > 10: held
        o.aggregate();
        assertEquals(50, o.price());
        assertEquals(0, o.priceRound());
        assertEquals(70, o.pending());
        assertEquals(1, o.pendingRound());
        o.advanceRound();
        allReport(o, 75); // within 10 of pending held in the previous round: accepted
        o.aggregate();
        assertEquals(75, o.price());
        assertEquals(2, o.priceRound());
        assertEquals(Oracle.NO_PRICE, o.pending());
        assertEquals(-1, o.pendingRound());
    }

    @Test
    void deviationGuardRejectsUnconfirmedAndStaleConfirmation() {
        Oracle o = fresh();
        allReport(o, 50);
        o.aggregate();
        o.advanceRound();
        allReport(o, 70);
        o.aggregate(); // held 70 in round 1
        o.advanceRound();
        allReport(o, 90); // 20 from pending: held again, pending replaced
        o.aggregate();
        assertEquals(50, o.price());
        assertEquals(90, o.pending());
        assertEquals(2, o.pendingRound());
        o.advanceRound(); // round 3: no aggregate
        o.advanceRound(); // round 4: pending is from round 2, not round 3
        allReport(o, 90);
        o.aggregate();
        assertEquals(50, o.price());
        assertEquals(90, o.pending());
        assertEquals(4, o.pendingRound());
        // a move back within MaxJump of the accepted price is accepted at once
        o.advanceRound();
        allReport(o, 55);
        o.aggregate();
        assertEquals(55, o.price());
        assertEquals(Oracle.NO_PRICE, o.pending());
    }

    @Test
    void usablePriceGoesStale() {
        Oracle o = fresh(); // StaleRounds 2
        allReport(o, 50);
        o.aggregate();
        assertEquals(50, o.usablePrice());
        o.advanceRound();
        assertEquals(50, o.usablePrice()); // round 1 - 0 < 2
        o.advanceRound();
        assertFalse(o.usable()); // round 2 - 0 = 2
        assertEquals(Oracle.NO_PRICE, o.usablePrice());
        assertEquals(50, o.price()); // the price itself remains, only unusable
    }

    @Test
    void badParams() {
        long[] s = {1, 1};
        assertParams(0, () -> new OracleParams(null, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(0, () -> new OracleParams(new long[0], 3, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(0, () -> new OracleParams(new long[Oracle.MAX_REPORTERS + 1], 3, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(101, () -> new OracleParams(new long[] {1, 0}, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(100, () -> new OracleParams(new long[] {Oracle.MAX_STAKE + 1, 1}, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(1, () -> new OracleParams(s, 0, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(1, () -> new OracleParams(s, Oracle.MAX_REL + 1, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(2, () -> new OracleParams(s, 3, 0, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(2, () -> new OracleParams(s, 3, Oracle.MAX_REL + 1, 1, 100, 2, 4, 5, 10, 2, 5));
        assertParams(3, () -> new OracleParams(s, 3, 2, 0, 100, 2, 4, 5, 10, 2, 5));
        assertParams(4, () -> new OracleParams(s, 3, 2, 10, 9, 2, 4, 5, 10, 2, 5));
        assertParams(4, () -> new OracleParams(s, 3, 2, 1, Oracle.MAX_PRICE + 1, 2, 4, 5, 10, 2, 5));
        assertParams(5, () -> new OracleParams(s, 3, 2, 1, 100, -1, 4, 5, 10, 2, 5));
        assertParams(6, () -> new OracleParams(s, 3, 2, 1, 100, 2, -1, 5, 10, 2, 5));
        assertParams(7, () -> new OracleParams(s, 3, 2, 1, 100, 2, 4, -1, 10, 2, 5));
        assertParams(8, () -> new OracleParams(s, 3, 2, 1, 100, 2, 4, 5, -1, 2, 5));
        assertParams(9, () -> new OracleParams(s, 3, 2, 1, 100, 2, 4, 5, 10, 0, 5));
        assertParams(10, () -> new OracleParams(s, 3, 2, 1, 100, 2, 4, 5, 10, 2, -1));
        assertParams(-1, () -> new Oracle(null));
        assertTrue(OracleParams.valid(s, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5));
        assertFalse(OracleParams.valid(s, 3, 2, 1, 100, 2, 4, 5, 10, 2, -1));
        // the params copy the stake vector
        long[] mine = {5, 6};
        OracleParams p = new OracleParams(mine, 3, 2, 1, 100, 2, 4, 5, 10, 2, 5);
        mine[0] = 7;
        assertEquals(5, p.stake(0));
    }

    static void assertParams(long field, Runnable op) {
        OracleException e = assertThrows(OracleException.class, op::run);
        assertEquals(Reason.INVALID_PARAMS, e.reason());
        assertEquals(field, e.first());
    }

    @Test
    void extremeWeightsDoNotOverflow() {
        long[] s = new long[Oracle.MAX_REPORTERS];
        java.util.Arrays.fill(s, Oracle.MAX_STAKE);
        OracleParams p = new OracleParams(s, Oracle.MAX_REL, 1, 1, Oracle.MAX_PRICE, 0, 0, 0,
                Oracle.MAX_PRICE, Oracle.MAX_ROUND, Oracle.MAX_ROUND);
        Oracle o = new Oracle(p);
        assertEquals(Oracle.MAX_TOTAL_WEIGHT, o.totalWeight());
        assertTrue(3 * Oracle.MAX_TOTAL_WEIGHT > 0);
        for (int r = 0; r < s.length; r++) {
            o.report(r, r < s.length / 2 ? 1 : Oracle.MAX_PRICE);
        }
        assertEquals(Oracle.MAX_TOTAL_WEIGHT, o.freshWeight());
        o.aggregate();
        assertEquals(1, o.price()); // lower median: exactly half the weight at 1
    }

    @Test
    void fromStateRoundTripAndRejections() {
        OracleParams p = params(10);
        Oracle o = Oracle.fromState(p, 3, new long[] {0, 50, -1, 100}, new long[] {0, 1, 2, 3}, 40, 2, 60, 3, true,
                List.of(new Evidence(2, 3), new Evidence(0, 3)));
        assertEquals(3, o.round());
        assertArrayEquals(new long[] {0, 50, -1, 100}, o.reports());
        assertArrayEquals(new long[] {0, 1, 2, 3}, o.rel());
        assertEquals(40, o.price());
        assertEquals(2, o.priceRound());
        assertEquals(60, o.pending());
        assertEquals(3, o.pendingRound());
        assertTrue(o.aggregated());
        assertEquals(List.of(new Evidence(0, 3), new Evidence(2, 3)), o.evidence()); // by reporter index
        assertTrue(o.sameState(o.copy()));
        long[] rep = {0, 0, 0, 0};
        long[] rel = {3, 3, 3, 3};
        List<Evidence> none = List.of();
        state(() -> Oracle.fromState(p, -1, rep, rel, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 11, rep, rel, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, new long[3], rel, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, null, rel, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, new long[] {3, 3, 3, 4}, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, new long[] {3, 3, -1, 3}, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, new long[] {0, -2, 0, 0}, rel, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, new long[] {0, 101, 0, 0}, rel, 0, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 50, -1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, 0, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 50, 1, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 101, 0, 0, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 50, -1, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 0, 0, false, none));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 0, -1, false, null));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 0, -1, false, List.of(new Evidence(4, 0))));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 0, -1, false, List.of(new Evidence(0, 1))));
        state(() -> Oracle.fromState(p, 1, rep, rel, 0, -1, 0, -1, false, List.of(new Evidence(0, 0)))); // an earlier round
        state(() -> Oracle.fromState(p, 1, rep, rel, 0, -1, 0, -1, false,
                List.of(new Evidence(0, 1), new Evidence(0, 1))));
        java.util.ArrayList<Evidence> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 0, -1, false, withNull));
        state(() -> Oracle.fromState(p, 0, rep, rel, 0, -1, 0, -1, false, List.of(new Evidence(-1, 0))));
        OracleException e = assertThrows(OracleException.class,
                () -> Oracle.fromState(null, 0, rep, rel, 0, -1, 0, -1, false, none));
        assertEquals(Reason.INVALID_PARAMS, e.reason());
        assertFalse(Oracle.validState(p, 0, rep, rel, 0, 0, 0, -1, none));
        assertTrue(Oracle.validState(p, 0, rep, rel, 0, -1, 0, -1, none));
    }

    static void state(Runnable op) {
        OracleException e = assertThrows(OracleException.class, op::run);
        assertEquals(Reason.INVALID_STATE, e.reason(), e.getMessage());
    }

    @Test
    void fromStateCopiesArrays() {
        long[] rep = {0, 50, 0, 0};
        Oracle o = Oracle.fromState(params(10), 0, rep, new long[] {3, 3, 3, 3}, 0, -1, 0, -1, false, List.of());
        rep[1] = 60;
        assertEquals(50, o.reportOf(1));
        o.reports()[1] = 70;
        assertEquals(50, o.reportOf(1));
        assertNull(null);
    }

    /**
     * The oracle's memory is fixed: a flood of reports from every reporter, in every round, keeps
     * at most one evidence record per reporter, and each round starts with none.
     */
    @Test
    void evidenceIsBoundedPerReporterAndRound() {
        int rounds = 200;
        OracleParams p = new OracleParams(new long[] {1, 1, 1, 1}, 3, 2, 1, 1000, 2, 4, 5, 10, 2, rounds);
        Oracle o = new Oracle(p);
        int refused = 0;
        for (int k = 0; k < rounds; k++) {
            for (int burst = 0; burst < 50; burst++) {
                for (int r = 0; r < 4; r++) {
                    try {
                        o.report(r, 1 + (burst * 7 + r) % 1000);
                    } catch (OracleException e) {
                        assertEquals(Reason.ALREADY_EQUIVOCATED, e.reason());
                        refused++;
                    }
                }
            }
            assertEquals(4, o.evidence().size()); // one record per reporter, whatever the flood
            for (int r = 0; r < 4; r++) {
                assertEquals(new Evidence(r, k), o.evidence().get(r));
                assertTrue(o.evidenced(r));
            }
            if (k < rounds - 1) {
                o.advanceRound();
                assertEquals(List.of(), o.evidence()); // the finished round's evidence is dropped
            }
        }
        assertEquals(rounds * 4 * 48, refused);
    }

    @Test
    void evidenceValueClass() {
        Evidence e = new Evidence(2, 7);
        assertEquals(2, e.reporter());
        assertEquals(7, e.round());
        assertEquals(new Evidence(2, 7), e);
        assertEquals(new Evidence(2, 7).hashCode(), e.hashCode());
        assertFalse(e.equals(new Evidence(7, 2)));
        assertFalse(e.equals(new Evidence(2, 8)));
        assertFalse(e.equals("Evidence[reporter=2, round=7]"));
        assertEquals("Evidence[reporter=2, round=7]", e.toString());
    }

    static void allReport(Oracle o, long px) {
        for (int r = 0; r < o.reporters(); r++) {
            o.report(r, px);
        }
    }
}
