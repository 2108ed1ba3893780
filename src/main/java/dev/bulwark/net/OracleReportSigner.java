package dev.bulwark.net;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * A reporter's signing side for one chain and one price feed: Ed25519 ({@link Ed25519}, Bouncy Castle) over
 * {@link OracleReportCodec#signingBytes} (purpose tag, then the payload naming chain, feed,
 * reporter, round and price).  Not thread-safe.
 */
public final class OracleReportSigner {
    private final int reporter;
    private final long chainId;
    private final long feedId;
    private final PublicKey publicKey;
    private final Ed25519.Signer signature;

    public OracleReportSigner(int reporter, KeyPair keys, long chainId, long feedId) {
        this.reporter = reporter;
        this.chainId = chainId;
        this.feedId = feedId;
        this.publicKey = keys.getPublic();
        this.signature = Ed25519.signer(keys.getPrivate());
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair generateKeys() {
        return Ed25519.generate(new SecureRandom());
    }

    /** A signer with a fresh key pair. */
    public static OracleReportSigner create(int reporter, long chainId, long feedId) {
        return new OracleReportSigner(reporter, generateKeys(), chainId, feedId);
    }

    public int reporter() {
        return reporter;
    }

    public long chainId() {
        return chainId;
    }

    public long feedId() {
        return feedId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The signed message for this reporter's report of {@code priceTicks} in {@code round}. */
    public byte[] sign(int round, long priceTicks) {
        OracleReport report = new OracleReport(chainId, feedId, reporter, round, priceTicks);
        return OracleReportCodec.encode(report, signPayload(OracleReportCodec.payload(report)));
    }

    /** Signature over the purpose tag and {@code payload} (tests use it to sign non-canonical payloads). */
    public byte[] signPayload(byte[] payload) {
        return signRaw(OracleReportCodec.signingBytes(payload));
    }

    /** Raw signature over arbitrary bytes, without the purpose tag (tests: cross-protocol signatures). */
    public byte[] signRaw(byte[] bytes) {
        return signature.sign(bytes);
    }
}
