package dev.bulwark.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleParams;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The signed-report shell: every refusal reason, state unchanged, and fuzzed messages. */
class OracleGatewayTest {
    static final int N = 4;
    static final List<OracleReportSigner> SIGNERS = new ArrayList<>();

    static {
        for (int r = 0; r < N; r++) {
            SIGNERS.add(OracleReportSigner.create(r));
        }
    }

    final Oracle oracle = new Oracle(new OracleParams(new long[] {1, 1, 1, 1}, 3, 3, 2, 10, 10_000, 5, 10, 5, 100, 2, 5));
    final OracleGateway gateway = new OracleGateway(oracle, keys());

    static List<PublicKey> keys() {
        List<PublicKey> k = new ArrayList<>();
        for (OracleReportSigner s : SIGNERS) {
            k.add(s.publicKey());
        }
        return k;
    }

    /** A payload with arbitrary (possibly invalid) fields, signed by {@code signer}. */
    static byte[] raw(OracleReportSigner signer, int magic, byte version, int reporter, int round, long price) {
        byte[] payload = ByteBuffer.allocate(OracleReportCodec.PAYLOAD_BYTES).putInt(magic).put(version)
                .putInt(reporter).putInt(round).putLong(price).array();
        byte[] out = Arrays.copyOf(payload, OracleReportCodec.MESSAGE_BYTES);
        System.arraycopy(signer.signPayload(payload), 0, out, OracleReportCodec.PAYLOAD_BYTES, 64);
        return out;
    }

    static byte[] raw(OracleReportSigner signer, int reporter, int round, long price) {
        return raw(signer, OracleReportCodec.MAGIC, OracleReportCodec.VERSION, reporter, round, price);
    }

    void refused(OracleGatewayException.Reason reason, byte[] message) {
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
        assertEquals(new OracleReport(2, 0, 1234), gateway.submit(msg));
        assertEquals(1234, oracle.reportOf(2));
        // the encoding is canonical and deterministic (Ed25519 signatures are deterministic)
        assertArrayEquals(msg, SIGNERS.get(2).sign(0, 1234));
        assertEquals(new OracleReport(2, 0, 1234), OracleReportCodec.decode(msg).report());
    }

    @Test
    void badSignature() {
        byte[] msg = SIGNERS.get(1).sign(0, 500);
        byte[] flippedSig = msg.clone();
        flippedSig[OracleReportCodec.MESSAGE_BYTES - 1] ^= 1;
        refused(OracleGatewayException.Reason.BAD_SIGNATURE, flippedSig);
        byte[] flippedPrice = msg.clone();
        flippedPrice[20] ^= 1; // price 500 -> 501, signature of 500
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
        refused(OracleGatewayException.Reason.MALFORMED, raw(SIGNERS.get(0), OracleReportCodec.MAGIC, (byte) 2, 0, 0, 500));
        assertThrows(OracleGatewayException.class, () -> OracleReportCodec.encode(new OracleReport(0, 0, 5), new byte[63]));
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
        OracleGatewayException dup = assertThrows(OracleGatewayException.class,
                () -> gateway.submit(SIGNERS.get(0).sign(0, 500)));
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
        assertThrows(IllegalArgumentException.class, () -> new OracleGateway(oracle, keys().subList(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> new OracleGateway(null, keys()));
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
            } catch (OracleGatewayException ignored) {
                // a refused prior report is part of the scenario
            }
        }
        boolean oracleWould = oracle.canReport(r, price);
        Oracle before = oracle.copy();
        byte[] msg = SIGNERS.get(r).sign(round, price);
        if (round == 0 && price >= 10 && price <= 10_000 && oracleWould) {
            assertEquals(new OracleReport(r, round, price), gateway.submit(msg));
            assertTrue(oracle.reportOf(r) == price || oracle.reportOf(r) == Oracle.EQUIVOCATED);
        } else {
            OracleGatewayException e = assertThrows(OracleGatewayException.class, () -> gateway.submit(msg));
            OracleGatewayException.Reason expected = round != 0 ? OracleGatewayException.Reason.WRONG_ROUND
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
