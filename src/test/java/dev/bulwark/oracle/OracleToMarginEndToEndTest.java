package dev.bulwark.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginException;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.net.OracleGateway;
import dev.bulwark.net.OracleGatewayException;
import dev.bulwark.net.OraclePriceFeed;
import dev.bulwark.net.OracleReportSigner;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed reports -&gt; OracleGateway -&gt; Oracle.aggregate -&gt; usablePrice() -&gt;
 * MarginEngine.setPrice -&gt; a liquidation becomes possible and is executed.  Also: a faulty
 * reporter's extreme (signed, valid) report cannot trigger a liquidation, and a stale oracle
 * offers no price.
 */
class OracleToMarginEndToEndTest {
    static final int REPORTERS = 4; // reporter 3 is faulty
    static final long START = 100_000;
    static final long CHAIN = 1;
    static final long FEED = 1;

    final List<OracleReportSigner> signers = new ArrayList<>();
    final Oracle oracle;
    final OracleGateway gateway;
    final MarginEngine engine;

    OracleToMarginEndToEndTest() {
        List<PublicKey> keys = new ArrayList<>();
        for (int r = 0; r < REPORTERS; r++) {
            signers.add(OracleReportSigner.create(r, CHAIN, FEED));
            keys.add(signers.get(r).publicKey());
        }
        // prices within the margin engine's range; MaxJump 10%, usable for 2 rounds
        oracle = new Oracle(new OracleParams(new long[] {1, 1, 1, 1}, 3, 2, 1, MarginEngine.MAX_PRICE, 100, 200,
                1_000, 10_000, 2, 100));
        gateway = new OracleGateway(oracle, keys, CHAIN, FEED);
        engine = new MarginEngine(MarginParams.defaults(), 3, START);
        // account 0: long 10 lots at 100,000 with just over 10% initial margin; 1: the short; 2: a liquidator
        engine.deposit(0, 101_000);
        engine.deposit(1, 10_000_000);
        engine.deposit(2, 10_000_000);
        engine.trade(0, 1, 10, START);
    }

    /** One oracle round from signed messages; pushes the usable price to the engine if it moved. */
    long round(long honest0, long honest1, long honest2, long faulty) {
        long[] px = {honest0, honest1, honest2, faulty};
        for (int r = 0; r < REPORTERS; r++) {
            gateway.submit(signers.get(r).sign(oracle.round(), px[r]));
        }
        oracle.aggregate();
        long usable = oracle.usablePrice();
        if (usable != Oracle.NO_PRICE && usable != engine.price()) {
            engine.setPrice(usable);
        }
        return usable;
    }

    @Test
    void signedReportsDriveALiquidation() {
        assertEquals(START, round(100_010, 99_990, 100_000, 100_020));
        assertEquals(START, engine.price());
        assertFalse(engine.liquidatable(0));
        oracle.advanceRound();
        // the market drops 6%: equity 101,000 - 60,000 = 41,000 < 5% of 940,000 = 47,000
        assertEquals(94_000, round(94_000, 94_050, 93_950, 94_020));
        assertEquals(94_000, engine.price());
        assertTrue(engine.liquidatable(0));
        assertTrue(engine.canLiquidate(0, 2, 10, 94_000));
        engine.liquidate(0, 2, 10, 94_000);
        assertEquals(0, engine.position(0));
        assertEquals(10, engine.position(2));
        assertFalse(engine.liquidatable(0));
    }

    @Test
    void aFaultyReporterCannotForceALiquidation() {
        round(100_010, 99_990, 100_000, 100_020);
        oracle.advanceRound();
        // the faulty reporter signs the lowest price: the median stays in the honest range
        long usable = round(99_950, 100_000, 100_050, 1);
        assertEquals(99_950, usable); // lower weighted median of {1, 99950, 100000, 100050}
        assertFalse(engine.liquidatable(0));
        MarginException e = assertThrows(MarginException.class, () -> engine.liquidate(0, 2, 10, 99_950));
        assertEquals(dev.bulwark.margin.Reason.NOT_LIQUIDATABLE, e.reason());
        assertEquals(1, oracle.relOf(3), "the deviating reporter lost Penalty = 2");
        assertEquals(3, oracle.relOf(0), "honest reporters stay at MaxRel");
        // a forged report in the faulty reporter's name (signed by another key) never reaches the oracle
        oracle.advanceRound();
        byte[] forged = signers.get(3).sign(oracle.round(), 50_000);
        forged[forged.length - 1] ^= 1;
        OracleGatewayException refused = assertThrows(OracleGatewayException.class, () -> gateway.submit(forged));
        assertEquals(OracleGatewayException.Reason.BAD_SIGNATURE, refused.reason());
    }

