package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleParams;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The signed-report shell: every refusal reason, state unchanged, domain separation (chain, feed,
 * purpose), replay, bounded memory under a flood, equivocation proofs, and fuzzed messages.
 */
class OracleGatewayTest {
    static final int N = 4;
    static final long CHAIN = 7;
    static final long FEED = 42;
    static final List<java.security.KeyPair> KEYS = new ArrayList<>();
    static final List<OracleReportSigner> SIGNERS = new ArrayList<>();

    static {
        for (int r = 0; r < N; r++) {
            KEYS.add(OracleReportSigner.generateKeys());
            SIGNERS.add(new OracleReportSigner(r, KEYS.get(r), CHAIN, FEED));
        }
    }

    final Oracle oracle = new Oracle(new OracleParams(new long[] {1, 1, 1, 1}, 3, 2, 10, 10_000, 5, 10, 5, 100, 2, 100));
    final OracleGateway gateway = new OracleGateway(oracle, keys(), CHAIN, FEED);
    /**
     * Each reporter's first price the gateway accepted in round 0: the message it keeps, against
     * which it judges replays (a later accepted one is an equivocation, kept as evidence).
     */
    final Map<Integer, Integer> firstAccepted = new HashMap<>();

    static List<PublicKey> keys() {
        List<PublicKey> k = new ArrayList<>();
        for (OracleReportSigner s : SIGNERS) {
            k.add(s.publicKey());
        }
        return k;
    }

    /** A payload with arbitrary (possibly invalid) fields. */
    static byte[] payload(int magic, byte version, long chain, long feed, int reporter, int round, long price) {
        return ByteBuffer.allocate(OracleReportCodec.PAYLOAD_BYTES).putInt(magic).put(version).putLong(chain)
                .putLong(feed).putInt(reporter).putInt(round).putLong(price).array();
    }

    static byte[] withSignature(byte[] payload, byte[] signature) {
        byte[] out = Arrays.copyOf(payload, OracleReportCodec.MESSAGE_BYTES);
        System.arraycopy(signature, 0, out, OracleReportCodec.PAYLOAD_BYTES, 64);
        return out;
    }

    /** A payload with arbitrary (possibly invalid) fields, signed by {@code signer} (purpose tag included). */
    static byte[] raw(OracleReportSigner signer, int magic, byte version, int reporter, int round, long price) {
        byte[] payload = payload(magic, version, CHAIN, FEED, reporter, round, price);
        return withSignature(payload, signer.signPayload(payload));
    }

    static byte[] raw(OracleReportSigner signer, int reporter, int round, long price) {
        return raw(signer, OracleReportCodec.MAGIC, OracleReportCodec.VERSION, reporter, round, price);
    }

    void refused(OracleGatewayException.Reason reason, byte[] message) {
        refusedBy(gateway, reason, message);
    }

