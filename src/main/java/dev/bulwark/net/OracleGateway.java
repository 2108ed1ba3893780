package dev.bulwark.net;

import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * The shell in front of {@link Oracle#report}: decodes a signed message, checks that the
 * reporter is known, that the Ed25519 signature verifies under that reporter's key, that the
 * report is for the oracle's current round and that the price is within MinPrice..MaxPrice, and
 * only then calls {@code Oracle.report}.  Every refusal is an {@link OracleGatewayException}
 * with a typed reason, and leaves the oracle unchanged (the oracle's own refusals are passed
 * on as {@link OracleGatewayException.Reason#REFUSED_BY_ORACLE} with the oracle's reason).
 *
 * <p>Order of checks: length and format (cheap, no key needed), reporter, signature (so that
 * nothing about the oracle's state is revealed to an unauthenticated sender), round, price.
 * Not thread-safe.
 */
public final class OracleGateway {
    private final Oracle oracle;
    private final PublicKey[] keys;
    private final Signature verifier = OracleReportSigner.ed25519();

    /** {@code keys.get(r)} is reporter r's public key; one key per oracle reporter. */
    public OracleGateway(Oracle oracle, List<PublicKey> keys) {
        if (oracle == null || keys == null || keys.size() != oracle.reporters() || keys.contains(null)) {
            throw new IllegalArgumentException("one public key per reporter is required");
        }
        this.oracle = oracle;
        this.keys = keys.toArray(new PublicKey[0]);
    }

    public Oracle oracle() {
        return oracle;
    }

    /** Checks a message and submits its report to the oracle; returns the accepted report. */
    public OracleReport submit(byte[] message) {
        OracleReportCodec.Signed signed = OracleReportCodec.decode(message);
        OracleReport report = signed.report();
        int r = report.reporter();
        if (r >= keys.length) {
            throw new OracleGatewayException(OracleGatewayException.Reason.UNKNOWN_REPORTER, r, keys.length);
        }
        if (!verifies(keys[r], signed.payload(), signed.signature())) {
            throw new OracleGatewayException(OracleGatewayException.Reason.BAD_SIGNATURE, r, report.round());
        }
        if (report.round() != oracle.round()) {
            throw new OracleGatewayException(OracleGatewayException.Reason.WRONG_ROUND, report.round(), oracle.round());
        }
        long px = report.priceTicks();
        if (px < oracle.params().minPrice || px > oracle.params().maxPrice) {
            throw new OracleGatewayException(OracleGatewayException.Reason.PRICE_OUT_OF_RANGE, px,
                    px < oracle.params().minPrice ? oracle.params().minPrice : oracle.params().maxPrice);
        }
        try {
            oracle.report(r, px);
        } catch (OracleException e) {
            throw new OracleGatewayException(OracleGatewayException.Reason.REFUSED_BY_ORACLE, e.first(), e.second(),
                    e.reason());
        }
        return report;
    }

    private boolean verifies(PublicKey key, byte[] payload, byte[] signature) {
        try {
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
