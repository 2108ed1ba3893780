package dev.bulwark.ledger.state;

import dev.bulwark.ledger.Transaction;
import java.util.Arrays;

/**
 * A transaction with its Ed25519 signatures over {@link TxCodec#signingBytes}: one for every
 * kind but a trade, which has the buyer's then the seller's.  Immutable.  The signatures are the
 * shell's: the core receives {@link #tx()} once they are checked ({@link TxSignatures#verify}).
 */
public final class SignedTx {
    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 64;

    private final Transaction tx;
    private final byte[][] signatures;

    /** Refused ({@link Reason#BAD_SIGNATURE}) unless there is one 64-byte signature per signer. */
    public SignedTx(Transaction tx, byte[]... signatures) {
        if (tx == null || signatures == null || signatures.length != signers(tx)) {
            throw new StateException(Reason.BAD_SIGNATURE, signatures == null ? -1 : signatures.length,
                    tx == null ? -1 : signers(tx));
        }
        byte[][] s = new byte[signatures.length][];
        for (int i = 0; i < s.length; i++) {
            if (signatures[i] == null || signatures[i].length != SIGNATURE_BYTES) {
                throw new StateException(Reason.BAD_SIGNATURE, i, signatures[i] == null ? -1 : signatures[i].length);
            }
            s[i] = signatures[i].clone();
        }
        this.tx = tx;
        this.signatures = s;
    }

    /**
     * Number of signatures a transaction carries: 2 for a trade, 1 + the approvals for a
     * GovPropose (the approvals sign the proposal, see TxCodec), else 1.
     */
    public static int signers(Transaction tx) {
        if (tx.type() == Transaction.GOV_PROPOSE) {
            return 1 + ((dev.bulwark.ledger.GovPropose) tx).approverCount();
        }
        return tx.type() == Transaction.TRADE ? 2 : 1;
    }

    public Transaction tx() {
        return tx;
    }

    public int signatureCount() {
        return signatures.length;
    }

    /** A copy of signature i. */
    public byte[] signature(int i) {
        return signatures[i].clone();
    }

    byte[] signatureRef(int i) {
        return signatures[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTx && ((SignedTx) o).tx.equals(tx) && Arrays.deepEquals(((SignedTx) o).signatures, signatures);
    }

    @Override
    public int hashCode() {
        return 31 * tx.hashCode() + Arrays.deepHashCode(signatures);
    }

    @Override
    public String toString() {
        return "Signed" + tx;
    }
}
