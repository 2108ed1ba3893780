package dev.bulwark.net;

import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The shell in front of {@link Oracle#report} for one chain and one price feed: decodes a signed
 * message, checks that it names this gateway's chain and feed, that the reporter is known, that
 * it is not a replay of an accepted report, that the Ed25519 signature verifies under that
 * reporter's key (over the purpose tag, chain, feed and report: {@link OracleReportCodec}), that
 * the report is for the oracle's current round and that the price is within MinPrice..MaxPrice,
 * and only then calls {@code Oracle.report}.  Every refusal is an {@link OracleGatewayException}
 * with a typed reason, and leaves the oracle unchanged (the oracle's own refusals are passed on
 * as {@link OracleGatewayException.Reason#REFUSED_BY_ORACLE} with the oracle's reason).
 *
 * <p>Order of checks: length and format, chain, feed, reporter (cheap, no key needed), replay
 * (cheap: the same payload as this reporter's accepted report of the round, refused without a
 * signature check -- its content is already applied and public), signature (so that nothing
 * about the oracle's state is revealed to an unauthenticated sender), round, price.
 *
 * <p><b>Bounds</b> (nothing a Byzantine reporter sends grows memory beyond them):
 * <ul>
 *   <li>Replay set: one accepted message per reporter, for the oracle's current round only
 *       ({@code n * MESSAGE_BYTES}); it is emptied when the oracle's round moves on (pruned below
 *       the current round).  A reporter's later reports of the round are not stored: a different
 *       one is an equivocation (kept below), after which the oracle refuses every further report
 *       of that reporter in that round.</li>
 *   <li>Equivocation proofs: at most one per reporter per round (the oracle accepts one second
 *       report, then refuses), kept for the last {@link #EVIDENCE_ROUNDS} rounds and pruned below
 *       them, so at most {@code n * EVIDENCE_ROUNDS} proofs of two messages each;
 *       {@link #takeEquivocations} hands them out (for slashing) and forgets them.</li>
 *   <li>The oracle core itself holds one report, one reliability and one evidence flag per
 *       reporter.</li>
 * </ul>
 * Not thread-safe.
 */
public final class OracleGateway {
    /** Equivocation proofs are kept for this many rounds (the current one and the ones before). */
    public static final int EVIDENCE_ROUNDS = 16;

    private final Oracle oracle;
    private final PublicKey[] keys;
    private final long chainId;
    private final long feedId;
    /** The round the replay set is for. */
    private int tableRound;
    /** accepted[r]: reporter r's first accepted message (payload and signature) of tableRound, or null. */
    private final byte[][] accepted;
    private final ArrayDeque<OracleEquivocation> equivocations = new ArrayDeque<>();

    /**
     * {@code keys.get(r)} is reporter r's public key; one key per oracle reporter.  The gateway
     * accepts reports for {@code chainId} and {@code feedId} only.
     */
    public OracleGateway(Oracle oracle, List<PublicKey> keys, long chainId, long feedId) {
        if (oracle == null || keys == null || keys.size() != oracle.reporters() || keys.contains(null)) {
            throw new IllegalArgumentException("one public key per reporter is required");
        }
        this.oracle = oracle;
        this.keys = keys.toArray(new PublicKey[0]);
        this.chainId = chainId;
        this.feedId = feedId;
        this.tableRound = oracle.round();
        this.accepted = new byte[this.keys.length][];
    }

    public Oracle oracle() {
        return oracle;
    }

    public long chainId() {
        return chainId;
    }

    public long feedId() {
        return feedId;
    }

    /** Checks a message and submits its report to the oracle; returns the accepted report. */
    public OracleReport submit(byte[] message) {
        OracleReportCodec.Signed signed = OracleReportCodec.decode(message);
        OracleReport report = signed.report();
        if (report.chainId() != chainId) {
            throw new OracleGatewayException(OracleGatewayException.Reason.WRONG_CHAIN, report.chainId(), chainId);
        }
        if (report.feedId() != feedId) {
            throw new OracleGatewayException(OracleGatewayException.Reason.WRONG_FEED, report.feedId(), feedId);
        }
        int r = report.reporter();
        if (r >= keys.length) {
            throw new OracleGatewayException(OracleGatewayException.Reason.UNKNOWN_REPORTER, r, keys.length);
        }
        prune();
        if (accepted[r] != null && Arrays.equals(accepted[r], 0, OracleReportCodec.PAYLOAD_BYTES,
                signed.payload(), 0, OracleReportCodec.PAYLOAD_BYTES)) {
            throw new OracleGatewayException(OracleGatewayException.Reason.REPLAYED, r, report.round());
        }
        if (!verifies(keys[r], OracleReportCodec.signingBytes(signed.payload()), signed.signature())) {
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
        if (accepted[r] == null) {
            accepted[r] = message.clone();
        } else {
            // the oracle recorded an equivocation: keep the signed pair
            equivocations.addLast(new OracleEquivocation(r, report.round(), accepted[r], message));
        }
        return report;
    }

    /** Drops the replay set of finished rounds and the proofs older than EVIDENCE_ROUNDS rounds. */
    private void prune() {
        int now = oracle.round();
        if (now != tableRound) {
            Arrays.fill(accepted, null);
            tableRound = now;
        }
        Iterator<OracleEquivocation> it = equivocations.iterator();
        while (it.hasNext()) {
            if (it.next().round() <= now - EVIDENCE_ROUNDS) {
                it.remove();
            } else {
                break; // kept in round order
            }
        }
    }

    /** The equivocation proofs kept (of the last EVIDENCE_ROUNDS rounds), oldest first; they are forgotten here. */
    public List<OracleEquivocation> takeEquivocations() {
        prune();
        List<OracleEquivocation> out = new ArrayList<>(equivocations);
        equivocations.clear();
        return out;
    }

    /** Number of messages held in the replay set (at most one per reporter, current round only). */
    public int retainedReports() {
        prune();
        int k = 0;
        for (byte[] a : accepted) {
            if (a != null) {
                k++;
            }
        }
        return k;
    }

    /** Number of equivocation proofs held (at most reporters x EVIDENCE_ROUNDS). */
    public int retainedEquivocations() {
        prune();
        return equivocations.size();
    }

    private static boolean verifies(PublicKey key, byte[] signedBytes, byte[] signature) {
        return Ed25519.verify(key, signedBytes, signature);
    }
}
