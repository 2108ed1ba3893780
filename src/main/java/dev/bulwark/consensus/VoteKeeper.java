package dev.bulwark.consensus;

/**
 * The received messages of one height, tallied by voting power per round, type (prevote,
 * precommit) and value (including nil); and the proposals of that height from each round's
 * proposer.
 *
 * <p>Counting rule (the spec's {@code Senders(PrevotesFor(h, r, v))}): a validator's power counts
 * at most once towards each value's tally and at most once towards the slot's "any value" tally.
 * The first vote of a validator per (h, r, type) is ADDED; the same vote again is a DUPLICATE
 * (ignored); a different vote is an EQUIVOCATION: reported (the caller records the evidence pair),
 * not counted again in the "any" tally, and counted for its own value (a validator that signed
 * two values did vote for each, as in the spec) up to {@link #MAX_VOTES_PER_SENDER} distinct
 * values per slot, beyond which it is only evidence (a bound on memory). Hence every tally is the
 * power of a set of distinct validators, at most {@code total}: the threshold products of
 * {@link ValidatorSet} never overflow.
 *
 * <p>Storage: per (round, type) a "slot" {@code 2 * r + t} (t = 0 prevote, 1 precommit) holding
 * each validator's votes ({@code votes[slot][MAX_VOTES_PER_SENDER * i + j]}, j &lt; count) and a
 * list of the distinct values voted with their power. Rounds are allocated on first use.
 */
public final class VoteKeeper {
    /** No vote from this validator in this slot. */
    public static final long NONE = -2L;
    /** addVote/addProposal outcome: counted. */
    public static final int ADDED = 0;
    /** addVote/addProposal outcome: the same message again; nothing changed. */
    public static final int DUPLICATE = 1;
    /** addVote/addProposal outcome: a different message from the same sender (evidence). */
    public static final int EQUIVOCATION = 2;
    /** Distinct votes counted per validator per slot (the first, and equivocations). */
    public static final int MAX_VOTES_PER_SENDER = 8;
    /** Distinct proposals kept per round from an equivocating proposer. */
    public static final int MAX_PROPOSALS_PER_ROUND = 64;

    //@ spec_public
    private final long height;
    //@ spec_public
    private final int n;
    //@ spec_public
    private final int maxRound;
    //@ spec_public
    private final long[] power;
    //@ spec_public
    private final long total;

    /** votes[slot][MAX_VOTES_PER_SENDER * i + j]: the j-th distinct vote of validator i. */
    //@ spec_public
    private final long[][] votes;
    /** voteCount[slot][i]: how many distinct votes of validator i are counted in the slot. */
    //@ spec_public
    private final int[][] voteCount;
    /** tallyValue[slot][0..tallyCount[slot]-1]: the distinct values voted in the slot. */
    //@ spec_public
    private final long[][] tallyValue;
    /** tallyPower[slot][k]: power of the validators that voted tallyValue[slot][k]. */
    //@ spec_public
    private final long[][] tallyPower;
    //@ spec_public
    private final int[] tallyCount;
    /** anyPower[slot]: power of the validators with a counted vote in the slot. */
    //@ spec_public
    private final long[] anyPower;
    /** sender[r][i]: validator i sent some message (any type) at (height, r). */
    //@ spec_public
    private final boolean[][] sender;
    //@ spec_public
    private final long[] senderPower;
    //@ spec_public
    private final long[][] propValue;
    //@ spec_public
    private final int[][] propVr;
    //@ spec_public
    private final int[] propCount;
    /** Highest round with a message, -1 if none. */
    //@ spec_public
    private int maxSeenRound;

