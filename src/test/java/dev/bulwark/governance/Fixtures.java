package dev.bulwark.governance;

import java.util.ArrayList;
import java.util.List;

/** Shared configurations and a complete textual snapshot of a Governance state. */
final class Fixtures {
    private Fixtures() {
    }

    static final long CHAIN = 7;

    /** Eight keys, at most eight owners, chain 7, a timelock of two blocks, a nonce window of three,
     *  im 1000..5000, mm 500..2500, fee 0..1000 bps, floor 100 of at most 10,000, three reporters of stake at most 1,000. */
    static GovernanceParams params() {
        return new GovernanceParams(8, 8, CHAIN, 2, 3, 1000, 5000, 500, 2500, 0, 1000, 100, 10_000, 3, 1000);
    }

    /** Owners 0, 1, 2, threshold 2; params 2000/1000/500; fund 1,000; stakes 10 each. */
    static Governance gov() {
        return new Governance(params(), new int[] {0, 1, 2}, 2, 2000, 1000, 500, 1000, new long[] {10, 10, 10});
    }

    static Proposal p(Payload q, long nonce) {
        return new Proposal(q, CHAIN, nonce);
    }

    /** Proposes q at the next nonce by `by`, approves it by every key in `approvers`, queues it. */
    static int queued(Governance g, int by, Payload q, int... approvers) {
        g.propose(by, p(q, g.nonce()));
        for (int k : approvers) {
            g.approve(k, by);
        }
        g.queue(by);
        return by;
    }

    /** queued(...) then the timelock's block ends and the execution. */
    static void executed(Governance g, int by, Payload q, int... approvers) {
        queued(g, by, q, approvers);
        for (long i = 0; i < g.params().delayBlocks; i++) {
            g.endBlock();
        }
        g.execute(by);
    }

    /** Every variable of the state, in one string (equal strings = equal states). */
    static String snapshot(Governance g) {
        StringBuilder b = new StringBuilder();
        b.append("h=").append(g.height()).append(" owners=").append(java.util.Arrays.toString(g.owners()))
                .append(" t=").append(g.threshold()).append(" nonce=").append(g.nonce())
                .append(" params=").append(g.imBps()).append('/').append(g.mmBps()).append('/').append(g.feeBps())
                .append(" pending=").append(g.hasPendingParams()).append(':').append(g.pendingImBps()).append('/')
                .append(g.pendingMmBps()).append('/').append(g.pendingFeeBps()).append(" fund=").append(g.fund())
                .append(" stake=").append(java.util.Arrays.toString(g.stakes()));
        for (int s = 0; s < g.keys(); s++) {
            List<Integer> a = new ArrayList<>();
            for (int k = 0; k < g.keys(); k++) {
                if (g.hasApproved(s, k)) {
                    a.add(k);
                }
            }
            b.append(" | ").append(s).append(": ").append(g.proposalOf(s)).append(" by ").append(a).append(" q=")
                    .append(g.queuedAt(s));
        }
        return b.toString();
    }
}
