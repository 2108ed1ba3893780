package dev.bulwark.ledger.state;

import dev.bulwark.ledger.Block;
import dev.bulwark.ledger.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The canonical binary encoding of a block, and its hash.
 *
 * <pre>
 *   magic "BWBK" (4) | version 2 (1) | chain id (8) | height (8) | previous app hash (32)
 *   | transaction count (4) | per transaction: its length (2) | its encoding (TxCodec)
 *   hash = SHA-256(PURPOSE "bulwark/block/v1" | the bytes above)
 * </pre>
 *
 * The header of block h carries the app hash after height h - 1 (block 1: the genesis app hash),
 * CometBFT's rule: a commit certificate of block h, which certifies the block's hash, therefore
 * certifies the state after h - 1, and a snapshot of height h - 1 can be checked against it
 * ({@code Snapshot.decodeTrusted}). The codec only carries the field; the replica refuses to apply
 * a block whose previous app hash is not its own ({@code Replica.applyNext}, BAD_APP_HASH), and a
 * validator refuses to accept such a proposal. Version 1 (no app hash) is refused as MALFORMED,
 * as is a height below 1.
 *
 * Bounds, checked before anything is parsed or allocated: at most {@link #MAX_BLOCK_BYTES} bytes
 * and {@link Block#MAX_TXS} transactions (OVERSIZED); every transaction at most
 * {@link TxCodec#MAX_TX_BYTES}, but at most {@link #MAX_GOV_PROPOSALS} GovPropose transactions
 * (each with its approvals, at most {@link TxCodec#MAX_GOV_TX_BYTES}).  Anything else that is not exactly one canonical block --
 * magic, version, lengths, trailing bytes, a transaction that does not decode -- is MALFORMED.
 * A decoded block is a valid frame for the core (no null, within MAX_TXS).
 */
public final class BlockCodec {
    public static final int MAGIC = 0x4257424B;   // "BWBK"
    public static final byte VERSION = 2;
    public static final byte[] PURPOSE = "bulwark/block/v1".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of the previous app hash in the header. */
    public static final int APP_HASH_BYTES = 32;
    /** Bytes of the header (everything before the first transaction). */
    public static final int HEADER = 4 + 1 + 8 + 8 + APP_HASH_BYTES + 4;
    private static final int COUNT_AT = 4 + 1 + 8 + 8 + APP_HASH_BYTES;
    /** Bound on the GovPropose transactions of one block (they carry up to 32 approvals each). */
    public static final int MAX_GOV_PROPOSALS = 64;
    /** Bound on an encoded block: the header, MAX_TXS transactions of the largest size, 64 of them GovPropose. */
    public static final int MAX_BLOCK_BYTES = HEADER + Block.MAX_TXS * (2 + TxCodec.MAX_TX_BYTES)
            + MAX_GOV_PROPOSALS * (TxCodec.MAX_GOV_TX_BYTES - TxCodec.MAX_TX_BYTES);

    private BlockCodec() {
    }

    /** Encodes a block of signed transactions whose header carries {@code prevAppHash} (32 bytes: the app hash after height - 1). */
    public static byte[] encode(long chainId, long height, byte[] prevAppHash, List<SignedTx> txs) {
        if (prevAppHash == null || prevAppHash.length != APP_HASH_BYTES || height < 1) {
            throw new StateException(Reason.MALFORMED, prevAppHash == null ? -1 : prevAppHash.length, height);
        }
        if (txs == null || txs.size() > Block.MAX_TXS) {
            throw new StateException(Reason.OVERSIZED, txs == null ? -1 : txs.size(), Block.MAX_TXS);
        }
        byte[][] parts = new byte[txs.size()][];
        int size = HEADER;
        int proposals = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = TxCodec.encode(txs.get(i));
            size += 2 + parts[i].length;
            if (parts[i].length > TxCodec.MAX_TX_BYTES && ++proposals > MAX_GOV_PROPOSALS) {
                throw new StateException(Reason.OVERSIZED, proposals, MAX_GOV_PROPOSALS);
            }
        }
        byte[] b = new byte[size];
        AppHash.putInt(b, 0, MAGIC);
        b[4] = VERSION;
        AppHash.putLong(b, 5, chainId);
        AppHash.putLong(b, 13, height);
        System.arraycopy(prevAppHash, 0, b, 21, APP_HASH_BYTES);
        AppHash.putInt(b, COUNT_AT, parts.length);
        int o = HEADER;
        for (byte[] p : parts) {
            b[o] = (byte) (p.length >>> 8);
            b[o + 1] = (byte) p.length;
            System.arraycopy(p, 0, b, o + 2, p.length);
            o += 2 + p.length;
        }
        return b;
    }

    /** The block hash of encoded bytes. */
    public static BlockHash hash(byte[] block) {
        MessageDigest md = AppHash.sha256();
        md.update(PURPOSE);
        md.update(block);
        return new BlockHash(md.digest());
    }

    /** Decodes exactly one canonical block. */
    public static DecodedBlock decode(byte[] b) {
        if (b == null) {
            throw new StateException(Reason.MALFORMED, -1, 0);
        }
        if (b.length > MAX_BLOCK_BYTES) {
            throw new StateException(Reason.OVERSIZED, b.length, MAX_BLOCK_BYTES);
        }
        if (b.length < HEADER || TxCodec.getInt(b, 0) != MAGIC || b[4] != VERSION) {
            throw new StateException(Reason.MALFORMED, b.length, 0);
        }
        long chain = TxCodec.getLong(b, 5);
        long height = TxCodec.getLong(b, 13);
        if (height < 1) {
            throw new StateException(Reason.MALFORMED, height, 1);
        }
        byte[] prev = java.util.Arrays.copyOfRange(b, 21, 21 + APP_HASH_BYTES);
        int n = TxCodec.getInt(b, COUNT_AT);
        if (n < 0 || n > Block.MAX_TXS) {
            throw new StateException(Reason.OVERSIZED, n, Block.MAX_TXS);
        }
        SignedTx[] txs = new SignedTx[n];
        Transaction[] core = new Transaction[n];
        int o = HEADER;
        int proposals = 0;
        for (int i = 0; i < n; i++) {
            if (o + 2 > b.length) {
                throw new StateException(Reason.MALFORMED, i, o);
            }
            int len = ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
            o += 2;
            if (len > b.length - o) {
                throw new StateException(Reason.MALFORMED, i, len);
            }
            if (len > TxCodec.MAX_TX_BYTES && ++proposals > MAX_GOV_PROPOSALS) {
                throw new StateException(Reason.OVERSIZED, proposals, MAX_GOV_PROPOSALS);
            }
            txs[i] = TxCodec.decode(b, o, len);
            core[i] = txs[i].tx();
            o += len;
        }
        if (o != b.length) {
            throw new StateException(Reason.MALFORMED, o, b.length);
        }
        return new DecodedBlock(new Block(chain, height, core), txs, hash(b), prev);
    }
}