    //@ public model pure boolean voted(int s, int i, long v) { return votes[s] != null && (\exists int j; 0 <= j && j < voteCount[s][i]; votes[s][MAX_VOTES_PER_SENDER * i + j] == v); }
    //@ public invariant 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && power.length == n;
    //@ public invariant 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@ public invariant (\forall int k; 0 <= k && k < n; 1 <= power[k] && power[k] <= ValidatorSet.MAX_POWER);
    //@ public invariant total == (\sum int k; 0 <= k && k < n; power[k]) && total <= ValidatorSet.MAX_TOTAL_POWER;
    //@ public invariant votes.length == 2 * (maxRound + 1) && voteCount.length == votes.length;
    //@ public invariant tallyValue.length == votes.length && tallyPower.length == votes.length;
    //@ public invariant tallyCount.length == votes.length && anyPower.length == votes.length;
    //@ public invariant sender.length == maxRound + 1 && senderPower.length == maxRound + 1;
    //@ public invariant propValue.length == maxRound + 1 && propVr.length == maxRound + 1 && propCount.length == maxRound + 1;
    //@ public invariant -1 <= maxSeenRound && maxSeenRound <= maxRound;
    // A validator's counted votes in a slot are distinct and at most MAX_VOTES_PER_SENDER.
    //@ public invariant (\forall int s; 0 <= s && s < votes.length; votes[s] != null ==>
    //@     (\forall int i; 0 <= i && i < n; 0 <= voteCount[s][i] && voteCount[s][i] <= MAX_VOTES_PER_SENDER));
    // Each tally is the power of the validators that voted that value (each counted once); the
    // "any" tally is the power of the validators with a vote (each counted once).  Stated with
    // \sum, whose support in OpenJML 0.17 is weak: VoteKeeperTest.talliesMatchARecount checks
    // both against a recount after every vote; the bounds below (<= total) are what the
    // threshold arithmetic needs.
    //@ public invariant (\forall int s; 0 <= s && s < votes.length; votes[s] != null ==>
    //@     (\forall int k; 0 <= k && k < tallyCount[s];
    //@        tallyPower[s][k] == (\sum int i; 0 <= i && i < n && voted(s, i, tallyValue[s][k]); power[i])));
    //@ public invariant (\forall int s; 0 <= s && s < votes.length;
    //@     anyPower[s] == (\sum int i; 0 <= i && i < n && votes[s] != null && voteCount[s][i] > 0; power[i]));
    //@ public invariant (\forall int s; 0 <= s && s < votes.length; 0 <= anyPower[s] && anyPower[s] <= total);
    //@ public invariant (\forall int s, k; 0 <= s && s < votes.length && 0 <= k && k < tallyCount[s]; 0 <= tallyPower[s][k] && tallyPower[s][k] <= total);
    //@ public invariant (\forall int r; 0 <= r && r <= maxRound; 0 <= senderPower[r] && senderPower[r] <= total);
    //@ public invariant (\forall int r; 0 <= r && r <= maxRound; 0 <= propCount[r] && propCount[r] <= MAX_PROPOSALS_PER_ROUND);

    /*@ public normal_behavior
      @   requires vs != null && 1 <= h && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @   ensures height == h && this.maxRound == maxRound && n == vs.size() && maxSeenRound == -1;
      @   ensures (\forall int s; 0 <= s && s < votes.length; anyPower[s] == 0 && tallyCount[s] == 0);
      @ also public exceptional_behavior
      @   requires !(vs != null && 1 <= h && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public VoteKeeper(ValidatorSet vs, long h, int maxRound) throws ConsensusException {
        if (vs == null || h < 1 || maxRound < 0 || maxRound > ProposerSelection.MAX_ROUND) {
            throw new ConsensusException(Reason.INVALID_CONFIG, h, maxRound);
        }
        this.height = h;
        this.n = vs.size();
        this.maxRound = maxRound;
        this.power = vs.powers();
        this.total = vs.totalPower();
        int slots = 2 * (maxRound + 1);
        this.votes = new long[slots][];
        this.voteCount = new int[slots][];
        this.tallyValue = new long[slots][];
        this.tallyPower = new long[slots][];
        this.tallyCount = new int[slots];
        this.anyPower = new long[slots];
        this.sender = new boolean[maxRound + 1][];
        this.senderPower = new long[maxRound + 1];
        this.propValue = new long[maxRound + 1][];
        this.propVr = new int[maxRound + 1][];
        this.propCount = new int[maxRound + 1];
        this.maxSeenRound = -1;
    }

    /** The slot of (r, type) for a vote type. */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= ProposerSelection.MAX_ROUND && type != MessageType.PROPOSAL && type != null;
      @   ensures \result == 2 * r + (type == MessageType.PRECOMMIT ? 1 : 0);
      @ pure
      @*/
    public static int slot(int r, MessageType type) {
        return 2 * r + (type == MessageType.PRECOMMIT ? 1 : 0);
    }

