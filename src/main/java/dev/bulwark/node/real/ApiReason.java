package dev.bulwark.node.real;

/**
 * Why the HTTP client API ({@link HttpApi}) refused a request: each is answered with
 * {@code {"error": NAME, "message": ...}} and this HTTP status, counted in
 * {@code bulwark_http_errors_total{error="NAME"}}, and changes nothing in the node.
 */
public enum ApiReason {
    /** No such path. */
    UNKNOWN_ROUTE(404),
    /** The path exists for another method. */
    METHOD_NOT_ALLOWED(405),
    /** A body above {@link HttpApi#MAX_BODY_BYTES}, or a transaction above the codec's maximum. */
    OVERSIZE(413),
    /** A hex body or path argument that is not hex, or the wrong length. */
    BAD_HEX(400),
    /** A query parameter or path argument that is not understood (a height that is no number, an unknown wait mode). */
    BAD_QUERY(400),
    /** The body does not decode as a canonical signed transaction. */
    MALFORMED(400),
    /** The transaction names another chain. */
    WRONG_CHAIN(400),
    /** A signature does not verify. */
    BAD_SIGNATURE(400),
    /** A nonce that is not within the window above the signer's committed nonce (replay or too far ahead). */
    BAD_NONCE(409),
    /** The transaction is already in the mempool. */
    DUPLICATE(409),
    /** The mempool, or the node's event queue, is full: retry later. */
    FULL(503),
    /** Too many requests in flight ({@link HttpApi#MAX_IN_FLIGHT}) or waiting for commit ({@link HttpApi#MAX_WAITERS}). */
    BUSY(503),
    /** The account key is not in the ledger. */
    UNKNOWN_ACCOUNT(404),
    /** No block stored at that height. */
    NO_SUCH_BLOCK(404),
    /** wait=commit: the transaction was admitted but not committed within the wait (it may still be). */
    COMMIT_TIMEOUT(504),
    /** The node did not answer in time (stopping or overloaded). */
    UNAVAILABLE(503),
    /** This client address is above its request rate ({@link HttpApi#CLIENT_RATE_PER_SECOND}, burst {@link HttpApi#CLIENT_BURST}). */
    RATE_LIMITED(429);

    public final int httpStatus;

    ApiReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }
}
