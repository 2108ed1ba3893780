package dev.bulwark.node;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.StateException;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signed transactions waiting for a block. Bounded: at most {@code maxTxs} transactions and
 * {@code maxBytes} encoded bytes in all, {@code maxPerSigner} per signer; deduplicated by
 * transaction hash (SHA-256 of the encoded signed transaction).
 *
 * <p>Entry ({@link #add}) checks, in order, each refusal typed and changing nothing: size
 * ({@link Reason#OVERSIZE}), decoding ({@link Reason#MALFORMED}), chain
 * ({@link Reason#WRONG_CHAIN}), duplicate ({@link Reason#DUPLICATE}), every signer's nonce against
 * the ledger's next nonce: not below it, at most {@code nonceWindow} above it
 * ({@link Reason#BAD_NONCE}), capacity ({@link Reason#FULL}), and last the signatures
 * ({@link Reason#BAD_SIGNATURE}; the most expensive check runs on what passed the rest).
 *
 * <p>A proposer {@link #reap reaps} in arrival order, taking a transaction only when every
 * signer's nonce is the next one given the ledger and the transactions already taken (so a block
 * never carries a nonce gap), up to a count and byte limit. After a block is applied,
 * {@link #evict} drops the block's transactions and every transaction a signer's nonce has made
 * stale.
 */
public final class Mempool {
    private final long chainId;
    private final int maxTxs;
    private final long maxBytes;
    private final int maxPerSigner;
    private final long nonceWindow;
    /** hash -> entry, in arrival order. */
    private final LinkedHashMap<ByteBuffer, Entry> byHash = new LinkedHashMap<>();
    private final Map<AccountKey, Integer> perSigner = new HashMap<>();
    private long bytes;

    /** One held transaction. */
    static final class Entry {
        final ByteBuffer hash;
        final byte[] encoded;
        final SignedTx tx;

        Entry(ByteBuffer hash, byte[] encoded, SignedTx tx) {
            this.hash = hash;
            this.encoded = encoded;
            this.tx = tx;
        }
    }

    public Mempool(long chainId, int maxTxs, long maxBytes, int maxPerSigner, long nonceWindow) {
        this.chainId = chainId;
        this.maxTxs = maxTxs;
        this.maxBytes = maxBytes;
        this.maxPerSigner = maxPerSigner;
        this.nonceWindow = nonceWindow;
    }

    /** The hash of an encoded signed transaction. */
    public static byte[] hash(byte[] encoded) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
        md.update(TxCodec.PURPOSE);
        md.update(encoded);
        return md.digest();
    }

    public int size() {
        return byHash.size();
    }

    public long bytes() {
        return bytes;
    }

    public boolean contains(byte[] txHash) {
        return byHash.containsKey(ByteBuffer.wrap(txHash));
    }

    /** The signers of a transaction and the nonce each uses. */
    static AccountKey[] signers(Transaction t) {
        return t.type() == Transaction.TRADE ? new AccountKey[] {t.signer(), ((Trade) t).seller()}
                : new AccountKey[] {t.signer()};
    }

    static long[] nonces(Transaction t) {
        return t.type() == Transaction.TRADE ? new long[] {t.nonce(), ((Trade) t).sellerNonce()} : new long[] {t.nonce()};
    }

    /** The next nonce a signer's transaction must carry in the ledger's state (1 for an unknown key). */
    static long nextNonce(Ledger l, Transaction t, AccountKey k) {
        if (t.type() == Transaction.REPORT) {
            int r = l.config().reporterIndex(k);
            return r < 0 ? 1 : l.reporterNonce(r) + 1;
        }
        if (t.isGovernance()) {
            // a governance key has its own nonce in the ledger (the key is no account)
            int g = l.config().governanceKeyIndex(k);
            return g < 0 ? 1 : l.govNonce(g) + 1;
        }
        int a = l.accountId(k);
        return a < 0 ? 1 : l.nonce(a) + 1;
    }

    /** Admits one encoded signed transaction, or throws a typed refusal (nothing changes). Returns its hash. */
    public byte[] add(byte[] encoded, Ledger ledger) {
        return add(encoded, ledger, false);
    }

    /** {@link #add(byte[], Ledger)}; {@code preVerified}: the shell's {@link #preVerify} held for these bytes. */
    public byte[] add(byte[] encoded, Ledger ledger, boolean preVerified) {
        List<byte[]> one = new ArrayList<>();
        one.add(encoded);
        Object r = addAll(one, ledger, new boolean[] {preVerified}).get(0);
        if (r instanceof NodeException) {
            throw (NodeException) r;
        }
        return (byte[]) r;
    }

    /**
     * Admits several transactions, verifying the signatures of those that pass the other checks
     * in one batch. Returns, per input, its hash (admitted) or the {@link NodeException} that
     * refused it.
     */
    public List<Object> addAll(List<byte[]> encoded, Ledger ledger) {
        return addAll(encoded, ledger, null);
    }

    /**
     * {@link #addAll(List, Ledger)} where {@code preVerified[i]} (null: none) says that the
     * shell already checked {@link #preVerify} on {@code encoded.get(i)} and it held: its
     * signatures are not verified again. Governance proposals are always verified here, with the
     * ledger's configuration (their approvals depend on its key registry).
     */
    public List<Object> addAll(List<byte[]> encoded, Ledger ledger, boolean[] preVerified) {
        List<Object> out = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        List<SignedTx> toVerify = new ArrayList<>();
        Set<ByteBuffer> batchHashes = new HashSet<>();
        for (byte[] e : encoded) {
            try {
                SignedTx s = precheck(e, ledger, batchHashes);
                batchHashes.add(ByteBuffer.wrap(hash(e)));
                candidates.add(out.size());
                toVerify.add(s);
                out.add(s);
            } catch (NodeException x) {
                out.add(x);
            }
        }
        List<SignedTx> unchecked = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            if (!skipVerify(toVerify.get(k), preVerified, candidates.get(k))) {
                unchecked.add(toVerify.get(k));
            }
        }
        boolean[] verified = TxSignatures.verifyBatch(unchecked, ledger.config());
        boolean[] ok = new boolean[candidates.size()];
        for (int k = 0, u = 0; k < candidates.size(); k++) {
            ok[k] = skipVerify(toVerify.get(k), preVerified, candidates.get(k)) || verified[u++];
        }
        for (int k = 0; k < candidates.size(); k++) {
            int i = candidates.get(k);
            byte[] e = encoded.get(i);
            if (!ok[k]) {
                out.set(i, new NodeException(Reason.BAD_SIGNATURE, i, 0));
                continue;
            }
            SignedTx s = toVerify.get(k);
            // capacity again: earlier admissions of this batch count
            NodeException full = capacity(s, e.length);
            if (full != null) {
                out.set(i, full);
                continue;
            }
            byte[] h = hash(e);
            ByteBuffer key = ByteBuffer.wrap(h);
            byHash.put(key, new Entry(key, e.clone(), s));
            bytes += e.length;
            for (AccountKey a : signers(s.tx())) {
                perSigner.merge(a, 1, Integer::sum);
            }
            out.set(i, h);
        }
        return out;
    }

    private static boolean skipVerify(SignedTx s, boolean[] preVerified, int i) {
        return preVerified != null && preVerified[i] && s.tx().type() != Transaction.GOV_PROPOSE;
    }

    /**
     * The signature check a shell may run on any thread before handing a transaction to the
     * core (a pure function of the bytes): true iff the bytes decode, the transaction is not a
     * governance proposal (whose approvals are checked against the ledger's key registry, on the
     * core's thread) and every signature verifies. False says nothing: the core checks again.
     */
    public static boolean preVerify(byte[] encoded) {
        if (encoded == null || encoded.length > TxCodec.MAX_TX_BYTES) {
            return false;
        }
        try {
            SignedTx s = TxCodec.decode(encoded);
            return s.tx().type() != Transaction.GOV_PROPOSE && TxSignatures.verify(s);
        } catch (RuntimeException x) {
            return false;
        }
    }

    private SignedTx precheck(byte[] e, Ledger ledger, Set<ByteBuffer> batchHashes) {
        if (e == null) {
            throw new NodeException(Reason.MALFORMED, -1, 0);
        }
        if (e.length > TxCodec.MAX_TX_BYTES) {
            throw new NodeException(Reason.OVERSIZE, e.length, TxCodec.MAX_TX_BYTES);
        }
        SignedTx s;
        try {
            s = TxCodec.decode(e);
        } catch (StateException | dev.bulwark.ledger.LedgerException x) {
            throw new NodeException(Reason.MALFORMED, e.length, 0);
        }
        Transaction t = s.tx();
        if (t.chainId() != chainId) {
            throw new NodeException(Reason.WRONG_CHAIN, t.chainId(), chainId);
        }
        ByteBuffer key = ByteBuffer.wrap(hash(e));
        if (byHash.containsKey(key) || batchHashes.contains(key)) {
            throw new NodeException(Reason.DUPLICATE, 0, 0);
        }
        AccountKey[] ks = signers(t);
        long[] ns = nonces(t);
        for (int j = 0; j < ks.length; j++) {
            long next = nextNonce(ledger, t, ks[j]);
            if (ns[j] < next || ns[j] - next > nonceWindow) {
                throw new NodeException(Reason.BAD_NONCE, ns[j], next);
            }
        }
        NodeException full = capacity(s, e.length);
        if (full != null) {
            throw full;
        }
        return s;
    }

    private NodeException capacity(SignedTx s, int len) {
        if (byHash.size() >= maxTxs || bytes + len > maxBytes) {
            return new NodeException(Reason.FULL, byHash.size(), maxTxs);
        }
        for (AccountKey a : signers(s.tx())) {
            if (perSigner.getOrDefault(a, 0) >= maxPerSigner) {
                return new NodeException(Reason.FULL, perSigner.get(a), maxPerSigner);
            }
        }
        return null;
    }

    /**
     * Up to maxTxs transactions of at most maxBytes encoded bytes in all, in arrival order, each
     * taken only if every signer's nonce is the next one (the ledger's, advanced by the
     * transactions taken before it); transactions whose hashes are in {@code exclude} (in a block
     * decided but not yet applied) are skipped, and their nonces count as used.
     */
    public List<SignedTx> reap(Ledger ledger, int maxTxs, long maxBytes, Set<ByteBuffer> exclude, List<SignedTx> pendingBlocksTxs) {
        Map<Object, Long> next = new HashMap<>();
        for (SignedTx s : pendingBlocksTxs) {
            Transaction t = s.tx();
            AccountKey[] ks = signers(t);
            long[] ns = nonces(t);
            for (int j = 0; j < ks.length; j++) {
                Object id = slot(t, ks[j]);
                long cur = next.containsKey(id) ? next.get(id) : nextNonce(ledger, t, ks[j]);
                if (ns[j] == cur) {
                    next.put(id, cur + 1);
                }
            }
        }
        List<SignedTx> out = new ArrayList<>();
        long used = 0;
        // several passes: a later arrival may unlock an earlier one (nonce order differs from arrival
        // order). The first pass walks the whole pool in arrival order; each later pass walks, in the
        // same order, only the entries an earlier pass left for a nonce that was not next yet (an
        // entry left for the exclusion or the byte limit stays out: both only get stricter), so the
        // block is the one full passes would build, at the cost of one pass and the deferred rest.
        List<Entry> candidates = new ArrayList<>(byHash.values());
        boolean progress = true;
        while (progress && out.size() < maxTxs && !candidates.isEmpty()) {
            progress = false;
            List<Entry> deferred = new ArrayList<>();
            for (Entry e : candidates) {
                if (out.size() >= maxTxs) {
                    break;
                }
                if (exclude.contains(e.hash) || used + 2 + e.encoded.length > maxBytes) {
                    continue;
                }
                Transaction t = e.tx.tx();
                AccountKey[] ks = signers(t);
                long[] ns = nonces(t);
                boolean fits = true;
                for (int j = 0; j < ks.length; j++) {
                    Object id = slot(t, ks[j]);
                    long cur = next.containsKey(id) ? next.get(id) : nextNonce(ledger, t, ks[j]);
                    fits &= ns[j] == cur;
                }
                if (ks.length == 2 && ks[0].sameKey(ks[1])) {
                    continue; // a self-trade's two nonces cannot both be next
                }
                if (!fits) {
                    deferred.add(e);
                    continue;
                }
                for (int j = 0; j < ks.length; j++) {
                    Object id = slot(t, ks[j]);
                    next.put(id, ns[j] + 1);
                }
                out.add(e.tx);
                used += 2 + e.encoded.length;
                progress = true;
            }
            candidates = deferred;
        }
        return out;
    }

    /** The nonce sequence a signer's transaction draws from: its account's, its reporter key's or its governance key's. */
    private static Object slot(Transaction t, AccountKey k) {
        // (kind, key) as a map key, not a string: building the key's hex text per transaction and pass was
        // a visible share of the proposer's reap in the cluster benchmark's profile
        return new java.util.AbstractMap.SimpleImmutableEntry<>(t.type() == Transaction.REPORT ? 'r' : t.isGovernance() ? 'g' : 'a', k);
    }

    /** After a block is applied: drops its transactions (by hash) and every one made stale by the ledger's nonces. */
    public int evict(Set<ByteBuffer> blockHashes, Ledger ledger) {
        int dropped = 0;
        Iterator<Entry> it = byHash.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            boolean stale = blockHashes.contains(e.hash);
            Transaction t = e.tx.tx();
            AccountKey[] ks = signers(t);
            long[] ns = nonces(t);
            for (int j = 0; j < ks.length && !stale; j++) {
                stale = ns[j] < nextNonce(ledger, t, ks[j]);
            }
            if (stale) {
                it.remove();
                bytes -= e.encoded.length;
                for (AccountKey a : ks) {
                    perSigner.computeIfPresent(a, (k, c) -> c <= 1 ? null : c - 1);
                }
                dropped++;
            }
        }
        return dropped;
    }
}