    /**
     * Records a vote of {@code src} for {@code v} (nil = -1) at (height, r, type); see the class
     * comment for the counting rule.
     */
    /*@ public normal_behavior
      @   requires 0 <= src && src < n && 0 <= r && r <= maxRound && type != null && type != MessageType.PROPOSAL && v >= Value.NIL_ID;
      @   assignable votes[*], votes[*][*], voteCount[*], voteCount[*][*], tallyValue[*], tallyValue[*][*], tallyPower[*], tallyPower[*][*], tallyCount[*], anyPower[*], sender[*], sender[*][*], senderPower[*], maxSeenRound;
      @   ensures \old(voteOf(type, r, src)) == NONE ==> \result == ADDED && voteOf(type, r, src) == v
      @       && powerFor(type, r, v) == \old(powerFor(type, r, v)) + power[src]
      @       && powerAny(type, r) == \old(powerAny(type, r)) + power[src];
      @   ensures \old(hasVoted(type, r, src, v)) ==> \result == DUPLICATE
      @       && powerAny(type, r) == \old(powerAny(type, r)) && powerFor(type, r, v) == \old(powerFor(type, r, v));
      @   ensures \old(voteOf(type, r, src)) != NONE && !\old(hasVoted(type, r, src, v)) ==> \result == EQUIVOCATION
      @       && voteOf(type, r, src) == \old(voteOf(type, r, src))
      @       && powerAny(type, r) == \old(powerAny(type, r))
      @       && (\forall long w; w != v ==> powerFor(type, r, w) == \old(powerFor(type, r, w)));
      @   ensures hasSent(r, src);
      @*/
    public int addVote(MessageType type, int src, int r, long v) {
        markSender(src, r);
        int s = slot(r, type);
        if (votes[s] == null) {
            votes[s] = new long[n * MAX_VOTES_PER_SENDER];
            voteCount[s] = new int[n];
            tallyValue[s] = new long[4];
            tallyPower[s] = new long[4];
        }
        int c = voteCount[s][src];
        int base = MAX_VOTES_PER_SENDER * src;
        //@ loop_invariant 0 <= j && j <= c;
        //@ decreases c - j;
        for (int j = 0; j < c; j++) {
            if (votes[s][base + j] == v) {
                return DUPLICATE;
            }
        }
        if (c >= MAX_VOTES_PER_SENDER) {
            return EQUIVOCATION;
        }
        votes[s][base + c] = v;
        voteCount[s][src] = c + 1;
        if (c == 0) {
            anyPower[s] = anyPower[s] + power[src];
        }
        int k = indexOf(tallyValue[s], tallyCount[s], v);
        if (k < 0) {
            k = tallyCount[s];
            if (k == tallyValue[s].length) {
                tallyValue[s] = java.util.Arrays.copyOf(tallyValue[s], 2 * k);
                tallyPower[s] = java.util.Arrays.copyOf(tallyPower[s], 2 * k);
            }
            tallyValue[s][k] = v;
            tallyPower[s][k] = 0;
            tallyCount[s] = k + 1;
        }
        tallyPower[s][k] = tallyPower[s][k] + power[src];
        return c == 0 ? ADDED : EQUIVOCATION;
    }

    /** Did src vote v at (r, type) (counted)? */
    /*@ public normal_behavior
      @   requires 0 <= src && src < n && 0 <= r && r <= maxRound && type != MessageType.PROPOSAL;
      @   ensures \result == voted(slot(r, type), src, v);
      @ pure
      @*/
    public boolean hasVoted(MessageType type, int r, int src, long v) {
        int s = slot(r, type);
        if (votes[s] == null) {
            return false;
        }
        int base = MAX_VOTES_PER_SENDER * src;
        for (int j = 0; j < voteCount[s][src]; j++) {
            if (votes[s][base + j] == v) {
                return true;
            }
        }
        return false;
    }

