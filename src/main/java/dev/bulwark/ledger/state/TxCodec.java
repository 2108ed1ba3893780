package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.GovAction;
import dev.bulwark.ledger.GovPropose;
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
 *   GovApprove, GovRetract, GovQueue, GovExecute, GovCancel
 *                       signer key (32) | nonce (8) | slot (4)                         54 bytes
 *   GovPropose          signer key (32) | nonce (8) | proposal (ProposalCodec, 17..41)
 *                       | approver count a (1, at most GovPropose.MAX_APPROVERS) | a x key (32)
 * transaction: body | one Ed25519 signature (64) per signer (a trade: buyer's, then seller's;
 *              a GovPropose: the signer's, then one approval per approver, in order)
 * signed bytes: PURPOSE "bulwark/tx/v1" | body          (the chain id is in the body)
 * an approval signs dev.bulwark.net.GovernanceCodec's encoding of the proposal (domain
 *              "bulwark/governance/v1", purpose approval, the proposal's chain and nonce), so
 *              owners approve a proposal before anyone knows who submits it, or in which tx
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
    /** Bound on one encoded transaction but a GovPropose (the largest, a trade, is 234 bytes). */
    public static final int MAX_TX_BYTES = 256;
    /** Bound on an encoded GovPropose: 32 approvals (3,277 bytes). */
    public static final int MAX_GOV_TX_BYTES = 10 + 32 + 8 + ProposalCodec.MAX_BYTES + 1
            + GovPropose.MAX_APPROVERS * (32 + SignedTx.SIGNATURE_BYTES) + SignedTx.SIGNATURE_BYTES;

    static final int HEADER = 10;

    private TxCodec() {
    }

    /** Length of the body of a transaction of this kind. */
    public static int bodyBytes(int type) {
        switch (type) {
            case Transaction.GOV_APPROVE:
            case Transaction.GOV_RETRACT:
            case Transaction.GOV_QUEUE:
            case Transaction.GOV_EXECUTE:
            case Transaction.GOV_CANCEL:
                return HEADER + 32 + 8 + 4;
            case Transaction.TRADE:
                return HEADER + 32 + 8 + 32 + 8 + 8 + 8;
            case Transaction.LIQUIDATE:
                return HEADER + 32 + 8 + 32 + 8 + 8;
            default:
                return HEADER + 32 + 8 + 8;
        }
    }

    /** Length of the encoding of a transaction of this kind, signatures included (not a GovPropose). */
    public static int encodedBytes(int type) {
        return bodyBytes(type) + SignedTx.SIGNATURE_BYTES * (type == Transaction.TRADE ? 2 : 1);
    }

    /** Length of the body of t (a GovPropose's depends on its proposal and approvers). */
    public static int bodyBytes(Transaction t) {
        if (t.type() == Transaction.GOV_PROPOSE) {
            GovPropose g = (GovPropose) t;
            return HEADER + 32 + 8 + ProposalCodec.bytes(g.proposal()) + 1 + 32 * g.approverCount();
        }
        return bodyBytes(t.type());
    }

    /** The canonical body (refused, MALFORMED, for a transaction that is not well formed). */
    public static byte[] body(Transaction t) {
        if (t == null || !t.wellFormed()) {
            throw new StateException(Reason.MALFORMED, t == null ? -1 : t.type(), 0);
        }
        byte[] b = new byte[bodyBytes(t)];
        b[0] = VERSION;
        b[1] = (byte) t.type();
        int o = AppHash.putLong(b, 2, t.chainId());
        t.signer().writeTo(b, o);
        o += 32;
        o = AppHash.putLong(b, o, t.nonce());
        switch (t.type()) {
            case Transaction.GOV_PROPOSE: {
                GovPropose g = (GovPropose) t;
                o = ProposalCodec.write(b, o, g.proposal());
                b[o++] = (byte) g.approverCount();
                for (int i = 0; i < g.approverCount(); i++) {
                    g.approver(i).writeTo(b, o);
                    o += 32;
                }
                break;
            }
            case Transaction.GOV_APPROVE:
            case Transaction.GOV_RETRACT:
            case Transaction.GOV_QUEUE:
            case Transaction.GOV_EXECUTE:
            case Transaction.GOV_CANCEL:
                AppHash.putInt(b, o, ((GovAction) t).slot());
                break;
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
        if (len > MAX_GOV_TX_BYTES || (len > MAX_TX_BYTES && (len < 2 || b[off + 1] != Transaction.GOV_PROPOSE))) {
            throw new StateException(Reason.OVERSIZED, len, MAX_TX_BYTES);
        }
        if (len < HEADER || b[off] != VERSION) {
            throw new StateException(Reason.MALFORMED, len, len < 1 ? -1 : b[off]);
        }
        int type = b[off + 1];
        if (type < Transaction.DEPOSIT || type > Transaction.GOV_CANCEL) {
            throw new StateException(Reason.MALFORMED, type, 0);
        }
        if (type == Transaction.GOV_PROPOSE) {
            return decodePropose(b, off, len);
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
            case Transaction.GOV_APPROVE:
            case Transaction.GOV_RETRACT:
            case Transaction.GOV_QUEUE:
            case Transaction.GOV_EXECUTE:
            case Transaction.GOV_CANCEL:
                t = new GovAction(type, chain, signer, nonce, getInt(b, o));
                break;
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

    /** A GovPropose: its body's length follows from its proposal's kind and its approver count. */
    private static SignedTx decodePropose(byte[] b, int off, int len) {
        int end = off + len;
        int o = off + HEADER;
        if (end - o < 40) {
            throw new StateException(Reason.MALFORMED, len, 0);
        }
        long chain = getLong(b, off + 2);
        AccountKey signer = AccountKey.of(b, o);
        o += 32;
        long nonce = getLong(b, o);
        o += 8;
        int plen = ProposalCodec.lengthAt(b, o, end);
        dev.bulwark.governance.Proposal p = ProposalCodec.read(b, o, end);
        o += plen;
        if (o >= end) {
            throw new StateException(Reason.MALFORMED, o, end);
        }
        int a = b[o++] & 0xFF;
        if (a > GovPropose.MAX_APPROVERS) {
            throw new StateException(Reason.OVERSIZED, a, GovPropose.MAX_APPROVERS);
        }
        if (end - o != a * 32 + (a + 1) * SignedTx.SIGNATURE_BYTES) {
            throw new StateException(Reason.MALFORMED, end - o, a);
        }
        AccountKey[] approvers = new AccountKey[a];
        for (int i = 0; i < a; i++) {
            approvers[i] = AccountKey.of(b, o);
            o += 32;
        }
        GovPropose t = new GovPropose(chain, signer, nonce, p, approvers);
        if (!t.wellFormed()) {
            throw new StateException(Reason.MALFORMED, Transaction.GOV_PROPOSE, 1);
        }
        byte[][] s = new byte[a + 1][];
        for (int i = 0; i <= a; i++) {
            s[i] = java.util.Arrays.copyOfRange(b, o, o + SignedTx.SIGNATURE_BYTES);
            o += SignedTx.SIGNATURE_BYTES;
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