    /**
     * A confirmed oracle move (held one round, confirmed the next) is not bounded by MaxJump, and
     * reaches the engine as one SetPrice of exactly the oracle's price (as OracleMargin.tla
     * models it); so the feed only accepts an engine whose MaxPriceStep covers the oracle's price
     * range.  Without a usable price the feed halts the market.
     */
    @Test
    void aConfirmedJumpReachesTheEngineInOneSetPriceAndStalenessHalts() {
        MarginParams d = MarginParams.defaults();
        MarginParams wideStep = new MarginParams(d.maxTradeLots, d.maxLots, d.maxCollateral, d.maxNetDeposits,
                d.minPrice, d.maxPrice, MarginEngine.MAX_PRICE, d.imBps, d.mmBps, d.feeBps, d.bandBps, d.dustLots);
        MarginEngine eng = new MarginEngine(wideStep, 3, START);
        eng.deposit(0, 130_000); // at 88,000: equity 10,000 < maintenance 44,000, not bankrupt
        eng.deposit(1, 10_000_000);
        eng.deposit(2, 10_000_000);
        eng.trade(0, 1, 10, START);
        OraclePriceFeed feed = new OraclePriceFeed(oracle, eng);
        allSigned(100_000);
        oracle.aggregate();
        assertEquals(OraclePriceFeed.Outcome.UNCHANGED, feed.push());
        oracle.advanceRound();
        allSigned(88_000); // -12% > MaxJump 10,000: held
        oracle.aggregate();
        assertEquals(88_000, oracle.pending());
        assertEquals(START, oracle.usablePrice());
        assertEquals(OraclePriceFeed.Outcome.UNCHANGED, feed.push());
        assertFalse(eng.liquidatable(0));
        oracle.advanceRound();
        allSigned(88_000); // confirmed: accepted, a 12,000-tick move
        oracle.aggregate();
        assertEquals(88_000, oracle.usablePrice());
        assertEquals(OraclePriceFeed.Outcome.UPDATED, feed.push());
        assertEquals(88_000, eng.price());
        assertTrue(eng.liquidatable(0));
        eng.liquidate(0, 2, 10, 88_000);
        assertEquals(0, eng.position(0));
        oracle.advanceRound();
        oracle.advanceRound();
        assertEquals(OraclePriceFeed.Outcome.STALE, feed.push()); // the feed halts the market
        assertTrue(eng.isHalted());
        assertEquals(dev.bulwark.margin.Reason.MARKET_HALTED,
                assertThrows(MarginException.class, () -> eng.withdraw(1, 1)).reason());
        assertEquals(OraclePriceFeed.Outcome.STALE, feed.push()); // still stale: stays halted
        assertTrue(eng.isHalted());
        // the next usable aggregate lifts the halt, even at the engine's current price
        allSigned(88_000);
        oracle.aggregate();
        assertEquals(OraclePriceFeed.Outcome.UPDATED, feed.push());
        assertFalse(eng.isHalted());
        eng.withdraw(1, 1);
        // engines whose step bound could refuse a usable price are refused
        assertThrows(IllegalArgumentException.class, () -> new OraclePriceFeed(oracle,
                new MarginEngine(new MarginParams(d.maxTradeLots, d.maxLots, d.maxCollateral, d.maxNetDeposits,
                        d.minPrice, d.maxPrice, 5_000, d.imBps, d.mmBps, d.feeBps, d.bandBps, d.dustLots), 2, START)));
        assertThrows(IllegalArgumentException.class, () -> new OraclePriceFeed(oracle,
                new MarginEngine(new MarginParams(d.maxTradeLots, d.maxLots, d.maxCollateral, d.maxNetDeposits,
                        d.minPrice, 500_000, 500_000, d.imBps, d.mmBps, d.feeBps, d.bandBps, d.dustLots), 2, START)));
    }

    void allSigned(long px) {
        for (int r = 0; r < REPORTERS; r++) {
            gateway.submit(signers.get(r).sign(oracle.round(), px));
        }
    }

    @Test
    void aStaleOracleOffersNoPrice() {
        round(100_010, 99_990, 100_000, 100_020);
        oracle.advanceRound();
        // only two reporters respond: no quorum, no aggregate
        gateway.submit(signers.get(0).sign(oracle.round(), 90_000));
        gateway.submit(signers.get(1).sign(oracle.round(), 90_000));
        assertFalse(oracle.canAggregate());
        assertEquals(START, oracle.usablePrice()); // accepted in round 0, usable in rounds 0..1
        oracle.advanceRound();
        assertEquals(Oracle.NO_PRICE, oracle.usablePrice()); // stale: the margin engine must halt
        assertEquals(START, engine.price()); // and it was never fed a price it should not use
    }
}