    /** Index of v among a[0..count-1], or -1. */
    /*@ public normal_behavior
      @   requires a != null && 0 <= count && count <= a.length;
      @   ensures -1 <= \result && \result < count;
      @   ensures \result >= 0 ==> a[\result] == v;
      @   ensures \result == -1 ==> (\forall int k; 0 <= k && k < count; a[k] != v);
      @ pure
      @*/
    public static int indexOf(long[] a, int count, long v) {
        //@ loop_invariant 0 <= k && k <= count && (\forall int j; 0 <= j && j < k; a[j] != v);
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            if (a[k] == v) {
                return k;
            }
        }
        return -1;
    }

    /** Records that src sent some message at (height, r) (line 55's count). */
    /*@ public normal_behavior
      @   requires 0 <= src && src < n && 0 <= r && r <= maxRound;
      @   assignable sender[r], sender[r][*], senderPower[r], maxSeenRound;
      @   ensures hasSent(r, src);
      @   ensures senderPower[r] == \old(senderPower[r]) + (\old(hasSent(r, src)) ? 0 : power[src]);
      @   ensures maxSeenRound == Math.max(\old(maxSeenRound), r);
      @*/
    public void markSender(int src, int r) {
        if (sender[r] == null) {
            sender[r] = new boolean[n];
        }
        if (!sender[r][src]) {
            sender[r][src] = true;
            senderPower[r] = senderPower[r] + power[src];
        }
        if (r > maxSeenRound) {
            maxSeenRound = r;
        }
    }

    /**
     * Records PROPOSAL(height, r, v, vr) from the proposer of (height, r) (the caller checks the
     * sender). The first proposal is ADDED; the same again DUPLICATE; a different one
     * EQUIVOCATION, kept (up to MAX_PROPOSALS_PER_ROUND) because the paper's rules fire on any
     * proposal received from the proposer.
     */
    /*@ public normal_behavior
      @   requires 0 <= src && src < n && 0 <= r && r <= maxRound && v >= 0 && -1 <= vr && vr < r;
      @   assignable propValue[r], propValue[r][*], propVr[r], propVr[r][*], propCount[r], sender[r], sender[r][*], senderPower[r], maxSeenRound;
      @   ensures \old(proposalCount(r)) == 0 ==> \result == ADDED;
      @   ensures \old(hasProposal(r, v, vr)) ==> \result == DUPLICATE && proposalCount(r) == \old(proposalCount(r));
      @   ensures \old(proposalCount(r)) > 0 && !\old(hasProposal(r, v, vr)) ==> \result == EQUIVOCATION;
      @   ensures \result != DUPLICATE && \old(proposalCount(r)) < MAX_PROPOSALS_PER_ROUND ==> hasProposal(r, v, vr);
      @*/
    public int addProposal(int src, int r, long v, int vr) {
        markSender(src, r);
        if (propValue[r] == null) {
            propValue[r] = new long[2];
            propVr[r] = new int[2];
        }
        int c = propCount[r];
        for (int k = 0; k < c; k++) {
            if (propValue[r][k] == v && propVr[r][k] == vr) {
                return DUPLICATE;
            }
        }
        if (c < MAX_PROPOSALS_PER_ROUND) {
            if (c == propValue[r].length) {
                propValue[r] = java.util.Arrays.copyOf(propValue[r], 2 * c);
                propVr[r] = java.util.Arrays.copyOf(propVr[r], 2 * c);
            }
            propValue[r][c] = v;
            propVr[r][c] = vr;
            propCount[r] = c + 1;
        }
        return c == 0 ? ADDED : EQUIVOCATION;
    }

    /** The first counted vote of src at (r, type): a value id, nil (-1), or NONE. */
    /*@ public normal_behavior
      @   requires 0 <= src && src < n && 0 <= r && r <= maxRound && type != MessageType.PROPOSAL;
      @   ensures \result == (votes[slot(r, type)] == null || voteCount[slot(r, type)][src] == 0 ? NONE
      @       : votes[slot(r, type)][MAX_VOTES_PER_SENDER * src]);
      @ pure
      @*/
    public long voteOf(MessageType type, int r, int src) {
        int s = slot(r, type);
        if (votes[s] == null || voteCount[s][src] == 0) {
            return NONE;
        }
        return votes[s][MAX_VOTES_PER_SENDER * src];
    }

    /** Power of the validators whose counted vote at (r, type) is v. */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound && type != MessageType.PROPOSAL;
      @   ensures 0 <= \result && \result <= total;
      @ pure
      @*/
    public long powerFor(MessageType type, int r, long v) {
        int s = slot(r, type);
        if (votes[s] == null) {
            return 0;
        }
        int k = indexOf(tallyValue[s], tallyCount[s], v);
        return k < 0 ? 0 : tallyPower[s][k];
    }

    /** Power of the validators with a counted vote at (r, type). */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound && type != MessageType.PROPOSAL;
      @   ensures \result == anyPower[slot(r, type)];
      @ pure
      @*/
    public long powerAny(MessageType type, int r) {
        return anyPower[slot(r, type)];
    }

    /** A quorum of votes (r, type, v). */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound && type != MessageType.PROPOSAL;
      @   ensures \result == ValidatorSet.isQuorum(powerFor(type, r, v), total);
      @ pure
      @*/
    public boolean quorumFor(MessageType type, int r, long v) {
        return ValidatorSet.isQuorum(powerFor(type, r, v), total);
    }

    /** A quorum of votes (r, type, any value). */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound && type != MessageType.PROPOSAL;
      @   ensures \result == ValidatorSet.isQuorum(powerAny(type, r), total);
      @ pure
      @*/
    public boolean quorumAny(MessageType type, int r) {
        return ValidatorSet.isQuorum(powerAny(type, r), total);
    }

    /** One third of the power sent some message at (height, r) (line 55). */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound;
      @   ensures \result == ValidatorSet.isOneThird(senderPower[r], total);
      @ pure
      @*/
    public boolean oneThirdSenders(int r) {
        return ValidatorSet.isOneThird(senderPower[r], total);
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r <= maxRound && 0 <= src && src < n;
    //@   ensures \result == (sender[r] != null && sender[r][src]);
    //@ pure
    public boolean hasSent(int r, int src) {
        return sender[r] != null && sender[r][src];
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r <= maxRound;
    //@   ensures \result == propCount[r];
    //@ pure
    public int proposalCount(int r) {
        return propCount[r];
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r <= maxRound && 0 <= k && k < propCount[r];
    //@   ensures \result == propValue[r][k];
    //@ pure
    public long proposalValue(int r, int k) {
        return propValue[r][k];
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r <= maxRound && 0 <= k && k < propCount[r];
    //@   ensures \result == propVr[r][k];
    //@ pure
    public int proposalValidRound(int r, int k) {
        return propVr[r][k];
    }

    /** PROPOSAL(height, r, v, vr) from the proposer has been received. */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound;
      @   ensures \result == (\exists int k; 0 <= k && k < propCount[r]; propValue[r][k] == v && propVr[r][k] == vr);
      @ pure
      @*/
    public boolean hasProposal(int r, long v, int vr) {
        int c = propCount[r];
        for (int k = 0; k < c; k++) {
            if (propValue[r][k] == v && propVr[r][k] == vr) {
                return true;
            }
        }
        return false;
    }

    /** PROPOSAL(height, r, v, *) from the proposer has been received. */
    /*@ public normal_behavior
      @   requires 0 <= r && r <= maxRound;
      @   ensures \result == (\exists int k; 0 <= k && k < propCount[r]; propValue[r][k] == v);
      @ pure
      @*/
    public boolean hasProposalValue(int r, long v) {
        int c = propCount[r];
        for (int k = 0; k < c; k++) {
            if (propValue[r][k] == v) {
                return true;
            }
        }
        return false;
    }

    //@ public normal_behavior
    //@   ensures \result == maxSeenRound;
    //@ pure
    public int maxSeenRound() {
        return maxSeenRound;
    }

    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    //@ public normal_behavior
    //@   ensures \result == total;
    //@ pure
    public long totalPower() {
        return total;
    }
}
