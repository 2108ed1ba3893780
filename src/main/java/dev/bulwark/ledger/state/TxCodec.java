package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Liquidate;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.Withdraw;
import java.nio.charset.StandardCharsets;

/**
 * The canonical binary encoding of a signed transaction: one fixed layout per kind, big-endian,
 * no optional fields, so every transaction has exactly one encoding and
 * {@code encode(decode(b))} equals b for every accepted b.
 *
 * <pre>
 * body:      version 1 (1) | type 1..5 (1) | chain id (8) | fields of the kind:
 *   Deposit, Withdraw   signer key (32) | nonce (8) | amount (8)                      58 bytes
 *   Trade               buyer key (32) | buyer nonce (8) | seller key (32)
 *                       | seller nonce (8) | lots (8) | price (8)                      106 bytes
 *   Report              reporter key (32) | nonce (8) | price (8)                      58 bytes
 *   Liquidate           liquidator key (32) | nonce (8) | account key (32)
 *                       | lots (8) | price (8)                                         98 bytes
 * transaction: body | one Ed25519 signature (64) per signer (a trade: buyer's, then seller's)
 * signed bytes: PURPOSE "bulwark/tx/v1" | body          (the chain id is in the body)
 * </pre>
 *
 * Every signed payload names its purpose and its chain: a signature over a transaction cannot
 * be replayed as another kind of message, nor on another chain.  Decoding refuses anything
 * longer than {@link #MAX_TX_BYTES} before parsing (OVERSIZED), and every length, version, type
 * or number that is not canonical or not well formed (MALFORMED, see Transaction.wellFormed).
 */
public final class TxCodec {
    public static final byte VERSION = 1;
    /** Domain separation of the signed bytes. */
    public static final byte[] PURPOSE = "bulwark/tx/v1".getBytes(StandardCharsets.US_ASCII);
    /** Bound on one encoded transaction (the largest, a trade, is 234 bytes). */
    public static final int MAX_TX_BYTES = 256;

    static final int HEADER = 10;

    private TxCodec() {
    }

    /** Length of the body of a transaction of this kind. */
    public static int bodyBytes(int type) {
        switch (type) {
            case Transaction.TRADE:
                return HEADER + 32 + 8 + 32 + 8 + 8 + 8;
            case Transaction.LIQUIDATE:
                return HEADER + 32 + 8 + 32 + 8 + 8;
            default:
                return HEADER + 32 + 8 + 8;
        }
    }

    /** Length of the encoding of a transaction of this kind, signatures included. */
    public static int encodedBytes(int type) {
        return bodyBytes(type) + SignedTx.SIGNATURE_BYTES * (type == Transaction.TRADE ? 2 : 1);
    }

    /** The canonical body (refused, MALFORMED, for a transaction that is not well formed). */
    public static byte[] body(Transaction t) {
        if (t == null || !t.wellFormed()) {
            throw new StateException(Reason.MALFORMED, t == null ? -1 : t.type(), 0);
        }
        byte[] b = new byte[bodyBytes(t.type())];
        b[0] = VERSION;
        b[1] = (byte) t.type();
        int o = AppHash.putLong(b, 2, t.chainId());
        t.signer().writeTo(b, o);
        o += 32;
        o = AppHash.putLong(b, o, t.nonce());
        switch (t.type()) {
            case Transaction.DEPOSIT:
                AppHash.putLong(b, o, ((Deposit) t).amount());
                break;
            case Transaction.WITHDRAW:
                AppHash.putLong(b, o, ((Withdraw) t).amount());
                break;
            case Transaction.TRADE: {
                Trade x = (Trade) t;
                x.seller().writeTo(b, o);
                o += 32;
                o = AppHash.putLong(b, o, x.sellerNonce());
                o = AppHash.putLong(b, o, x.lots());
                AppHash.putLong(b, o, x.price());
                break;
            }
            case Transaction.REPORT:
                AppHash.putLong(b, o, ((Report) t).price());
                break;
            default: {
                Liquidate x = (Liquidate) t;
                x.account().writeTo(b, o);
                o += 32;
                o = AppHash.putLong(b, o, x.lots());
                AppHash.putLong(b, o, x.price());
                break;
            }
        }
        return b;
    }

