package dev.bulwark.net;

import dev.bulwark.oracle.Oracle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Canonical wire format of a signed price report.  One encoding per report, fixed length, big
 * endian, no optional fields, so that the signed bytes are unique:
 *
 * <pre>
 *   offset  size  field
 *   0       4     magic "BWOR" (0x42574F52)
 *   4       1     version (2)
 *   5       8     chain id (long)
 *   13      8     feed id (long)
 *   21      4     reporter index (int, &gt;= 0)
 *   25      4     round (int, &gt;= 0)
 *   29      8     price in ticks (long, 1..Oracle.MAX_PRICE)
 *   37      64    Ed25519 signature over SIGN_DOMAIN | bytes 0..36
 * </pre>
 *
 * <p>Domain separation: the signed bytes ({@link #signingBytes}) start with the purpose tag
 * {@link #SIGN_DOMAIN} ("bulwark/oracle-report/v2"), so an oracle-report signature can never be
 * taken for a signature of another protocol message (consensus signs under its own tag), and they
 * include the chain id and the feed id, so a report for one chain or feed never verifies as a
 * report for another that shares reporter keys.  The gateway also compares both fields with its
 * own before checking the signature, and refuses a mismatch with a typed reason.
 *
 * <p>A message of any other length, magic or version is refused; so are negative fields and a
 * price outside 1..{@link Oracle#MAX_PRICE} (zero, negative, and the overflow-like extremes).
 */
public final class OracleReportCodec {
    private OracleReportCodec() {}

    public static final int MAGIC = 0x42574F52;
    public static final byte VERSION = 2;
    /** Purpose tag at the start of every signed oracle report. */
    public static final byte[] SIGN_DOMAIN = "bulwark/oracle-report/v2".getBytes(StandardCharsets.US_ASCII);
    /** Length of the payload (the message without its signature). */
    public static final int PAYLOAD_BYTES = 37;
    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 64;
    /** Length of a whole message: payload then signature. */
    public static final int MESSAGE_BYTES = PAYLOAD_BYTES + SIGNATURE_BYTES;
    /** Offset of the price field in the payload. */
    public static final int PRICE_OFFSET = 29;

    /** A decoded message: the report, the exact payload bytes, the signature. */
    public record Signed(OracleReport report, byte[] payload, byte[] signature) {}

    /** The canonical payload of a report. */
    public static byte[] payload(OracleReport report) {
        checkFields(report.reporter(), report.round(), report.priceTicks());
        return ByteBuffer.allocate(PAYLOAD_BYTES)
                .putInt(MAGIC).put(VERSION).putLong(report.chainId()).putLong(report.feedId())
                .putInt(report.reporter()).putInt(report.round()).putLong(report.priceTicks()).array();
    }

    /** The bytes that are signed: the purpose tag, then the payload (which names chain and feed). */
    public static byte[] signingBytes(byte[] payload) {
        byte[] out = Arrays.copyOf(SIGN_DOMAIN, SIGN_DOMAIN.length + payload.length);
        System.arraycopy(payload, 0, out, SIGN_DOMAIN.length, payload.length);
        return out;
    }

    /** Payload followed by the signature. */
    public static byte[] encode(OracleReport report, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new OracleGatewayException(OracleGatewayException.Reason.MALFORMED,
                    signature == null ? -1 : signature.length, SIGNATURE_BYTES);
        }
        byte[] out = Arrays.copyOf(payload(report), MESSAGE_BYTES);
        System.arraycopy(signature, 0, out, PAYLOAD_BYTES, SIGNATURE_BYTES);
        return out;
    }

    /** Parses a message; refuses anything that is not exactly one canonical report. */
    public static Signed decode(byte[] message) {
        if (message == null) {
            throw new OracleGatewayException(OracleGatewayException.Reason.MALFORMED, -1, MESSAGE_BYTES);
        }
        if (message.length > MESSAGE_BYTES) {
            throw new OracleGatewayException(OracleGatewayException.Reason.OVERSIZED, message.length, MESSAGE_BYTES);
        }
        if (message.length < MESSAGE_BYTES) {
            throw new OracleGatewayException(OracleGatewayException.Reason.MALFORMED, message.length, MESSAGE_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(message);
        int magic = b.getInt();
        byte version = b.get();
        if (magic != MAGIC) {
            throw new OracleGatewayException(OracleGatewayException.Reason.MALFORMED, magic, MAGIC);
        }
        if (version != VERSION) {
            throw new OracleGatewayException(OracleGatewayException.Reason.MALFORMED, version, VERSION);
        }
        long chainId = b.getLong();
        long feedId = b.getLong();
        int reporter = b.getInt();
        int round = b.getInt();
        long price = b.getLong();
        checkFields(reporter, round, price);
        return new Signed(new OracleReport(chainId, feedId, reporter, round, price),
                Arrays.copyOfRange(message, 0, PAYLOAD_BYTES),
                Arrays.copyOfRange(message, PAYLOAD_BYTES, MESSAGE_BYTES));
    }

    private static void checkFields(int reporter, int round, long price) {
        if (reporter < 0) {
            throw new OracleGatewayException(OracleGatewayException.Reason.UNKNOWN_REPORTER, reporter, 0);
        }
        if (round < 0) {
            throw new OracleGatewayException(OracleGatewayException.Reason.MALFORMED, round, 0);
        }
        if (price <= 0 || price > Oracle.MAX_PRICE) {
            throw new OracleGatewayException(OracleGatewayException.Reason.PRICE_OUT_OF_RANGE, price, Oracle.MAX_PRICE);
        }
    }
}
