package dev.bulwark.net;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;

/** A reporter's signing side: Ed25519 from the JDK over the canonical payload. Not thread-safe. */
public final class OracleReportSigner {
    private final int reporter;
    private final PublicKey publicKey;
    private final Signature signature;

    public OracleReportSigner(int reporter, KeyPair keys) {
        this.reporter = reporter;
        this.publicKey = keys.getPublic();
        this.signature = ed25519();
        try {
            signature.initSign(keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair generateKeys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since 15", e);
        }
    }

    /** A signer with a fresh key pair. */
    public static OracleReportSigner create(int reporter) {
        return new OracleReportSigner(reporter, generateKeys());
    }

    public int reporter() {
        return reporter;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The signed message for this reporter's report of {@code priceTicks} in {@code round}. */
    public byte[] sign(int round, long priceTicks) {
        OracleReport report = new OracleReport(reporter, round, priceTicks);
        return OracleReportCodec.encode(report, signPayload(OracleReportCodec.payload(report)));
    }

    /** Raw signature over arbitrary bytes (tests use it to sign non-canonical messages). */
    public byte[] signPayload(byte[] payload) {
        try {
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Signature ed25519() {
        try {
            return Signature.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since 15", e);
        }
    }

}