    /** The bytes each signer signs: PURPOSE | body. */
    public static byte[] signingBytes(Transaction t) {
        byte[] body = body(t);
        byte[] s = new byte[PURPOSE.length + body.length];
        System.arraycopy(PURPOSE, 0, s, 0, PURPOSE.length);
        System.arraycopy(body, 0, s, PURPOSE.length, body.length);
        return s;
    }

    /** body | signatures. */
    public static byte[] encode(SignedTx s) {
        byte[] body = body(s.tx());
        byte[] out = new byte[body.length + SignedTx.SIGNATURE_BYTES * s.signatureCount()];
        System.arraycopy(body, 0, out, 0, body.length);
        for (int i = 0; i < s.signatureCount(); i++) {
            System.arraycopy(s.signatureRef(i), 0, out, body.length + i * SignedTx.SIGNATURE_BYTES,
                    SignedTx.SIGNATURE_BYTES);
        }
        return out;
    }

    /** Decodes exactly one canonical transaction. */
    public static SignedTx decode(byte[] b) {
        if (b == null) {
            throw new StateException(Reason.MALFORMED, -1, 0);
        }
        return decode(b, 0, b.length);
    }

    /** Decodes exactly one canonical transaction from b[off..off+len-1]. */
    public static SignedTx decode(byte[] b, int off, int len) {
        if (len > MAX_TX_BYTES) {
            throw new StateException(Reason.OVERSIZED, len, MAX_TX_BYTES);
        }
        if (len < HEADER || b[off] != VERSION) {
            throw new StateException(Reason.MALFORMED, len, len < 1 ? -1 : b[off]);
        }
        int type = b[off + 1];
        if (type < Transaction.DEPOSIT || type > Transaction.LIQUIDATE) {
            throw new StateException(Reason.MALFORMED, type, 0);
        }
        if (len != encodedBytes(type)) {
            throw new StateException(Reason.MALFORMED, len, encodedBytes(type));
        }
        long chain = getLong(b, off + 2);
        int o = off + HEADER;
        AccountKey signer = AccountKey.of(b, o);
        o += 32;
        long nonce = getLong(b, o);
        o += 8;
        Transaction t;
        switch (type) {
            case Transaction.DEPOSIT:
                t = new Deposit(chain, signer, nonce, getLong(b, o));
                break;
            case Transaction.WITHDRAW:
                t = new Withdraw(chain, signer, nonce, getLong(b, o));
                break;
            case Transaction.TRADE: {
                AccountKey seller = AccountKey.of(b, o);
                o += 32;
                t = new Trade(chain, signer, nonce, seller, getLong(b, o), getLong(b, o + 8), getLong(b, o + 16));
                break;
            }
            case Transaction.REPORT:
                t = new Report(chain, signer, nonce, getLong(b, o));
                break;
            default: {
                AccountKey account = AccountKey.of(b, o);
                o += 32;
                t = new Liquidate(chain, signer, nonce, account, getLong(b, o), getLong(b, o + 8));
                break;
            }
        }
        if (!t.wellFormed()) {
            throw new StateException(Reason.MALFORMED, type, 1);
        }
        int sigs = type == Transaction.TRADE ? 2 : 1;
        int bodyLen = bodyBytes(type);
        byte[][] s = new byte[sigs][];
        for (int i = 0; i < sigs; i++) {
            int from = off + bodyLen + i * SignedTx.SIGNATURE_BYTES;
            s[i] = java.util.Arrays.copyOfRange(b, from, from + SignedTx.SIGNATURE_BYTES);
        }
        return new SignedTx(t, s);
    }

    static long getLong(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[o + i] & 0xFFL);
        }
        return v;
    }

    static int getInt(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }
}
