package dev.bulwark.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Long random histories of calls, valid and invalid, with up to {@link Governance#MAX_KEYS} keys,
 * {@link Governance#MAX_OWNERS} owners and thresholds up to the owner count -- far beyond the
 * spec's model bounds.  After every step, on the Java state: the spec's invariants (ThresholdSane,
 * ApprovalsByOwners, ParamsInBounds, StakeSane, OpenForThisChain, the fund's bounds, the slot
 * structure) and its step properties, each checked against the test's own record rather than
 * against the class's fields: NoExecutionWithoutQuorum (the approvals of distinct owners counted
 * by the test before the step), NoReplay (the test's set of consumed nonces), RemovedOwnerApprovalsVoid,
 * TimelockRespected (heights of queueing recorded by the test), FundFloor, ParamsAtBlockBoundary;
 * and the approvals are exactly the test's model of them: a key's approval of a slot's current
 * proposal, given by its own call, dropped with the slot and voided when the key leaves.  Every refused call left the
 * state unchanged and had its canXxx false; every accepted one had it true.
 */
class GovernancePropertiesTest {

    static final AtomicLong EXECUTIONS = new AtomicLong();
    static final AtomicLong CANCELS = new AtomicLong();
    static final AtomicLong REMOVALS = new AtomicLong();

    /** A random configuration: small, or at the hard caps (64 keys, 32 owners, any threshold). */
    static Governance randomGovernance(SplittableRandom r, boolean caps) {
        int keys = caps ? Governance.MAX_KEYS : 2 + r.nextInt(14);
        int maxOwners = caps ? Governance.MAX_OWNERS : 1 + r.nextInt(keys);
        long chain = r.nextLong();
        GovernanceParams ps = new GovernanceParams(keys, maxOwners, chain, r.nextInt(4), 1 + r.nextInt(4), 1000, 5000,
                500, 2500, 0, 1000, r.nextInt(50), 200, 1 + r.nextInt(4), 100);
        int owners = caps ? maxOwners : 1 + r.nextInt(maxOwners);
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            all.add(k);
        }
        java.util.Collections.shuffle(all, new java.util.Random(r.nextLong()));
        int[] initial = all.subList(0, owners).stream().mapToInt(Integer::intValue).toArray();
        int threshold = 1 + r.nextInt(owners);
        long[] stake = new long[ps.reporters];
        stake[0] = 1 + r.nextInt(100);
        return new Governance(ps, initial, threshold, 2000, 1000, 500, r.nextInt(201), stake);
    }

    @Property(tries = 60)
    void smallConfigurations(@ForAll long seed, @ForAll @IntRange(min = 50, max = 500) int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        run(randomGovernance(r, false), r, steps);
    }

    @Property(tries = 15)
    void manyOwnersLongHistories(@ForAll long seed, @ForAll @IntRange(min = 500, max = 3000) int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        run(randomGovernance(r, true), r, steps);
    }

    @Example
    void aFixedHistoryExecutesAndCancels() {
        long before = EXECUTIONS.get() + CANCELS.get();
        SplittableRandom r = new SplittableRandom(20261124);
        for (int i = 0; i < 20; i++) {
            run(randomGovernance(r, i % 4 == 0), r, 1500);
        }
        assertTrue(EXECUTIONS.get() + CANCELS.get() > before, "the histories never executed anything");
    }

    @AfterContainer
    static void historiesWereNotVacuous() {
        assertTrue(EXECUTIONS.get() > 0 && CANCELS.get() > 0 && REMOVALS.get() > 0,
                "executions " + EXECUTIONS + ", cancellations " + CANCELS + ", removals " + REMOVALS);
    }

    // ------------------------------------------------------------------------------------ driver

    /** The test's own record of the history. */
    static final class Record {
        final Set<Long> consumed = new HashSet<>();
        final long[] queuedHeight;
        /** since[s][k]: k approved slot s's current proposal, by its own call, and has not left since. */
        final boolean[][] since;

        Record(int keys) {
            queuedHeight = new long[keys];
            Arrays.fill(queuedHeight, -1);
            since = new boolean[keys][keys];
        }
    }

    static void run(Governance g, SplittableRandom r, int steps) {
        Record rec = new Record(g.keys());
        int executed = 0;
        checkInvariants(g);
        for (int i = 0; i < steps; i++) {
            executed += step(g, r, rec) ? 1 : 0;
            checkInvariants(g);
        }
        Statistics.label("executions per history").collect(executed == 0 ? "0" : executed < 5 ? "1-4" : "5+");
    }

    /** One random call; returns true when it consumed a nonce. */
    static boolean step(Governance g, SplittableRandom r, Record rec) {
        int n = g.keys();
        Governance pre = g.copy();
        String before = Fixtures.snapshot(g);
        int w = r.nextInt(20);
        int s = slot(g, r);
        String call;
        boolean can;
        Runnable act;
        if (w < 3) {
            int k = r.nextInt(5) == 0 ? r.nextInt(n + 2) - 1 : owner(g, r);
            Proposal p = randomProposal(g, r);
            call = "propose(" + k + ", " + p + ")";
            can = g.canPropose(k, p);
            act = () -> g.propose(k, p);
        } else if (w < 11) {
            int k = r.nextInt(5) == 0 ? r.nextInt(n + 2) - 1 : approver(g, s, r);
            call = "approve(" + k + ", " + s + ")";
            can = g.canApprove(k, s);
            act = () -> g.approve(k, s);
        } else if (w < 13) {
            call = "queue(" + s + ")";
            can = g.canQueue(s);
            act = () -> g.queue(s);
        } else if (w < 15) {
            call = "execute(" + s + ")";
            can = g.canExecute(s);
            act = () -> g.execute(s);
        } else if (w < 16) {
            call = "cancel(" + s + ")";
            can = g.canCancel(s);
            act = () -> g.cancel(s);
        } else if (w < 18) {
            call = "endBlock()";
            can = g.canEndBlock();
            act = g::endBlock;
        } else if (w < 19) {
            long d = r.nextInt(81) - 40;
            call = "fundFlow(" + d + ")";
            can = g.canFundFlow(d);
            act = () -> g.fundFlow(d);
        } else {
            call = "retract(" + s + ")";
            can = g.canRetract(s);
            act = () -> g.retract(s);
        }
        boolean accepted;
        try {
            act.run();
            accepted = true;
        } catch (GovernanceException e) {
            accepted = false;
        }
        assertEquals(can, accepted, call + ": the guard disagrees with the outcome");
        if (!accepted) {
            assertEquals(before, Fixtures.snapshot(g), call + " was refused but changed the state");
            return false;
        }
        return checkStep(pre, g, call, s, rec);
    }

    /** The step properties of an accepted call; returns true when it consumed a nonce. */
    static boolean checkStep(Governance pre, Governance g, String call, int s, Record rec) {
        int n = g.keys();
        boolean consumes = call.startsWith("execute") || call.startsWith("cancel");
        // ParamsAtBlockBoundary, and heights move only at block ends
        boolean paramsChanged = pre.imBps() != g.imBps() || pre.mmBps() != g.mmBps() || pre.feeBps() != g.feeBps();
        assertTrue(!paramsChanged || call.equals("endBlock()"), call + " changed the parameters mid-block");
        assertEquals(pre.height() + (call.equals("endBlock()") ? 1 : 0), g.height(), call);
        // NoReplay: the nonce moves only by consumption, by exactly one, and each nonce once
        if (consumes) {
            Proposal p = pre.proposalOf(s);
            assertNotNull(p, call);
            assertEquals(pre.nonce(), p.nonce(), call + " consumed a proposal of another nonce");
            assertEquals(pre.nonce() + 1, g.nonce(), call);
            assertTrue(rec.consumed.add(p.nonce()), call + " consumed nonce " + p.nonce() + " again");
            // NoExecutionWithoutQuorum: distinct current owners counted by the test, before the step
            int count = 0;
            for (int k = 0; k < n; k++) {
                count += pre.hasApproved(s, k) && pre.isOwner(k) ? 1 : 0;
            }
            assertTrue(count >= pre.threshold(), call + ": " + count + " approvals, threshold " + pre.threshold());
            if (call.startsWith("execute")) {
                EXECUTIONS.incrementAndGet();
                // TimelockRespected, from the heights the test recorded at queueing
                assertTrue(rec.queuedHeight[s] >= 0, call + " executed a proposal the test never saw queued");
                assertTrue(pre.height() - rec.queuedHeight[s] >= pre.params().delayBlocks, call + " before the timelock");
                // FundFloor
                if (g.fund() < pre.fund()) {
                    assertTrue(g.fund() >= g.params().floor, call + " took the fund below the floor");
                }
                if (p.kind() == Payload.REMOVE_OWNER || p.kind() == Payload.SWAP_OWNER) {
                    REMOVALS.incrementAndGet();
                }
            } else {
                CANCELS.incrementAndGet();
                assertEquals(pre.fund(), g.fund(), call);
                assertEquals(Arrays.toString(pre.owners()), Arrays.toString(g.owners()), call);
            }
            for (int x = 0; x < n; x++) {
                if (g.proposalOf(x) == null) {
                    rec.queuedHeight[x] = -1;
                }
            }
        } else {
            assertEquals(pre.nonce(), g.nonce(), call + " moved the nonce");
            assertTrue(pre.fund() == g.fund() || call.startsWith("fundFlow"), call + " moved the fund");
            assertEquals(Arrays.toString(pre.owners()), Arrays.toString(g.owners()), call + " changed the owners");
        }
        if (call.startsWith("retract")) {
            assertNull(g.proposalOf(s), call);
            rec.queuedHeight[s] = -1;
        }
        if (call.startsWith("queue")) {
            int count = 0;
            for (int k = 0; k < n; k++) {
                count += pre.hasApproved(s, k) && pre.isOwner(k) ? 1 : 0;
            }
            assertTrue(count >= pre.threshold(), call + " queued without a quorum");
            rec.queuedHeight[s] = pre.height();
        }
        // the test's model of the approvals: set by the key's own propose/approve call, cleared with
        // the slot, voided when the key leaves the owners (RemovedOwnerApprovalsVoid)
        if (call.startsWith("propose(")) {
            int k = Integer.parseInt(call.substring(8, call.indexOf(',')));
            rec.since[k] = new boolean[n];
            rec.since[k][k] = true;
        }
        if (call.startsWith("approve(")) {
            rec.since[s][Integer.parseInt(call.substring(8, call.indexOf(',')))] = true;
        }
        for (int x = 0; x < n; x++) {
            if (g.proposalOf(x) == null) {
                rec.since[x] = new boolean[n];
            }
        }
        for (int k = 0; k < n; k++) {
            if (pre.isOwner(k) && !g.isOwner(k)) {
                for (int x = 0; x < n; x++) {
                    assertFalse(g.hasApproved(x, k), call + ": removed owner " + k + " still approves slot " + x);
                    rec.since[x][k] = false;
                }
            }
        }
        for (int x = 0; x < n; x++) {
            for (int k = 0; k < n; k++) {
                assertEquals(rec.since[x][k], g.hasApproved(x, k), call + ": approval of key " + k + " on slot " + x);
            }
        }
        return consumes;
    }

    /** The invariants, on the Java state through its queries. */
    static void checkInvariants(Governance g) {
        GovernanceParams ps = g.params();
        int n = g.keys();
        int[] owners = g.owners();
        // ownerCount is kept in step by the effects (the verified contracts); recount the owners
        int recount = 0;
        for (int k = 0; k < n; k++) {
            if (g.isOwner(k)) {
                assertEquals(k, owners[recount], "owners() lists the owners ascending");
                recount++;
            }
        }
        assertEquals(recount, g.ownerCount(), "ownerCount == |owners|");
        assertEquals(recount, owners.length);
        assertTrue(1 <= g.threshold() && g.threshold() <= owners.length && owners.length <= ps.maxOwners,
                "ThresholdSane: " + g.threshold() + " of " + owners.length);
        assertTrue(ps.paramsInBounds(g.imBps(), g.mmBps(), g.feeBps()), "ParamsInBounds");
        assertTrue(!g.hasPendingParams() || ps.paramsInBounds(g.pendingImBps(), g.pendingMmBps(), g.pendingFeeBps()));
        assertTrue(0 <= g.fund() && g.fund() <= ps.maxFund);
        boolean staked = false;
        for (long st : g.stakes()) {
            assertTrue(0 <= st && st <= ps.maxStake, "StakeSane");
            staked |= st > 0;
        }
        assertTrue(staked, "StakeSane: no reporter has a stake");
        for (int s = 0; s < n; s++) {
            Proposal p = g.proposalOf(s);
            for (int k = 0; k < n; k++) {
                if (g.hasApproved(s, k)) {
                    assertTrue(g.isOwner(k), "ApprovalsByOwners: " + k + " on slot " + s);
                    assertNotNull(p, "an approval on an empty slot");
                }
            }
            if (p == null) {
                assertEquals(Governance.NOT_QUEUED, g.queuedAt(s));
                continue;
            }
            assertTrue(g.isOwner(s) && g.hasApproved(s, s), "slot " + s);
            assertEquals(ps.chainId, p.chainId(), "OpenForThisChain");
            assertTrue(g.nonce() <= p.nonce() && p.nonce() - g.nonce() < ps.nonceWindow, "open nonce " + p.nonce());
            assertNull(g.wellFormedRefusal(p.payload()));
            assertTrue(p.kind() != Payload.CANCEL || g.queuedAt(s) == Governance.NOT_QUEUED);
            assertTrue(g.queuedAt(s) <= g.height());
            for (int t = 0; t < s; t++) {
                assertFalse(p.sameAs(g.proposalOf(t)), "two open proposals with the same content");
            }
        }
    }

    // ------------------------------------------------------------------------------------ choices

    /**
     * 80%: a slot holding a proposal (if any), 70% of these for the next nonce (if any); else any
     * index, out of range included.
     */
    static int slot(Governance g, SplittableRandom r) {
        List<Integer> open = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        for (int s = 0; s < g.keys(); s++) {
            if (g.proposalOf(s) != null) {
                open.add(s);
                if (g.proposalOf(s).nonce() == g.nonce()) {
                    next.add(s);
                }
            }
        }
        if (!open.isEmpty() && r.nextInt(5) != 0) {
            List<Integer> from = !next.isEmpty() && r.nextInt(10) < 7 ? next : open;
            return from.get(r.nextInt(from.size()));
        }
        return r.nextInt(g.keys() + 2) - 1;
    }

    static int owner(Governance g, SplittableRandom r) {
        int[] o = g.owners();
        return o[r.nextInt(o.length)];
    }

    /** 80%: an owner that has not approved slot s yet (if any). */
    static int approver(Governance g, int s, SplittableRandom r) {
        List<Integer> c = new ArrayList<>();
        for (int k : g.owners()) {
            if (!g.hasApproved(s, k)) {
                c.add(k);
            }
        }
        if (!c.isEmpty() && r.nextInt(5) != 0) {
            return c.get(r.nextInt(c.size()));
        }
        return r.nextInt(g.keys());
    }

    /** A proposal, mostly plausible: this chain, a nonce in or near the window, values mostly in range. */
    static Proposal randomProposal(Governance g, SplittableRandom r) {
        GovernanceParams ps = g.params();
        int n = g.keys();
        boolean sane = r.nextInt(4) != 0;
        int kind = r.nextInt(6) == 0 ? Payload.CANCEL : 1 + r.nextInt(8);
        int key1 = sane ? r.nextInt(n) : r.nextInt(n + 4) - 2;
        int key2 = sane ? r.nextInt(n) : r.nextInt(n + 4) - 2;
        int t = sane ? 1 + r.nextInt(Math.max(1, g.ownerCount() + 1)) : r.nextInt(ps.maxOwners + 3) - 1;
        Payload q;
        switch (kind) {
            case Payload.SET_PARAMS: {
                long im = sane ? 1000 + r.nextInt(4001) : r.nextInt(12_000) - 1000;
                long mm = sane ? 500 + r.nextInt((int) Math.min(2000, im - 500) + 1) : r.nextInt(6000) - 500;
                long fee = sane ? r.nextInt(1001) : r.nextInt(3000) - 500;
                q = new ParamsChange(im, mm, fee);
                break;
            }
            case Payload.WITHDRAW:
                q = new FundWithdrawal(sane ? 1 + r.nextInt(60) : r.nextInt(500) - 100);
                break;
            case Payload.SET_STAKE:
                q = new StakeChange(sane ? r.nextInt(ps.reporters) : r.nextInt(ps.reporters + 2) - 1,
                        sane ? r.nextInt(101) : r.nextInt(300) - 100);
                break;
            case Payload.ADD_OWNER:
                q = new OwnerAddition(key1, t);
                break;
            case Payload.REMOVE_OWNER:
                q = new OwnerRemoval(sane ? owner(g, r) : key1, sane ? Math.max(1, Math.min(t, g.ownerCount() - 1)) : t);
                break;
            case Payload.SWAP_OWNER:
                q = new OwnerSwap(sane ? owner(g, r) : key1, key2);
                break;
            case Payload.CHANGE_THRESHOLD:
                q = new ThresholdChange(t);
                break;
            default:
                q = new Cancellation();
        }
        long nonce = g.nonce() + (sane ? (r.nextBoolean() ? 0 : r.nextInt(ps.nonceWindow)) : r.nextInt(ps.nonceWindow + 3) - 1);
        long chain = r.nextInt(20) == 0 ? ps.chainId + 1 : ps.chainId;
        return new Proposal(q, chain, nonce);
    }
}
