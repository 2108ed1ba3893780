package dev.bulwark.net;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Canonical binary encoding of governance proposals and of the signed approvals that carry them.
 * One fixed layout per kind, big-endian, no optional fields, so every proposal has exactly one
 * encoding and {@code encode(decode(b)) = b} for every accepted b.  The encoding is the
 * proposal's identity: what an owner signs, and what two approvals must share to count for the
 * same proposal.
 *
 * <pre>
 * proposal:  magic "BWGV" (4) | version 1 (1) | purpose (1) | chain id int64
 *            | nonce int64 (&gt;= 0) | kind (1) | payload
 * payload:   SetParams        im int64 | mm int64 | fee int64            (24 bytes)
 *            Withdraw         amount int64                               (8)
 *            SetStake         reporter int32 | stake int64               (12)
 *            AddOwner         owner key (32) | threshold int32           (36)
 *            RemoveOwner      owner key (32) | threshold int32           (36)
 *            SwapOwner        old key (32) | new key (32)                (64)
 *            ChangeThreshold  threshold int32                            (4)
 *            Cancel           -                                          (0)
 * message:   proposal | signer key (32) | Ed25519 signature (64) over SIGN_DOMAIN | proposal
 * purpose:   1 = approval (submits the proposal, or approves it if it is open),
 *            2 = retraction (the proposer withdraws its open proposal)
 * </pre>
 *
 * Keys are raw Ed25519 public keys (32 bytes), mapped to the core's indices by the
 * {@link GovernanceKeys} registry.  Domain separation: the signed bytes begin with
 * {@link #SIGN_DOMAIN} (no other Bulwark signature does: consensus signs "bulwark/consensus/v1",
 * oracle reports begin with the magic "BWOR"), then the magic, the purpose tag, the chain id and
 * the nonce, so an approval is valid for one purpose, one chain and one nonce (a retraction is
 * no approval, and the reverse).  Messages longer
 * than {@link #MAX_MESSAGE_BYTES} are refused before any parsing.
 */
public final class GovernanceCodec {
    public static final int MAGIC = 0x42574756; // "BWGV"
    public static final byte VERSION = 1;
    /** Purpose tag of an approval. */
    public static final byte PURPOSE_APPROVAL = 1;
    /** Purpose tag of a retraction by the proposer. */
    public static final byte PURPOSE_RETRACTION = 2;
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 4 + 1 + 1 + 8 + 8 + 1;
    public static final int KEY_BYTES = GovernanceKeys.KEY_BYTES;
    public static final int SIGNATURE_BYTES = 64;
    /** The longest proposal (SwapOwner). */
    public static final int MAX_PROPOSAL_BYTES = HEADER_BYTES + 2 * KEY_BYTES;
    /** Larger messages are refused before any parsing (OVERSIZED). */
    public static final int MAX_MESSAGE_BYTES = 256;
    /** Domain separation of the signed bytes. */
    public static final byte[] SIGN_DOMAIN = "bulwark/governance/v1".getBytes(StandardCharsets.US_ASCII);

    private static final int KIND_OFFSET = HEADER_BYTES - 1;

    private GovernanceCodec() {
    }

    /** Payload length of a kind, or -1 for an unknown kind byte. */
    public static int payloadBytes(int kind) {
        switch (kind) {
            case Payload.SET_PARAMS: return 24;
            case Payload.WITHDRAW: return 8;
            case Payload.SET_STAKE: return 12;
            case Payload.ADD_OWNER:
            case Payload.REMOVE_OWNER: return KEY_BYTES + 4;
            case Payload.SWAP_OWNER: return 2 * KEY_BYTES;
            case Payload.CHANGE_THRESHOLD: return 4;
            case Payload.CANCEL: return 0;
            default: return -1;
        }
    }

    /**
     * The canonical encoding of p (keys from the registry).  Throws IllegalArgumentException for a
     * proposal that cannot be encoded (no payload, a negative nonce, a key index not in the
     * registry): the sender's bug, not traffic.
     */
    public static byte[] encode(Proposal p, GovernanceKeys keys) {
        return encode(p, keys, PURPOSE_APPROVAL);
    }

    /** The encoding of p with the given purpose tag (PURPOSE_APPROVAL or PURPOSE_RETRACTION). */
    public static byte[] encode(Proposal p, GovernanceKeys keys, byte purpose) {
        if (keys == null) {
            throw new IllegalArgumentException("no key registry");
        }
        byte[][] raw = new byte[keys.size()][];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = keys.raw(k);
        }
        return encode(p, raw, purpose);
    }

    /**
     * The encoding of p with the registry given as raw 32-byte keys (index = key index), e.g. the
     * ledger's governance keys.
     */
    public static byte[] encode(Proposal p, byte[][] rawKeys, byte purpose) {
        if (p == null || p.payload() == null || p.nonce() < 0
                || (purpose != PURPOSE_APPROVAL && purpose != PURPOSE_RETRACTION)) {
            throw new IllegalArgumentException("cannot encode " + p);
        }
        Payload q = p.payload();
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payloadBytes(q.kind())).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC).put(VERSION).put(purpose).putLong(p.chainId()).putLong(p.nonce()).put((byte) q.kind());
        if (q instanceof ParamsChange c) {
            b.putLong(c.imBps()).putLong(c.mmBps()).putLong(c.feeBps());
        } else if (q instanceof FundWithdrawal c) {
            b.putLong(c.amount());
        } else if (q instanceof StakeChange c) {
            b.putInt(c.reporter()).putLong(c.stake());
        } else if (q instanceof OwnerAddition c) {
            b.put(key(rawKeys, c.owner())).putInt(c.threshold());
        } else if (q instanceof OwnerRemoval c) {
            b.put(key(rawKeys, c.owner())).putInt(c.threshold());
        } else if (q instanceof OwnerSwap c) {
            b.put(key(rawKeys, c.oldOwner())).put(key(rawKeys, c.newOwner()));
        } else if (q instanceof ThresholdChange c) {
            b.putInt(c.threshold());
        }
        return b.array();
    }

    private static byte[] key(byte[][] keys, int k) {
        if (keys == null || k < 0 || k >= keys.length || keys[k] == null || keys[k].length != KEY_BYTES) {
            throw new IllegalArgumentException("key index " + k + " is not in the registry");
        }
        return keys[k];
    }

    /** The bytes an owner signs: the domain, then the proposal's encoding. */
    public static byte[] signingBytes(byte[] proposal) {
        byte[] out = Arrays.copyOf(SIGN_DOMAIN, SIGN_DOMAIN.length + proposal.length);
        System.arraycopy(proposal, 0, out, SIGN_DOMAIN.length, proposal.length);
        return out;
    }

    /** proposal | signer key | signature. */
    public static byte[] message(byte[] proposal, byte[] signerKey, byte[] signature) {
        if (signerKey == null || signerKey.length != KEY_BYTES || signature == null
                || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("a 32-byte key and a 64-byte signature are required");
        }
        byte[] out = Arrays.copyOf(proposal, proposal.length + KEY_BYTES + SIGNATURE_BYTES);
        System.arraycopy(signerKey, 0, out, proposal.length, KEY_BYTES);
        System.arraycopy(signature, 0, out, proposal.length + KEY_BYTES, SIGNATURE_BYTES);
        return out;
    }

    /**
     * A message split into its parts, checked for form only (no key lookup, no signature check):
     * {@code proposal} are the exact bytes that were signed after the domain.
     */
    public static final class Parts {
        public final byte[] proposal;
        public final byte[] signerKey;
        public final byte[] signature;
        public final long chainId;
        public final long nonce;
        public final int kind;
        public final byte purpose;

        Parts(byte[] proposal, byte[] signerKey, byte[] signature, byte purpose, long chainId, long nonce, int kind) {
            this.proposal = proposal;
            this.purpose = purpose;
            this.signerKey = signerKey;
            this.signature = signature;
            this.chainId = chainId;
            this.nonce = nonce;
            this.kind = kind;
        }
    }

    /** Splits a message; refuses anything that is not one canonical proposal followed by a key and a signature. */
    public static Parts split(byte[] message) {
        if (message == null) {
            throw malformed(-1, HEADER_BYTES);
        }
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new GovernanceGatewayException(GovernanceGatewayException.Reason.OVERSIZED, message.length,
                    MAX_MESSAGE_BYTES);
        }
        if (message.length < HEADER_BYTES) {
            throw malformed(message.length, HEADER_BYTES);
        }
        int kind = message[KIND_OFFSET];
        int len = payloadBytes(kind);
        if (len < 0) {
            throw malformed(kind, Payload.CANCEL);
        }
        int proposalBytes = HEADER_BYTES + len;
        if (message.length != proposalBytes + KEY_BYTES + SIGNATURE_BYTES) {
            throw malformed(message.length, proposalBytes + KEY_BYTES + SIGNATURE_BYTES);
        }
        byte[] proposal = Arrays.copyOf(message, proposalBytes);
        ByteBuffer b = ByteBuffer.wrap(proposal).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt();
        byte version = b.get();
        byte purpose = b.get();
        long chainId = b.getLong();
        long nonce = b.getLong();
        if (magic != MAGIC) {
            throw malformed(magic, MAGIC);
        }
        if (version != VERSION) {
            throw malformed(version, VERSION);
        }
        if (purpose != PURPOSE_APPROVAL && purpose != PURPOSE_RETRACTION) {
            throw malformed(purpose, PURPOSE_APPROVAL);
        }
        if (nonce < 0) {
            throw malformed(nonce, 0);
        }
        return new Parts(proposal, Arrays.copyOfRange(message, proposalBytes, proposalBytes + KEY_BYTES),
                Arrays.copyOfRange(message, proposalBytes + KEY_BYTES, message.length), purpose, chainId, nonce, kind);
    }

    /**
     * Decodes the proposal of checked parts (keys through the registry).  Refuses a payload key
     * that is not registered (UNKNOWN_KEY, first: 0 for the first key of the payload, 1 for the
     * second).  Values are not judged here (a threshold of 0, a negative amount): the core refuses
     * them with its own reasons.
     */
    public static Proposal decode(Parts parts, GovernanceKeys keys) {
        ByteBuffer b = ByteBuffer.wrap(parts.proposal, HEADER_BYTES, parts.proposal.length - HEADER_BYTES)
                .order(ByteOrder.BIG_ENDIAN);
        Payload q;
        switch (parts.kind) {
            case Payload.SET_PARAMS:
                q = new ParamsChange(b.getLong(), b.getLong(), b.getLong());
                break;
            case Payload.WITHDRAW:
                q = new FundWithdrawal(b.getLong());
                break;
            case Payload.SET_STAKE:
                q = new StakeChange(b.getInt(), b.getLong());
                break;
            case Payload.ADD_OWNER:
                q = new OwnerAddition(keyAt(parts.proposal, HEADER_BYTES, keys, 0), b.getInt(HEADER_BYTES + KEY_BYTES));
                break;
            case Payload.REMOVE_OWNER:
                q = new OwnerRemoval(keyAt(parts.proposal, HEADER_BYTES, keys, 0), b.getInt(HEADER_BYTES + KEY_BYTES));
                break;
            case Payload.SWAP_OWNER:
                q = new OwnerSwap(keyAt(parts.proposal, HEADER_BYTES, keys, 0),
                        keyAt(parts.proposal, HEADER_BYTES + KEY_BYTES, keys, 1));
                break;
            case Payload.CHANGE_THRESHOLD:
                q = new ThresholdChange(b.getInt());
                break;
            default:
                q = new Cancellation();
        }
        return new Proposal(q, parts.chainId, parts.nonce);
    }

    private static int keyAt(byte[] bytes, int offset, GovernanceKeys keys, int which) {
        int k = keys.indexOf(bytes, offset);
        if (k < 0) {
            throw new GovernanceGatewayException(GovernanceGatewayException.Reason.UNKNOWN_KEY, which, keys.size());
        }
        return k;
    }

    private static GovernanceGatewayException malformed(long got, long expected) {
        return new GovernanceGatewayException(GovernanceGatewayException.Reason.MALFORMED, got, expected);
    }
}
