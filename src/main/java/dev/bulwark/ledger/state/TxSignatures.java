package dev.bulwark.ledger.state;

import dev.bulwark.governance.Proposal;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.GovPropose;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.net.GovernanceCodec;
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
     * The bytes an owner signs to approve p on a ledger: dev.bulwark.net.GovernanceCodec's
     * approval encoding (domain "bulwark/governance/v1", purpose approval, chain, nonce, kind,
     * payload with raw keys from the config's registry; null registry: no owner-management kind).
     */
    public static byte[] approvalBytes(Proposal p, /*@ nullable @*/ LedgerConfig config) {
        byte[][] raw = new byte[config == null ? 0 : config.governanceKeyCount()][];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = config.governanceKey(k).toBytes();
        }
        return approvalBytes(p, raw);
    }

    /** {@link #approvalBytes(Proposal, LedgerConfig)} with the registry as raw keys (index order). */
    public static byte[] approvalBytes(Proposal p, byte[][] registry) {
        return GovernanceCodec.signingBytes(GovernanceCodec.encode(p, registry, GovernanceCodec.PURPOSE_APPROVAL));
    }

    /** Does sig verify as key's approval of p under this registry? */
    public static boolean verifyApproval(Proposal p, byte[][] registry, AccountKey key, byte[] sig) {
        try {
            return sig != null && sig.length == SignedTx.SIGNATURE_BYTES && verifyOne(key, approvalBytes(p, registry), sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Signs an approval of p (what `bulwark gov approve` does). */
    public static byte[] approve(Proposal p, /*@ nullable @*/ LedgerConfig config, PrivateKey key) {
        return signBytes(approvalBytes(p, config), key);
    }

    /** Signs an approval of p under a registry given as raw keys. */
    public static byte[] approve(Proposal p, byte[][] registry, PrivateKey key) {
        return signBytes(approvalBytes(p, registry), key);
    }

    /** Signs a GovPropose: the signer's signature over the transaction, then the approvals given. */
    public static SignedTx signPropose(GovPropose t, PrivateKey signer, byte[]... approvals) {
        byte[][] sigs = new byte[1 + approvals.length][];
        sigs[0] = signBytes(TxCodec.signingBytes(t), signer);
        System.arraycopy(approvals, 0, sigs, 1, approvals.length);
        return new SignedTx(t, sigs);
    }

    /** Signs bytes with an Ed25519 private key. */
    public static byte[] signBytes(byte[] msg, PrivateKey key) {
        return Ed25519.signer(key).sign(msg);
    }

    private static boolean verifyOne(AccountKey k, byte[] msg, byte[] sig) throws GeneralSecurityException {
        return Ed25519.verify(k.toBytes(), msg, sig);
    }

    private static boolean verifyPropose(SignedTx s, GovPropose t, /*@ nullable @*/ LedgerConfig config) {
        if (s.signatureCount() != 1 + t.approverCount()) {
            return false;
        }
        try {
            if (!verifyOne(t.signer(), TxCodec.signingBytes(t), s.signatureRef(0))) {
                return false;
            }
            byte[] approval = approvalBytes(t.proposal(), config);
            for (int i = 0; i < t.approverCount(); i++) {
                if (!verifyOne(t.approver(i), approval, s.signatureRef(1 + i))) {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks a transaction's signatures for a ledger of this config: nothing, or
     * {@link StateException} BAD_SIGNATURE (first number: the index of the first signature that
     * fails, -1 when the count is wrong) -- a forged, swapped or replayed-on-another-chain
     * approval is refused here, before the core.
     */
    public static void check(SignedTx s, /*@ nullable @*/ LedgerConfig config) {
        if (s == null || s.signatureCount() != SignedTx.signers(s.tx())) {
            throw new StateException(Reason.BAD_SIGNATURE, -1, 0);
        }
        if (verify(s, config)) {
            return;
        }
        Transaction t = s.tx();
        int bad = 0;
        if (t.type() == Transaction.GOV_PROPOSE) {
            GovPropose g = (GovPropose) t;
            try {
                if (verifyOne(t.signer(), TxCodec.signingBytes(t), s.signatureRef(0))) {
                    byte[] approval = approvalBytes(g.proposal(), config);
                    for (int i = 0; i < g.approverCount(); i++) {
                        if (!verifyOne(g.approver(i), approval, s.signatureRef(1 + i))) {
                            bad = 1 + i;
                            break;
                        }
                    }
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                bad = 0;
            }
        }
        throw new StateException(Reason.BAD_SIGNATURE, bad, s.signatureCount());
    }

    /**
     * Does every transaction of a decoded block carry valid signatures?  A block's validity for
     * consensus (the node's value policy) includes this; a replica applying a certified block
     * does not check again.
     */
    public static boolean verifyAll(DecodedBlock b) {
        return verifyAll(b, null);
    }

    /** {@link #verifyAll(DecodedBlock)} with the ledger's governance key registry. */
    public static boolean verifyAll(DecodedBlock b, /*@ nullable @*/ LedgerConfig config) {
        for (int i = 0; i < b.size(); i++) {
            if (!verify(b.signedTx(i), config)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Does every signature verify under the key its position names (signer; for a trade then
     * seller; for a GovPropose then each approver, over the proposal's approval encoding)?  A
     * GovPropose whose proposal names governance keys (owner management) needs the registry:
     * {@link #verify(SignedTx, LedgerConfig)}; without one it does not verify.
     */
    public static boolean verify(SignedTx s) {
        return verify(s, null);
    }

    /** {@link #verify(SignedTx)} with the ledger's governance key registry. */
    public static boolean verify(SignedTx s, /*@ nullable @*/ LedgerConfig config) {
        Transaction t = s.tx();
        if (t.type() == Transaction.GOV_PROPOSE) {
            return verifyPropose(s, (GovPropose) t, config);
        }
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
        return verifyBatch(txs, null);
    }

    /**
     * {@link #verifyBatch(java.util.List)} with the ledger's governance key registry: a
     * GovPropose (its signer and its approvals over the proposal's approval encoding) is checked
     * on its own by {@link #verify(SignedTx, LedgerConfig)}, every other transaction in the batch.
     */
    public static boolean[] verifyBatch(java.util.List<SignedTx> txs, /*@ nullable @*/ LedgerConfig config) {
        int total = 0;
        for (SignedTx s : txs) {
            if (s.tx().type() != Transaction.GOV_PROPOSE) {
                total += s.signatureCount();
            }
        }
        byte[][] keys = new byte[total][];
        byte[][] msgs = new byte[total][];
        byte[][] sigs = new byte[total][];
        boolean[] out = new boolean[txs.size()];
        int k = 0;
        for (int i = 0; i < txs.size(); i++) {
            SignedTx s = txs.get(i);
            Transaction t = s.tx();
            if (t.type() == Transaction.GOV_PROPOSE) {
                out[i] = verifyPropose(s, (GovPropose) t, config);
                continue;
            }
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
            if (txs.get(i).tx().type() == Transaction.GOV_PROPOSE) {
                continue;
            }
            for (int j = 0; j < txs.get(i).signatureCount(); j++) {
                out[i] &= ok[k++];
            }
        }
        return out;
    }
}
