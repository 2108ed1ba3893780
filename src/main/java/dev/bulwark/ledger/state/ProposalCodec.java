package dev.bulwark.ledger.state;

import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.OwnerAddition;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;

/**
 * The ledger's canonical encoding of a governance proposal inside a transaction and a snapshot:
 * one fixed layout per kind, big-endian, keys by their governance index (the config's registry).
 * <pre>
 *   kind (1) | chain id (8) | nonce (8) | payload:
 *     SetParams       im (8) | mm (8) | fee (8)          Withdraw   amount (8)
 *     SetStake        reporter (4) | stake (8)           Cancel     -
 *     AddOwner, RemoveOwner   owner index (4) | threshold (4)
 *     SwapOwner       old index (4) | new index (4)      ChangeThreshold   threshold (4)
 * </pre>
 * What owners sign is not this but {@code dev.bulwark.net.GovernanceCodec}'s encoding (raw keys,
 * purpose, domain); {@link TxSignatures} rebuilds it from the decoded proposal and the registry.
 * Numbers are not range-checked here: governance's rule refuses out-of-bound payloads.
 */
public final class ProposalCodec {
    /** Largest encoding (a SetParams). */
    public static final int MAX_BYTES = 1 + 8 + 8 + 24;

    private ProposalCodec() {
    }

    /** Length of the payload of this kind, or -1 for no kind. */
    public static int payloadBytes(int kind) {
        switch (kind) {
            case Payload.SET_PARAMS: return 24;
            case Payload.WITHDRAW: return 8;
            case Payload.SET_STAKE: return 12;
            case Payload.ADD_OWNER:
            case Payload.REMOVE_OWNER:
            case Payload.SWAP_OWNER: return 8;
            case Payload.CHANGE_THRESHOLD: return 4;
            case Payload.CANCEL: return 0;
            default: return -1;
        }
    }

    /** Length of the encoding of p. */
    public static int bytes(Proposal p) {
        return 17 + payloadBytes(p.payload().kind());
    }

    /** Writes p at b[o..]; returns the offset after it. */
    public static int write(byte[] b, int o, Proposal p) {
        Payload q = p.payload();
        b[o++] = (byte) q.kind();
        o = AppHash.putLong(b, o, p.chainId());
        o = AppHash.putLong(b, o, p.nonce());
        if (q instanceof ParamsChange) {
            ParamsChange c = (ParamsChange) q;
            o = AppHash.putLong(b, o, c.imBps());
            o = AppHash.putLong(b, o, c.mmBps());
            o = AppHash.putLong(b, o, c.feeBps());
        } else if (q instanceof FundWithdrawal) {
            o = AppHash.putLong(b, o, ((FundWithdrawal) q).amount());
        } else if (q instanceof StakeChange) {
            o = AppHash.putInt(b, o, ((StakeChange) q).reporter());
            o = AppHash.putLong(b, o, ((StakeChange) q).stake());
        } else if (q instanceof OwnerAddition) {
            o = AppHash.putInt(b, o, ((OwnerAddition) q).owner());
            o = AppHash.putInt(b, o, ((OwnerAddition) q).threshold());
        } else if (q instanceof OwnerRemoval) {
            o = AppHash.putInt(b, o, ((OwnerRemoval) q).owner());
            o = AppHash.putInt(b, o, ((OwnerRemoval) q).threshold());
        } else if (q instanceof OwnerSwap) {
            o = AppHash.putInt(b, o, ((OwnerSwap) q).oldOwner());
            o = AppHash.putInt(b, o, ((OwnerSwap) q).newOwner());
        } else if (q instanceof ThresholdChange) {
            o = AppHash.putInt(b, o, ((ThresholdChange) q).threshold());
        }
        return o;
    }

    /** The encoding of p alone. */
    public static byte[] encode(Proposal p) {
        byte[] b = new byte[bytes(p)];
        write(b, 0, p);
        return b;
    }

    /** The kind at b[o] and its encoding's length, or MALFORMED when b holds fewer bytes. */
    static int lengthAt(byte[] b, int o, int end) {
        if (o >= end) {
            throw new StateException(Reason.MALFORMED, o, end);
        }
        int pl = payloadBytes(b[o]);
        if (pl < 0 || end - o < 17 + pl) {
            throw new StateException(Reason.MALFORMED, b[o], end - o);
        }
        return 17 + pl;
    }

    /** Reads the proposal at b[o..end); MALFORMED if it is not one. */
    public static Proposal read(byte[] b, int o, int end) {
        lengthAt(b, o, end);
        int kind = b[o];
        long chain = TxCodec.getLong(b, o + 1);
        long nonce = TxCodec.getLong(b, o + 9);
        int p = o + 17;
        Payload q;
        switch (kind) {
            case Payload.SET_PARAMS:
                q = new ParamsChange(TxCodec.getLong(b, p), TxCodec.getLong(b, p + 8), TxCodec.getLong(b, p + 16));
                break;
            case Payload.WITHDRAW:
                q = new FundWithdrawal(TxCodec.getLong(b, p));
                break;
            case Payload.SET_STAKE:
                q = new StakeChange(TxCodec.getInt(b, p), TxCodec.getLong(b, p + 4));
                break;
            case Payload.ADD_OWNER:
                q = new OwnerAddition(TxCodec.getInt(b, p), TxCodec.getInt(b, p + 4));
                break;
            case Payload.REMOVE_OWNER:
                q = new OwnerRemoval(TxCodec.getInt(b, p), TxCodec.getInt(b, p + 4));
                break;
            case Payload.SWAP_OWNER:
                q = new OwnerSwap(TxCodec.getInt(b, p), TxCodec.getInt(b, p + 4));
                break;
            case Payload.CHANGE_THRESHOLD:
                q = new ThresholdChange(TxCodec.getInt(b, p));
                break;
            default:
                q = new Cancellation();
                break;
        }
        return new Proposal(q, chain, nonce);
    }
}
