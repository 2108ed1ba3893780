package dev.bulwark.net;

/**
 * A signed report refused by the shell before (or by) {@code Oracle.report}.  Typed reason and
 * numbers; the message is formatted on demand; no stack trace (refusals are expected traffic).
 */
public final class OracleGatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a message was refused. */
    public enum Reason {
        /** More bytes than a report message has (first: length, second: the limit). */
        OVERSIZED,
        /** Fewer bytes, a wrong magic or version, or a negative round (first: length or field value). */
        MALFORMED,
        /** A report for another chain than the gateway's (first: the report's chain id, second: the gateway's). */
        WRONG_CHAIN,
        /** A report for another price feed than the gateway's (first: the report's feed id, second: the gateway's). */
        WRONG_FEED,
        /** A reporter index with no registered key (first: index, second: number of reporters). */
        UNKNOWN_REPORTER,
        /**
         * The same content as the reporter's report already accepted in this round, whatever its
         * signature (first: reporter, second: round); refused before the signature check.
         */
        REPLAYED,
        /** The Ed25519 signature does not verify under the reporter's key (first: reporter). */
        BAD_SIGNATURE,
        /** A report for another round than the oracle's current one (first: report round, second: current). */
        WRONG_ROUND,
        /** A price that is not a valid tick count: &lt;= 0, above MaxPrice or below MinPrice (first: price). */
        PRICE_OUT_OF_RANGE,
        /** The oracle refused the report (see {@link #oracleReason()}). */
        REFUSED_BY_ORACLE
    }

    private final Reason reason;
    private final long first;
    private final long second;
    private final dev.bulwark.oracle.Reason oracleReason;

    public OracleGatewayException(Reason reason, long first, long second) {
        this(reason, first, second, null);
    }

    public OracleGatewayException(Reason reason, long first, long second, dev.bulwark.oracle.Reason oracleReason) {
        super();
        this.reason = reason;
        this.first = first;
        this.second = second;
        this.oracleReason = oracleReason;
    }

    public Reason reason() {
        return reason;
    }

    public long first() {
        return first;
    }

    public long second() {
        return second;
    }

    /** The oracle's reason for {@link Reason#REFUSED_BY_ORACLE}, else null. */
    public dev.bulwark.oracle.Reason oracleReason() {
        return oracleReason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String getMessage() {
        return reason + (oracleReason == null ? "" : "/" + oracleReason) + " (" + first + ", " + second + ")";
    }
}
