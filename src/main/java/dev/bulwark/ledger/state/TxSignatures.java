package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.net.Ed25519;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Ed25519 signatures of transactions (through the shell's facade {@link Ed25519}, Bouncy
 * Castle), for the shell: a transaction's
 * signers sign {@link TxCodec#signingBytes}; {@link #verify} checks every signature against the
 * key the transaction names.  A signer's key is its raw 32-byte Ed25519 public key.
 */
public final class TxSignatures {
    private TxSignatures() {
    }

    /** The raw 32-byte key of an Ed25519 public key. */
    public static AccountKey keyOf(PublicKey k) {
        byte[] raw = Ed25519.rawOf(k);
        if (raw == null) {
            byte[] enc = k == null ? null : k.getEncoded();
            throw new StateException(Reason.BAD_SIGNATURE, enc == null ? -1 : enc.length, 44);
        }
        return AccountKey.of(raw);
    }

    /** The Ed25519 public key of a raw 32-byte key. */
    public static PublicKey publicKey(AccountKey k) throws GeneralSecurityException {
        try {
            return Ed25519.publicKey(k.toBytes());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Signs t with its signers' private keys, in signer order (a trade: buyer, seller). */
    public static SignedTx sign(Transaction t, PrivateKey... keys) {
        byte[] msg = TxCodec.signingBytes(t);
        byte[][] sigs = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            sigs[i] = Ed25519.signer(keys[i]).sign(msg);
        }
        return new SignedTx(t, sigs);
    }

    /** Signs t with key pairs (convenience). */
    public static SignedTx sign(Transaction t, KeyPair... pairs) {
        PrivateKey[] ks = new PrivateKey[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            ks[i] = pairs[i].getPrivate();
        }
        return sign(t, ks);
    }

    /**
     * Does every transaction of a decoded block carry valid signatures?  A block's validity for
     * consensus (the node's value policy) includes this; a replica applying a certified block
     * does not check again.
     */
    public static boolean verifyAll(DecodedBlock b) {
        for (int i = 0; i < b.size(); i++) {
            if (!verify(b.signedTx(i))) {
                return false;
            }
        }
        return true;
    }

    /** Does every signature verify under the key its position names (signer; for a trade then seller)? */
    public static boolean verify(SignedTx s) {
        Transaction t = s.tx();
        AccountKey[] keys = t.type() == Transaction.TRADE
                ? new AccountKey[] {t.signer(), ((dev.bulwark.ledger.Trade) t).seller()}
                : new AccountKey[] {t.signer()};
        if (keys.length != s.signatureCount()) {
            return false;
        }
        byte[] msg = TxCodec.signingBytes(t);
        for (int i = 0; i < keys.length; i++) {
            if (!Ed25519.verify(keys[i].toBytes(), msg, s.signatureRef(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Batch check of many transactions (mempool entry, a proposed block): result[i] says whether
     * every signature of txs[i] verifies.  All signatures are verified in one
     * {@link Ed25519#verifyBatch} call.
     */
    public static boolean[] verifyBatch(java.util.List<SignedTx> txs) {
        int total = 0;
        for (SignedTx s : txs) {
            total += s.signatureCount();
        }
        byte[][] keys = new byte[total][];
        byte[][] msgs = new byte[total][];
        byte[][] sigs = new byte[total][];
        boolean[] out = new boolean[txs.size()];
        int k = 0;
        for (int i = 0; i < txs.size(); i++) {
            SignedTx s = txs.get(i);
            Transaction t = s.tx();
            AccountKey[] signers = t.type() == Transaction.TRADE
                    ? new AccountKey[] {t.signer(), ((dev.bulwark.ledger.Trade) t).seller()}
                    : new AccountKey[] {t.signer()};
            out[i] = signers.length == s.signatureCount();
            byte[] msg = TxCodec.signingBytes(t);
            for (int j = 0; j < s.signatureCount(); j++) {
                keys[k] = j < signers.length ? signers[j].toBytes() : null;
                msgs[k] = msg;
                sigs[k] = s.signatureRef(j);
                k++;
            }
        }
        boolean[] ok = Ed25519.verifyBatch(keys, msgs, sigs);
        k = 0;
        for (int i = 0; i < txs.size(); i++) {
            for (int j = 0; j < txs.get(i).signatureCount(); j++) {
                out[i] &= ok[k++];
            }
        }
        return out;
    }
}