    static void refusedBy(OracleGateway gateway, OracleGatewayException.Reason reason, byte[] message) {
        Oracle oracle = gateway.oracle();
        Oracle before = oracle.copy();
        OracleGatewayException e = assertThrows(OracleGatewayException.class, () -> gateway.submit(message));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(oracle.sameState(before), "a refused message changed the oracle");
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void acceptsAValidSignedReport() {
        byte[] msg = SIGNERS.get(2).sign(0, 1234);
        assertEquals(OracleReportCodec.MESSAGE_BYTES, msg.length);
        assertEquals(new OracleReport(CHAIN, FEED, 2, 0, 1234), gateway.submit(msg));
        assertEquals(1234, oracle.reportOf(2));
        // the encoding is canonical and deterministic (Ed25519 signatures are deterministic)
        assertArrayEquals(msg, SIGNERS.get(2).sign(0, 1234));
        assertEquals(new OracleReport(CHAIN, FEED, 2, 0, 1234), OracleReportCodec.decode(msg).report());
        // the signed bytes start with the purpose tag and name the chain and the feed
        byte[] signed = OracleReportCodec.signingBytes(OracleReportCodec.decode(msg).payload());
        assertArrayEquals(OracleReportCodec.SIGN_DOMAIN, Arrays.copyOf(signed, OracleReportCodec.SIGN_DOMAIN.length));
        ByteBuffer b = ByteBuffer.wrap(signed, OracleReportCodec.SIGN_DOMAIN.length + 5, 16);
        assertEquals(CHAIN, b.getLong());
        assertEquals(FEED, b.getLong());
    }

    @Test
    void badSignature() {
        byte[] msg = SIGNERS.get(1).sign(0, 500);
        byte[] flippedSig = msg.clone();
        flippedSig[OracleReportCodec.MESSAGE_BYTES - 1] ^= 1;
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, flippedSig);
        byte[] flippedPrice = msg.clone();
        flippedPrice[OracleReportCodec.PAYLOAD_BYTES - 1] ^= 1; // price 500 -> 501, signature of 500
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, flippedPrice);
        // reporter 1's report signed by reporter 3's key
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, raw(SIGNERS.get(3), 1, 0, 500));
        byte[] zeros = msg.clone();
        Arrays.fill(zeros, OracleReportCodec.PAYLOAD_BYTES, OracleReportCodec.MESSAGE_BYTES, (byte) 0);
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, zeros);
    }

    @Test
    void unknownReporter() {
        refused(OracleGatewayException.Reason.UNKNOWN_REPORTER, raw(SIGNERS.get(0), N, 0, 500));
        refused(OracleGatewayException.Reason.UNKNOWN_REPORTER, raw(SIGNERS.get(0), Integer.MAX_VALUE, 0, 500));
        refused(OracleGatewayException.Reason.UNKNOWN_REPORTER, raw(SIGNERS.get(0), -1, 0, 500));
    }

    @Test
    void reportForAnotherRound() {
        refused(OracleGatewayException.Reason.WRONG_ROUND, SIGNERS.get(0).sign(1, 500));
        oracle.advanceRound();
        refused(OracleGatewayException.Reason.WRONG_ROUND, SIGNERS.get(0).sign(0, 500)); // replay of an old round
        gateway.submit(SIGNERS.get(0).sign(1, 500));
        refused(OracleGatewayException.Reason.MALFORMED, raw(SIGNERS.get(0), 0, -1, 500));
    }

    @Test
    void malformedAndOversized() {
        byte[] msg = SIGNERS.get(0).sign(0, 500);
        refused(OracleGatewayException.Reason.MALFORMED, null);
        refused(OracleGatewayException.Reason.MALFORMED, new byte[0]);
        refused(OracleGatewayException.Reason.MALFORMED, Arrays.copyOf(msg, msg.length - 1));
        refused(OracleGatewayException.Reason.OVERSIZED, Arrays.copyOf(msg, msg.length + 1));
        refused(OracleGatewayException.Reason.OVERSIZED, new byte[1 << 20]);
        refused(OracleGatewayException.Reason.MALFORMED, raw(SIGNERS.get(0), 0x42574F53, (byte) 1, 0, 0, 500));
        refused(OracleGatewayException.Reason.MALFORMED, raw(SIGNERS.get(0), OracleReportCodec.MAGIC, (byte) 1, 0, 0, 500));
        refused(OracleGatewayException.Reason.MALFORMED, raw(SIGNERS.get(0), OracleReportCodec.MAGIC, (byte) 3, 0, 0, 500));
        assertThrows(OracleGatewayException.class, () -> OracleReportCodec.encode(new OracleReport(CHAIN, FEED, 0, 0, 5), new byte[63]));
    }

    @Test
    void pricesOutOfRange() {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Oracle.MAX_PRICE + 1}) {
            refused(OracleGatewayException.Reason.PRICE_OUT_OF_RANGE, raw(SIGNERS.get(0), 0, 0, bad));
        }
        // valid ticks, outside this oracle's MinPrice..MaxPrice (10..10000)
        refused(OracleGatewayException.Reason.PRICE_OUT_OF_RANGE, SIGNERS.get(0).sign(0, 9));
        refused(OracleGatewayException.Reason.PRICE_OUT_OF_RANGE, SIGNERS.get(0).sign(0, 10_001));
        refused(OracleGatewayException.Reason.PRICE_OUT_OF_RANGE, SIGNERS.get(0).sign(0, Oracle.MAX_PRICE));
        assertThrows(OracleGatewayException.class, () -> SIGNERS.get(0).sign(0, 0));
    }

    @Test
    void oracleRefusalsArePassedOnTyped() {
        gateway.submit(SIGNERS.get(0).sign(0, 500));
        refused(OracleGatewayException.Reason.REPLAYED, SIGNERS.get(0).sign(0, 500));
        // a gateway that did not see the first report (a restart) passes the oracle's refusal on
        OracleGateway restarted = new OracleGateway(oracle, keys(), CHAIN, FEED);
        OracleGatewayException dup = assertThrows(OracleGatewayException.class,
                () -> restarted.submit(SIGNERS.get(0).sign(0, 500)));
        assertEquals(OracleGatewayException.Reason.REFUSED_BY_ORACLE, dup.reason());
        assertEquals(dev.bulwark.oracle.Reason.DUPLICATE_REPORT, dup.oracleReason());
        gateway.submit(SIGNERS.get(0).sign(0, 501)); // a second, different signed report: equivocation
        assertEquals(Oracle.EQUIVOCATED, oracle.reportOf(0));
        assertEquals(1, oracle.evidence().size());
        OracleGatewayException eq = assertThrows(OracleGatewayException.class,
                () -> gateway.submit(SIGNERS.get(0).sign(0, 502)));
        assertEquals(dev.bulwark.oracle.Reason.ALREADY_EQUIVOCATED, eq.oracleReason());
        for (int r = 1; r < N; r++) {
            gateway.submit(SIGNERS.get(r).sign(0, 500));
        }
        oracle.aggregate();
        OracleGatewayException late = assertThrows(OracleGatewayException.class,
                () -> gateway.submit(SIGNERS.get(1).sign(0, 400)));
        assertEquals(dev.bulwark.oracle.Reason.REPORT_AFTER_AGGREGATE, late.oracleReason());
        OracleGatewayException plain = new OracleGatewayException(OracleGatewayException.Reason.MALFORMED, 1, 2);
        assertNull(plain.oracleReason());
        assertEquals("MALFORMED (1, 2)", plain.getMessage());
    }

    @Test
    void gatewayNeedsOneKeyPerReporter() {
        assertThrows(IllegalArgumentException.class, () -> new OracleGateway(oracle, keys().subList(0, 3), CHAIN, FEED));
        assertThrows(IllegalArgumentException.class, () -> new OracleGateway(null, keys(), CHAIN, FEED));
    }

    // ------------------------------------------------------------------------------------------
    // Domain separation

    /** A report signed for feed A is refused on feed B (same chain, same reporter keys), typed. */
    @Test
    void aReportForAnotherFeedIsRefused() {
        Oracle oracleB = new Oracle(oracle.params());
        OracleGateway feedB = new OracleGateway(oracleB, keys(), CHAIN, FEED + 1);
        byte[] forA = SIGNERS.get(1).sign(0, 700);
        refusedBy(feedB, OracleGatewayException.Reason.WRONG_FEED, forA);
        // the feed field rewritten to B: the signature (over feed A) no longer verifies
        byte[] rewritten = forA.clone();
        ByteBuffer.wrap(rewritten).putLong(13, FEED + 1);
        refusedBy(feedB, OracleGatewayException.Reason.BAD_SIGNATURE, rewritten);
        // the same key signing for feed B is accepted there, and refused on feed A
        OracleReportSigner forFeedB = new OracleReportSigner(1, KEYS.get(1), CHAIN, FEED + 1);
        feedB.submit(forFeedB.sign(0, 700));
        assertEquals(700, oracleB.reportOf(1));
        refused(OracleGatewayException.Reason.WRONG_FEED, forFeedB.sign(0, 700));
        gateway.submit(forA);
        assertEquals(700, oracle.reportOf(1));
    }

    /** A report signed for chain A is refused on chain B (same feed, same reporter keys), typed. */
    @Test
    void aReportForAnotherChainIsRefused() {
        Oracle oracleB = new Oracle(oracle.params());
        OracleGateway chainB = new OracleGateway(oracleB, keys(), CHAIN + 1, FEED);
        byte[] forA = SIGNERS.get(2).sign(0, 800);
        refusedBy(chainB, OracleGatewayException.Reason.WRONG_CHAIN, forA);
        byte[] rewritten = forA.clone();
        ByteBuffer.wrap(rewritten).putLong(5, CHAIN + 1);
        refusedBy(chainB, OracleGatewayException.Reason.BAD_SIGNATURE, rewritten);
        OracleReportSigner forChainB = new OracleReportSigner(2, KEYS.get(2), CHAIN + 1, FEED);
        chainB.submit(forChainB.sign(0, 800));
        refused(OracleGatewayException.Reason.WRONG_CHAIN, forChainB.sign(0, 800));
        assertEquals(Oracle.NO_REPORT, oracle.reportOf(2));
    }

    /** A signature over the payload without the purpose tag, or under another protocol's tag, is refused. */
    @Test
    void signaturesWithoutTheOraclePurposeAreRefused() throws Exception {
        byte[] payload = OracleReportCodec.payload(new OracleReport(CHAIN, FEED, 0, 0, 900));
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, withSignature(payload, SIGNERS.get(0).signRaw(payload)));
        byte[] consensusTag = ConsensusCodec.purposeTag(dev.bulwark.consensus.MessageType.PREVOTE);
        byte[] consensusTagged = Arrays.copyOf(consensusTag, consensusTag.length + payload.length);
        System.arraycopy(payload, 0, consensusTagged, consensusTag.length, payload.length);
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, withSignature(payload, SIGNERS.get(0).signRaw(consensusTagged)));
        gateway.submit(withSignature(payload, SIGNERS.get(0).signPayload(payload)));
        assertEquals(900, oracle.reportOf(0));
    }

    // ------------------------------------------------------------------------------------------
    // Replay, equivocation proofs, bounds

    /** A replayed report is refused before its signature is checked, whatever signature it carries. */
    @Test
    void replaysAreRefused() {
        byte[] msg = SIGNERS.get(3).sign(0, 600);
        gateway.submit(msg);
        refused(OracleGatewayException.Reason.REPLAYED, msg);
        byte[] garbageSignature = msg.clone();
        Arrays.fill(garbageSignature, OracleReportCodec.PAYLOAD_BYTES, OracleReportCodec.MESSAGE_BYTES, (byte) 7);
        refused(OracleGatewayException.Reason.REPLAYED, garbageSignature);
        assertEquals(1, gateway.retainedReports());
        oracle.advanceRound();
        refused(OracleGatewayException.Reason.WRONG_ROUND, msg); // an old round: the replay set was pruned
        assertEquals(0, gateway.retainedReports());
    }

    /** An equivocation leaves a proof anyone with the reporter's key can check, for this chain and feed only. */
    @Test
    void equivocationsLeaveCheckableProofs() {
        byte[] first = SIGNERS.get(1).sign(0, 500);
        byte[] second = SIGNERS.get(1).sign(0, 510);
        gateway.submit(first);
        gateway.submit(second);
        assertEquals(Oracle.EQUIVOCATED, oracle.reportOf(1));
        assertEquals(1, gateway.retainedEquivocations());
        List<OracleEquivocation> proofs = gateway.takeEquivocations();
        assertEquals(List.of(new OracleEquivocation(1, 0, first, second)), proofs);
        OracleEquivocation p = proofs.get(0);
        assertTrue(p.proves(SIGNERS.get(1).publicKey(), CHAIN, FEED));
        assertFalse(p.proves(SIGNERS.get(2).publicKey(), CHAIN, FEED));
        assertFalse(p.proves(SIGNERS.get(1).publicKey(), CHAIN, FEED + 1));
        assertFalse(p.proves(SIGNERS.get(1).publicKey(), CHAIN + 1, FEED));
        assertFalse(new OracleEquivocation(1, 0, first, first).proves(SIGNERS.get(1).publicKey(), CHAIN, FEED));
        assertFalse(new OracleEquivocation(1, 1, first, second).proves(SIGNERS.get(1).publicKey(), CHAIN, FEED));
        assertEquals(0, gateway.retainedEquivocations()); // taken
        assertTrue(gateway.takeEquivocations().isEmpty());
    }

    /**
     * A flood from every reporter (all Byzantine): in each of many rounds, a burst of distinct
     * signed reports and replays of them.  The replay set never holds more than one message per
     * reporter and only for the current round; the equivocation proofs never exceed one per
     * reporter per round for the last EVIDENCE_ROUNDS rounds; the oracle keeps one evidence
     * record per reporter per round.
     */
    @Test
    void aFloodStaysWithinTheStatedBounds() {
        int rounds = OracleGateway.EVIDENCE_ROUNDS + 14;
        int refusedByOracle = 0;
        int replays = 0;
        for (int k = 0; k < rounds; k++) {
            for (int burst = 0; burst < 5; burst++) {
                for (int r = 0; r < N; r++) {
                    byte[] m = SIGNERS.get(r).sign(k, 100 + burst);
                    try {
                        gateway.submit(m);
                    } catch (OracleGatewayException e) {
                        assertEquals(OracleGatewayException.Reason.REFUSED_BY_ORACLE, e.reason());
                        assertEquals(dev.bulwark.oracle.Reason.ALREADY_EQUIVOCATED, e.oracleReason());
                        refusedByOracle++;
                    }
                    for (int again = 0; again < 3; again++) {
                        OracleGatewayException e = assertThrows(OracleGatewayException.class, () -> gateway.submit(m));
                        if (e.reason() == OracleGatewayException.Reason.REPLAYED) {
                            replays++;
                        }
                    }
                    assertTrue(gateway.retainedReports() <= N);
                    assertTrue(gateway.retainedEquivocations() <= N * Math.min(k + 1, OracleGateway.EVIDENCE_ROUNDS));
                }
            }
            assertEquals(N, gateway.retainedReports());
            assertEquals(N, oracle.evidence().size());
            assertEquals(N * Math.min(k + 1, OracleGateway.EVIDENCE_ROUNDS), gateway.retainedEquivocations());
            oracle.advanceRound();
            assertEquals(0, gateway.retainedReports());
            assertTrue(oracle.evidence().isEmpty());
        }
        assertEquals(rounds * N * 3, refusedByOracle); // bursts 2..4 of every reporter, every round
        assertEquals(rounds * N * 3, replays); // replays of the first report (the others are refused as equivocated)
        // now in round `rounds`: proofs of rounds rounds-15 .. rounds-1 are kept, older ones pruned
        List<OracleEquivocation> kept = gateway.takeEquivocations();
        assertEquals(N * (OracleGateway.EVIDENCE_ROUNDS - 1), kept.size());
        assertEquals(rounds - OracleGateway.EVIDENCE_ROUNDS + 1, kept.get(0).round());
        assertEquals(rounds - 1, kept.get(kept.size() - 1).round());
    }

    /** Any single-bit flip of a valid message is refused (and changes nothing). */
    @Property(tries = 400)
    void bitFlipsAreRefused(@ForAll @IntRange(min = 0, max = OracleReportCodec.MESSAGE_BYTES * 8 - 1) int bit,
                            @ForAll @IntRange(min = 0, max = N - 1) int r) {
        byte[] msg = SIGNERS.get(r).sign(0, 700);
        msg[bit / 8] ^= (byte) (1 << (bit % 8));
        Oracle before = oracle.copy();
        assertThrows(OracleGatewayException.class, () -> gateway.submit(msg));
        assertTrue(oracle.sameState(before));
    }

    /**
     * Well-signed reports with random fields: accepted exactly when the round is current, the
     * price in MinPrice..MaxPrice and the oracle's guard holds; the refusal reason names the
     * first failing check otherwise.
     */
    @Property(tries = 300)
    void signedReportsAreAcceptedExactlyWhenValid(@ForAll @IntRange(min = 0, max = N - 1) int r,
                                                  @ForAll @IntRange(min = 0, max = 2) int round,
                                                  @ForAll @IntRange(min = 1, max = 10_010) int price,
                                                  @ForAll @IntRange(min = 0, max = 2) int priorReports) {
        for (int i = 0; i < priorReports; i++) {
            try {
                gateway.submit(SIGNERS.get(r).sign(0, 500 + i));
                firstAccepted.putIfAbsent(r, 500 + i);
            } catch (OracleGatewayException ignored) {
                // a refused prior report is part of the scenario
            }
        }
        boolean oracleWould = oracle.canReport(r, price);
        Oracle before = oracle.copy();
        byte[] msg = SIGNERS.get(r).sign(round, price);
        // a replay is the reporter's first accepted report again (round 0 is the current round;
        // the gateway and this map live as long as the test instance, across tries)
        boolean replay = round == 0 && firstAccepted.containsKey(r) && firstAccepted.get(r) == price;
        if (round == 0 && price >= 10 && price <= 10_000 && oracleWould && !replay) {
            assertEquals(new OracleReport(CHAIN, FEED, r, round, price), gateway.submit(msg));
            firstAccepted.putIfAbsent(r, price);
            assertTrue(oracle.reportOf(r) == price || oracle.reportOf(r) == Oracle.EQUIVOCATED);
        } else {
            OracleGatewayException e = assertThrows(OracleGatewayException.class, () -> gateway.submit(msg));
            OracleGatewayException.Reason expected = replay ? OracleGatewayException.Reason.REPLAYED
                    : round != 0 ? OracleGatewayException.Reason.WRONG_ROUND
                    : price < 10 || price > 10_000 ? OracleGatewayException.Reason.PRICE_OUT_OF_RANGE
                    : OracleGatewayException.Reason.REFUSED_BY_ORACLE;
            assertEquals(expected, e.reason());
            assertTrue(oracle.sameState(before));
        }
    }

    /** Random bytes of any length up to twice a message are refused. */
    @Property(tries = 400)
    void randomBytesAreRefused(@ForAll byte[] junk) {
        Oracle before = oracle.copy();
        assertThrows(OracleGatewayException.class, () -> gateway.submit(junk));
        assertTrue(oracle.sameState(before));
    }
}
