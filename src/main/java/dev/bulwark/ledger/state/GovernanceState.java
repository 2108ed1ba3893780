package dev.bulwark.ledger.state;

import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceException;
import dev.bulwark.governance.Proposal;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;

/**
 * The canonical bytes of a ledger's governance state (LedgerApp's {@code g} and the governance
 * keys' nonces), for snapshots and the app hash.  Empty for a ledger without governance.
 * <pre>
 *   g x nonce (8)                        (g = the config's governance keys, r = its reporters)
 *   | owners: g x (0|1) | threshold (4) | governance nonce (8)
 *   | per slot s of g: open (1) [ | proposal (ProposalCodec) | approvals g x (0|1) | queued at (8) ]
 *   | im (8) | mm (8) | fee (8) | pending (1) | pending im, mm, fee (24)
 *   | r x stake (8)
 * </pre>
 * The governance height is the ledger's, its fund the engine's insurance: neither is repeated.
 */
public final class GovernanceState {
    private GovernanceState() {
    }

    /** The governance bytes of l (empty without governance). */
    public static byte[] encode(Ledger l) {
        Governance g = l.governance();
        if (g == null) {
            return new byte[0];
        }
        int n = g.keys();
        int r = g.reporters();
        int size = 8 * n + n + 4 + 8 + 1 + 24 + 24 + 8 * r;
        for (int s = 0; s < n; s++) {
            size += 1;
            if (g.proposalOf(s) != null) {
                size += ProposalCodec.bytes(g.proposalOf(s)) + n + 8;
            }
        }
        byte[] b = new byte[size];
        int o = 0;
        for (int k = 0; k < n; k++) {
            o = AppHash.putLong(b, o, l.govNonce(k));
        }
        for (int k = 0; k < n; k++) {
            b[o++] = (byte) (g.isOwner(k) ? 1 : 0);
        }
        o = AppHash.putInt(b, o, g.threshold());
        o = AppHash.putLong(b, o, g.nonce());
        for (int s = 0; s < n; s++) {
            Proposal p = g.proposalOf(s);
            b[o++] = (byte) (p == null ? 0 : 1);
            if (p != null) {
                o = ProposalCodec.write(b, o, p);
                for (int k = 0; k < n; k++) {
                    b[o++] = (byte) (g.hasApproved(s, k) ? 1 : 0);
                }
                o = AppHash.putLong(b, o, g.queuedAt(s));
            }
        }
        o = AppHash.putLong(b, o, g.imBps());
        o = AppHash.putLong(b, o, g.mmBps());
        o = AppHash.putLong(b, o, g.feeBps());
        b[o++] = (byte) (g.hasPendingParams() ? 1 : 0);
        o = AppHash.putLong(b, o, g.hasPendingParams() ? g.pendingImBps() : 0);
        o = AppHash.putLong(b, o, g.hasPendingParams() ? g.pendingMmBps() : 0);
        o = AppHash.putLong(b, o, g.hasPendingParams() ? g.pendingFeeBps() : 0);
        for (int i = 0; i < r; i++) {
            o = AppHash.putLong(b, o, g.stakeOf(i));
        }
        if (o != b.length) {
            throw new IllegalStateException("governance bytes " + o + " != " + b.length);
        }
        return b;
    }

    /** Governance and the keys' nonces read from b[off..]; {@link #end} tells where they stopped. */
    static final class Decoded {
        final Governance governance;
        final long[] nonces;
        final int end;

        Decoded(Governance governance, long[] nonces, int end) {
            this.governance = governance;
            this.nonces = nonces;
            this.end = end;
        }
    }

    /**
     * Reads a governance section for a ledger of this config at this height with this fund;
     * MALFORMED when the bytes are not one, INVALID_STATE when governance refuses the state.
     */
    static Decoded decode(LedgerConfig config, byte[] b, int off, int end, long height, long fund) {
        if (config.governance() == null) {
            return new Decoded(null, new long[0], off);
        }
        int n = config.governanceKeyCount();
        int r = config.reporterCount();
        Cursor c = new Cursor(b, off, end);
        long[] nonces = new long[n];
        for (int k = 0; k < n; k++) {
            nonces[k] = c.getLong();
        }
        boolean[] owners = new boolean[n];
        for (int k = 0; k < n; k++) {
            owners[k] = c.bool();
        }
        int threshold = c.getInt();
        long nonce = c.getLong();
        Proposal[] proposals = new Proposal[n];
        boolean[][] approvals = new boolean[n][n];
        long[] queued = new long[n];
        for (int s = 0; s < n; s++) {
            queued[s] = Governance.NOT_QUEUED;
            if (c.bool()) {
                int len = ProposalCodec.lengthAt(b, c.p, end);
                proposals[s] = ProposalCodec.read(b, c.p, end);
                c.p += len;
                for (int k = 0; k < n; k++) {
                    approvals[s][k] = c.bool();
                }
                queued[s] = c.getLong();
            }
        }
        long im = c.getLong();
        long mm = c.getLong();
        long fee = c.getLong();
        boolean pending = c.bool();
        long pim = c.getLong();
        long pmm = c.getLong();
        long pfee = c.getLong();
        long[] stake = new long[r];
        for (int i = 0; i < r; i++) {
            stake[i] = c.getLong();
        }
        try {
            Governance g = Governance.fromState(config.governance(), height, owners, threshold, nonce, proposals,
                    approvals, queued, im, mm, fee, pending, pim, pmm, pfee, fund, stake);
            return new Decoded(g, nonces, c.p);
        } catch (GovernanceException x) {
            throw new StateException(Reason.INVALID_STATE, 20, x.reason().ordinal());
        }
    }

    private static final class Cursor {
        final byte[] b;
        int p;
        final int end;

        Cursor(byte[] b, int p, int end) {
            this.b = b;
            this.p = p;
            this.end = end;
        }

        private void need(int k) {
            if (end - p < k) {
                throw new StateException(Reason.MALFORMED, p, end);
            }
        }

        boolean bool() {
            need(1);
            byte v = b[p++];
            if (v != 0 && v != 1) {
                throw new StateException(Reason.MALFORMED, p, v);
            }
            return v == 1;
        }

        int getInt() {
            need(4);
            int v = TxCodec.getInt(b, p);
            p += 4;
            return v;
        }

        long getLong() {
            need(8);
            long v = TxCodec.getLong(b, p);
            p += 8;
            return v;
        }
    }
}
