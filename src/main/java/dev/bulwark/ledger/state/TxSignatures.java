package dev.bulwark.ledger.state;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Transaction;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 signatures of transactions (the JDK's provider), for the shell: a transaction's
 * signers sign {@link TxCodec#signingBytes}; {@link #verify} checks every signature against the
 * key the transaction names.  A signer's key is its raw 32-byte Ed25519 public key.
 */
public final class TxSignatures {
    /** X.509 prefix of a raw Ed25519 public key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private TxSignatures() {
    }

    /** The raw 32-byte key of an Ed25519 public key. */
    public static AccountKey keyOf(PublicKey k) {
        byte[] enc = k.getEncoded();
        if (enc == null || enc.length != X509_PREFIX.length + 32) {
            throw new StateException(Reason.BAD_SIGNATURE, enc == null ? -1 : enc.length, 44);
        }
        return AccountKey.of(java.util.Arrays.copyOfRange(enc, X509_PREFIX.length, enc.length));
    }

    /** The Ed25519 public key of a raw 32-byte key. */
    public static PublicKey publicKey(AccountKey k) throws GeneralSecurityException {
        byte[] enc = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, enc, 0, X509_PREFIX.length);
        k.writeTo(enc, X509_PREFIX.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
    }

    /** Signs t with its signers' private keys, in signer order (a trade: buyer, seller). */
    public static SignedTx sign(Transaction t, PrivateKey... keys) {
        byte[] msg = TxCodec.signingBytes(t);
        byte[][] sigs = new byte[keys.length][];
        try {
            for (int i = 0; i < keys.length; i++) {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(keys[i]);
                s.update(msg);
                sigs[i] = s.sign();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
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
        try {
            for (int i = 0; i < keys.length; i++) {
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(publicKey(keys[i]));
                v.update(msg);
                if (!v.verify(s.signatureRef(i))) {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
