package dev.bulwark.consensus;

/**
 * The received messages of one validator for the heights of its window ({@link #WINDOW}
 * heights from {@link #base()}): per height and round the votes (prevote, precommit) tallied by
 * voting power per value (nil included), who sent anything, and the proposals from the round's
 * proposer (the caller checks the sender).
 *
 * <p><b>Values are interned per round.</b> Each (height, round) has a table of the distinct
 * block digests its messages named; votes, tallies and proposals refer to a value by its small
 * index in that table ({@link #NIL_INDEX} for nil), so the counting arithmetic is on ints and
 * longs, and a digest is compared (all 32 bytes, {@link Value#sameAs}) only when a message
 * enters. The table's capacity, {@code 2 * n * MAX_VOTES_PER_SENDER + MAX_PROPOSALS_PER_ROUND},
 * is the most values the round's counted votes and kept proposals can name (each counted vote
 * and each kept proposal adds at most one), so no sender, Byzantine or not, can crowd another's
 * value out of it; a vote that found it full would be refused as {@link #FULL} (counted
 * nowhere), which the bound makes unreachable.
 *
 * <p><b>Counting rule</b> (the spec's {@code Senders(PrevotesFor(h, r, v))}): a validator's
 * power counts at most once towards each value's tally and at most once towards the slot's
 * "any value" tally. The first vote of a validator per (h, r, type) is ADDED; the same vote
 * again is a DUPLICATE (ignored); a different vote is an EQUIVOCATION: reported (the caller
 * records the evidence pair), not counted again in the "any" tally, and counted for its own
 * value (a validator that signed two values did vote for each, as in the spec) up to
 * {@link #MAX_VOTES_PER_SENDER} distinct values per slot, beyond which it is only evidence.
 * Hence every tally is the power of a set of distinct validators, at most the total. The
 * tallies are running sums: each method's contract states exactly how much each one moved
 * (the power of the sender, or nothing), which keeps them in step with the sums of the
 * counting rule ({@code VoteKeeperTest.talliesMatchARecount} recounts them); additions
 * saturate at the total, which by the rule never binds, so that the bound the threshold
 * arithmetic needs ({@code tally <= total}) is a fact of the stored numbers.
 *
 * <p><b>Storage</b>, allocated per (height, round) on the first message: one {@link VoteRow}
 * object {@code rows[row]}, row {@code r * WINDOW + h % WINDOW}, with one array per kind of entry:
 * {@code vals} the value table; {@code ints} the counters (values, values first named by a vote /
 * a proposal, proposals); {@code votes} the votes ({@code MAX_VOTES_PER_SENDER} per validator and
 * type, each stored as 1 + its table index, so that nil is 1 and an unused entry 0);
 * {@code counts} the vote counts; {@code sent} the senders; {@code pvals} and {@code vrs} the
 * proposals' table indices and valid rounds; {@code longs} the "any" tallies, the senders' power
 * and the tallies per type and value. (One array per kind, not one flat array per row: each class
 * invariant then reads one array at its bound variables, which is what lets the verifier
 * instantiate it; see the comment above the invariants. One object per row, so that allocating or
 * dropping a row is one store; the arrays' marks, see {@link VoteRow}, replace an invariant over
 * pairs of rows.) Memory per allocated row is {@code O(n * MAX_VOTES_PER_SENDER +
 * MAX_PROPOSALS_PER_ROUND)}: {@code vcap = 16n + 64} references, {@code 2 * vcap + 5} longs,
 * {@code 18n + 70} shorts, {@code 70} ints, {@code n} booleans; rows exist only for rounds with a
 * message (at most {@code 4 * (maxRound + 1)} rows, the bound for Byzantine input), heights below
 * {@link #base()} are dropped by {@link #advance()}.
 *
 * <p>The keeper knows its owner ({@link #self()}): it records, per height and type, the highest
 * round of an own counted vote ({@link #ownRound}), and no own vote exists in a later round.
 * That is what lets the validator prove that it signs one vote per (type, height, round).
 */
/*@ nullable_by_default @*/ public final class VoteKeeper {
    /** Heights kept: base .. base + WINDOW - 1. */
    public static final int WINDOW = 4;
    /** The table index of nil. */
    public static final int NIL_INDEX = -1;
    /** find: the value is not in the round's table; voteIndexOf: no vote. */
    public static final int ABSENT = -2;
    /** addVote/addProposal outcome: counted. */
    public static final int ADDED = 0;
    /** addVote/addProposal outcome: the same message again; nothing changed. */
    public static final int DUPLICATE = 1;
    /** addVote/addProposal outcome: a different message from the same sender (evidence). */
    public static final int EQUIVOCATION = 2;
    /** addVote outcome: the round's value table is full; not counted (unreachable, see above). */
    public static final int FULL = 3;
    /** Distinct votes counted per validator per (height, round, type). */
    public static final int MAX_VOTES_PER_SENDER = 8;
    /** Distinct proposals kept per (height, round) from an equivocating proposer. */
    public static final int MAX_PROPOSALS_PER_ROUND = 64;

    // rows[row].ints layout (the round's counters)
    /** rows[row].ints[C_VALUES]: the number of values in the round's table. */
    //@ spec_public
    private static final int C_VALUES = 0;
    /** rows[row].ints[C_VOTE_VALUES]: values the table holds because a vote named them first. */
    //@ spec_public
    private static final int C_VOTE_VALUES = 1;
    /** rows[row].ints[C_PROP_VALUES]: values the table holds because a proposal named them first. */
    //@ spec_public
    private static final int C_PROP_VALUES = 2;
    /** rows[row].ints[C_PROPOSALS]: the number of proposals kept. */
    //@ spec_public
    private static final int C_PROPOSALS = 3;
    /** The length of rows[row].ints. */
    //@ spec_public
    private static final int COUNTERS = 4;
    // rows[row].longs layout
    /** rows[row].longs[ANY + t]: power of the validators with a counted vote of type t. */
    //@ spec_public
    private static final int ANY = 0;
    /** rows[row].longs[SENDERS]: power of the validators that sent anything in the round. */
    //@ spec_public
    private static final int SENDERS = 2;
    /** rows[row].longs[TALLY ..]: the tallies, per type, of nil and then of each table value. */
    //@ spec_public
    private static final int TALLY = 3;

    //@ spec_public
    private final int n;
    //@ spec_public
    private final int maxRound;
    //@ spec_public
    private final int self;
    //@ spec_public
    private final long[] power;
    //@ spec_public
    private final long total;
    /** The capacity of a round's value table. */
    //@ spec_public
    private final int vcap;
    //@ spec_public
    private long base;
    /**
     * rows[row]: the round's storage (null until its first message), one array per kind of
     * entry: vals (the value table, ints[C_VALUES] entries used), ints (the counters C_VALUES ..
     * C_PROPOSALS), votes (votes[voteIdx(t, i, j)]: 1 + the table index, 0 for nil, of validator
     * i's j-th counted vote of type t, j below counts[countIdx(t, i)]; 0 beyond), counts (how
     * many distinct votes of validator i and type t are counted), sent (validator i sent some
     * message in the round), pvals and vrs (the k-th proposal's table index and valid round, k
     * below ints[C_PROPOSALS]), longs (the "any" tallies, the senders' power, the tallies per
     * type and value). See {@link VoteRow}.
     */
    //@ spec_public
    private final VoteRow[] rows;
    /** ownMax[2 * slot + t]: the highest round with a counted own vote of type t, or -1. */
    //@ spec_public
    private final int[] ownMax;
    /** maxSeen[slot]: the highest round with a message, or -1. */
    //@ spec_public
    private final int[] maxSeen;

    // The invariants name fields and constants only, no method (an invariant that calls a method
    // that is not `helper` makes the verifier assume the invariants inside the invariants, and
    // crashed it). Each kind of entry has its own row array, and each quantifier reads its array
    // at the bound variables themselves (the prover instantiates a quantifier at the array reads
    // it sees, and a quantifier that read its own array at a computed position made it loop).
    // Row (s, r) = r * WINDOW + s: slot x % WINDOW, round x / WINDOW. In contracts and in the code
    // that computes positions, WINDOW (4) and MAX_VOTES_PER_SENDER (8) are written as numbers
    // where they multiply or divide a variable: the verifier hands a named constant to the
    // prover as a symbol, so `r * WINDOW` is a product of two unknowns (nonlinear), `4 * r` is
    // linear.
    //@ public invariant power != null && rows != null && ownMax != null && maxSeen != null;
    //@ public invariant 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && power.length == n && 0 <= self && self < n;
    //@ public invariant 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@ public invariant 1 <= total && total <= ValidatorSet.MAX_TOTAL_POWER;
    //@ public invariant (\forall int k; 0 <= k && k < n; 1 <= power[k] && power[k] <= ValidatorSet.MAX_POWER);
    //@ public invariant vcap == 16 * n + MAX_PROPOSALS_PER_ROUND;
    //@ public invariant 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1;
    //@ public invariant rows.length == 4 * (maxRound + 1) && \elemtype(\typeof(rows)) == \type(VoteRow);
    //@ public invariant ownMax.length == 2 * WINDOW && maxSeen.length == WINDOW && ownMax != maxSeen;
    //  a row is allocated whole (VoteRow's constructor), with its lengths and its marks, which
    //  identify the row and the kind of each array: ints and vrs end with x + 1 (and differ in
    //  length), votes, pvals and counts with x % 32768 and x / 32768 + 0, 200, 400; so two rows'
    //  arrays are the same array only for the same row and kind (no quantifier over pairs of
    //  rows). No invariant reads sent, and vals and longs need no distinctness: every store into
    //  them keeps the invariants of any row.
    //@ public invariant (\forall int x; 0 <= x && x < rows.length && rows[x] != null;
    //@     rows[x].vals != null && rows[x].ints != null && rows[x].votes != null && rows[x].counts != null
    //@     && rows[x].sent != null && rows[x].pvals != null && rows[x].vrs != null && rows[x].longs != null
    //@     && rows[x].vals.length == vcap && \typeof(rows[x].vals) == \type(Value[]) && \elemtype(\typeof(rows[x].vals)) == \type(Value)
    //@     && rows[x].ints.length == COUNTERS + 1 && rows[x].votes.length == 16 * n + 2 && rows[x].counts.length == 2 * n + 2
    //@     && rows[x].sent.length == n && rows[x].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
    //@     && rows[x].vrs.length == MAX_PROPOSALS_PER_ROUND + 1 && rows[x].longs.length == TALLY + 2 * (vcap + 1)
    //@     && rows[x].ints[COUNTERS] == x + 1 && rows[x].vrs[MAX_PROPOSALS_PER_ROUND] == x + 1
    //@     && rows[x].votes[16 * n] == x % 32768 && rows[x].votes[16 * n + 1] == x / 32768
    //@     && rows[x].pvals[MAX_PROPOSALS_PER_ROUND] == x % 32768 && rows[x].pvals[MAX_PROPOSALS_PER_ROUND + 1] == x / 32768 + 200
    //@     && rows[x].counts[2 * n] == x % 32768 && rows[x].counts[2 * n + 1] == x / 32768 + 400
    //@     && rows[x].ints != ownMax && rows[x].ints != maxSeen && rows[x].vrs != ownMax && rows[x].vrs != maxSeen && rows[x].longs != power);
    //  the table of each allocated round
    //@ public invariant (\forall int x; 0 <= x && x < rows.length && rows[x] != null;
    //@     0 <= rows[x].ints[C_VOTE_VALUES] && rows[x].ints[C_VOTE_VALUES] <= 16 * n
    //@     && 0 <= rows[x].ints[C_PROP_VALUES] && rows[x].ints[C_PROP_VALUES] <= rows[x].ints[C_PROPOSALS]
    //@     && 0 <= rows[x].ints[C_PROPOSALS] && rows[x].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
    //@     && rows[x].ints[C_VALUES] == rows[x].ints[C_VOTE_VALUES] + rows[x].ints[C_PROP_VALUES]);
    //@ public invariant (\forall int x, k; 0 <= x && x < rows.length && rows[x] != null && 0 <= k && k < rows[x].ints[C_VALUES];
    //@     rows[x].vals[k] != null && !rows[x].vals[k].nil);
    //  votes: at most MAX_VOTES_PER_SENDER per validator and type; every entry is 1 + an index of the table or nil
    //@ public invariant (\forall int x, y; 0 <= x && x < rows.length && rows[x] != null && 0 <= y && y < 2 * n;
    //@     0 <= rows[x].counts[y] && rows[x].counts[y] <= MAX_VOTES_PER_SENDER);
    //@ public invariant (\forall int x, y; 0 <= x && x < rows.length && rows[x] != null && 0 <= y && y < 16 * n;
    //@     0 <= rows[x].votes[y] && rows[x].votes[y] <= rows[x].ints[C_VALUES]);
    //  proposals: an index of the table and a valid round below the row's round
    //@ public invariant (\forall int x, k; 0 <= x && x < rows.length && rows[x] != null && 0 <= k && k < rows[x].ints[C_PROPOSALS];
    //@     0 <= rows[x].pvals[k] && rows[x].pvals[k] < rows[x].ints[C_VALUES]);
    //@ public invariant (\forall int x, k; 0 <= x && x < rows.length && rows[x] != null && 0 <= k && k < rows[x].ints[C_PROPOSALS];
    //@     -1 <= rows[x].vrs[k] && rows[x].vrs[k] < x / 4);
    //  tallies within 0..total
    //@ public invariant (\forall int x, y; 0 <= x && x < rows.length && rows[x] != null && 0 <= y && y < TALLY + 2 * (vcap + 1);
    //@     0 <= rows[x].longs[y] && rows[x].longs[y] <= total);
    //  own votes: none beyond ownMax (own counts at countIdx(0, self) = self and countIdx(1, self) = n + self)
    //@ public invariant (\forall int q; 0 <= q && q < 2 * WINDOW; -1 <= ownMax[q] && ownMax[q] <= maxRound);
    //@ public invariant (\forall int x; 0 <= x && x < rows.length && rows[x] != null;
    //@     (rows[x].counts[self] != 0 ==> x / 4 <= ownMax[2 * (x % 4)])
    //@     && (rows[x].counts[n + self] != 0 ==> x / 4 <= ownMax[2 * (x % 4) + 1]));
    //@ public invariant (\forall int s; 0 <= s && s < WINDOW; -1 <= maxSeen[s] && maxSeen[s] <= maxRound);

    /**
     * An empty keeper for the heights {@code base .. base + WINDOW - 1}, owned by validator
     * {@code self}. {@link Reason#INVALID_CONFIG} for a missing validator set, a base outside
     * 1..MAX_HEIGHT + 1, a maxRound outside 0..MAX_ROUND, an owner outside 0..n-1.
     */
    /*@ public normal_behavior
      @   requires vs != null && 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1
      @       && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && 0 <= self && self < vs.size();
      @   ensures this.base == base && this.maxRound == maxRound && n == vs.size() && this.self == self
      @       && total == vs.totalPower();
      @   ensures (\forall int k; 0 <= k && k < n; power[k] == vs.power(k));
      @   ensures (\forall int x; 0 <= x && x < rows.length; rows[x] == null);
      @   ensures (\forall int q; 0 <= q && q < 2 * WINDOW; ownMax[q] == -1);
      @ also public exceptional_behavior
      @   requires !(vs != null && 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1
      @       && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && 0 <= self && self < vs.size());
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public VoteKeeper(ValidatorSet vs, long base, int maxRound, int self) throws ConsensusException {
        if (vs == null || base < 1 || base > ProposerSelection.MAX_HEIGHT + 1 || maxRound < 0
                || maxRound > ProposerSelection.MAX_ROUND || self < 0 || self >= vs.size()) {
            throw new ConsensusException(Reason.INVALID_CONFIG, base, maxRound);
        }
        int size = vs.size();
        this.n = size;
        this.maxRound = maxRound;
        this.self = self;
        long[] p = new long[size];
        //@ loop_invariant 0 <= k && k <= size;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; p[j] == vs.power(j));
        //@ decreases size - k;
        for (int k = 0; k < size; k++) {
            p[k] = vs.power(k);
        }
        this.power = p;
        this.total = vs.totalPower();
        this.vcap = 16 * size + MAX_PROPOSALS_PER_ROUND;
        this.base = base;
        int nrows = 4 * (maxRound + 1);
        this.rows = new VoteRow[nrows];
        int[] om = new int[2 * WINDOW];
        //@ loop_invariant 0 <= q && q <= 2 * WINDOW;
        //@ loop_invariant (\forall int j; 0 <= j && j < q; om[j] == -1);
        //@ decreases 2 * WINDOW - q;
        for (int q = 0; q < 2 * WINDOW; q++) {
            om[q] = -1;
        }
        this.ownMax = om;
        int[] ms = new int[WINDOW];
        //@ loop_invariant 0 <= s && s <= WINDOW;
        //@ loop_invariant (\forall int j; 0 <= j && j < s; ms[j] == -1);
        //@ decreases WINDOW - s;
        for (int s = 0; s < WINDOW; s++) {
            ms[s] = -1;
        }
        this.maxSeen = ms;
    }

    // ------------------------------------------------------------------------------------------
    // Layout

    /** The window slot of height h. */
    /*@ public normal_behavior
      @   requires 1 <= h;
      @   ensures \result == (int) (h % 4) && 0 <= \result && \result < WINDOW;
      @ pure helper
      @*/
    public static int slotOf(long h) {
        return (int) (h % 4);
    }

    /** The row of (slot, round). */
    /*@ public normal_behavior
      @   requires 0 <= s && s < WINDOW && 0 <= r && r <= ProposerSelection.MAX_ROUND;
      @   ensures \result == 4 * r + s;
      @   ensures 0 <= \result && \result < 4 * (ProposerSelection.MAX_ROUND + 1);
      @ pure helper
      @*/
    public static int rowOf(int s, int r) {
        return 4 * r + s;
    }

    /** 0 for prevotes, 1 for precommits. */
    /*@ public normal_behavior
      @   ensures \result == (type == MessageType.PRECOMMIT ? 1 : 0);
      @ pure helper
      @*/
    public static int typeIndex(MessageType type) {
        return type == MessageType.PRECOMMIT ? 1 : 0;
    }

    /** Position of validator i's j-th vote of type t in rows[row].votes. */
    /*@ public normal_behavior
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS;
      @   requires 0 <= t && t < 2 && 0 <= i && i < n && 0 <= j && j < MAX_VOTES_PER_SENDER;
      @   ensures \result == 8 * ((t == 0 ? 0 : n) + i) + j;
      @   ensures 0 <= \result && \result < 16 * n;
      @ pure helper
      @*/
    public int voteIdx(int t, int i, int j) {
        return 8 * ((t == 0 ? 0 : n) + i) + j;
    }

    /** Position of validator i's vote count of type t in rows[row].counts. */
    /*@ public normal_behavior
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS;
      @   requires 0 <= t && t < 2 && 0 <= i && i < n;
      @   ensures \result == (t == 0 ? 0 : n) + i;
      @   ensures 0 <= \result && \result < 2 * n;
      @ pure helper
      @*/
    public int countIdx(int t, int i) {
        return (t == 0 ? 0 : n) + i;
    }

    /** Position of validator i in rows[row].sent. */
    /*@ public normal_behavior
      @   requires 0 <= i;
      @   ensures \result == i;
      @ pure helper
      @*/
    public int sentIdx(int i) {
        return i;
    }

    /** Position of the k-th proposal in rows[row].pvals and rows[row].vrs. */
    /*@ public normal_behavior
      @   requires 0 <= k && k < MAX_PROPOSALS_PER_ROUND;
      @   ensures \result == k;
      @ pure helper
      @*/
    public int propIdx(int k) {
        return k;
    }

    /** The length of rows[row].ints (the counters). */
    /*@ public normal_behavior
      @   ensures \result == COUNTERS;
      @ pure helper
      @*/
    public int intsLength() {
        return COUNTERS;
    }

    /** The tally of (type t, value index k), k = NIL_INDEX for nil. */
    /*@ public normal_behavior
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && vcap == 16 * n + MAX_PROPOSALS_PER_ROUND;
      @   requires 0 <= t && t < 2 && NIL_INDEX <= k && k < vcap;
      @   ensures \result == TALLY + (t == 0 ? 0 : vcap + 1) + k + 1;
      @   ensures TALLY <= \result && \result < TALLY + 2 * (vcap + 1);
      @ pure helper
      @*/
    public int tallyIdx(int t, int k) {
        return TALLY + (t == 0 ? 0 : vcap + 1) + k + 1;
    }

    /*@ public normal_behavior
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && vcap == 16 * n + MAX_PROPOSALS_PER_ROUND;
      @   ensures \result == TALLY + 2 * (vcap + 1);
      @ pure helper
      @*/
    public int longsLength() {
        return TALLY + 2 * (vcap + 1);
    }

    /** Is h one of the heights kept? */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1;
      @   ensures \result == (base <= h && h < base + WINDOW);
      @ pure helper
      @*/
    public boolean inWindow(long h) {
        return base <= h && h < base + WINDOW;
    }

    // ------------------------------------------------------------------------------------------
    // Recording

    /**
     * The row of (slot s, round r), allocated (empty) if it was not; records r as seen at s.
     * Changes no query's answer.
     */
    /*@ private normal_behavior
      @   requires 0 <= s && s < WINDOW && 0 <= r && r <= maxRound;
      @   assignable rows[4 * r + s], maxSeen[s];
      @   ensures \result == 4 * r + s && rows[\result] != null;
      @   ensures \old(rows[4 * r + s]) != null ==> rows[\result] == \old(rows[4 * r + s]);
      @   ensures \old(rows[4 * r + s]) == null ==> rows[\result].ints[C_VALUES] == 0 && rows[\result].ints[C_VOTE_VALUES] == 0
      @       && rows[\result].ints[C_PROP_VALUES] == 0 && rows[\result].ints[C_PROPOSALS] == 0
      @       && (\forall int y; 0 <= y && y < 2 * n; rows[\result].counts[y] == 0)
      @       && (\forall int y; 0 <= y && y < n; !rows[\result].sent[y])
      @       && (\forall int y; 0 <= y && y < TALLY + 2 * (vcap + 1); rows[\result].longs[y] == 0);
      @   ensures maxSeen[s] == (\old(maxSeen[s]) < r ? r : \old(maxSeen[s]));
      @*/
    //-RAC@   ensures \old(rows[4 * r + s]) == null ==> \fresh(rows[\result]) && \fresh(rows[\result].vals) && \fresh(rows[\result].ints)
    //-RAC@       && \fresh(rows[\result].votes) && \fresh(rows[\result].counts) && \fresh(rows[\result].sent) && \fresh(rows[\result].pvals)
    //-RAC@       && \fresh(rows[\result].vrs) && \fresh(rows[\result].longs);
    private int ensureRow(int s, int r) {
        int x = 4 * r + s;
        if (rows[x] == null) {
            rows[x] = new VoteRow(x, n, vcap);
        }
        if (maxSeen[s] < r) {
            maxSeen[s] = r;
        }
        return x;
    }

    /** a + b, saturating at total (a within 0..total, b a validator's power). */
    /*@ private normal_behavior
      @   requires 0 <= a && a <= total && total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= b && b <= ValidatorSet.MAX_POWER;
      @   ensures \result == (a + b <= total ? a + b : total);
      @   ensures a <= \result && \result <= total;
      @ pure helper
      @*/
    private static long addPower(long a, long b, long total) {
        long s = a + b;
        return s <= total ? s : total;
    }

    /** Marks src as a sender of the row's round (line 55's count). */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null && 0 <= src && src < n;
      @   assignable rows[x].sent[src], rows[x].longs[SENDERS];
      @   ensures rows[x].sent[src];
      @   ensures rows[x].longs[SENDERS] == (\old(rows[x].sent[src]) ? \old((rows[x].longs)[SENDERS])
      @       : addPower(\old((rows[x].longs)[SENDERS]), power[src], total));
      @*/
    private void markSenderAt(int x, int src) {
        if (!rows[x].sent[src]) {
            rows[x].sent[src] = true;
            rows[x].longs[SENDERS] = addPower(rows[x].longs[SENDERS], power[src], total);
        }
    }

    /** Records that src sent some message at (h, r) (line 55's count), e.g. a proposal from a non-proposer. */
    /*@ public normal_behavior
      @   requires inWindow(h) && 0 <= r && r <= maxRound && 0 <= src && src < n;
      @   {|
      @     requires rows[(4 * r + (int) (h % 4))] == null;
      @     assignable rows[(4 * r + (int) (h % 4))], maxSeen[(int) (h % 4)];
      @     ensures hasSent(h, r, src);
      @   also
      @     requires rows[(4 * r + (int) (h % 4))] != null;
      @*/
    //-RAC@     assignable rows[(4 * r + (int) (h % 4))], rows[(4 * r + (int) (h % 4))].sent[src], rows[(4 * r + (int) (h % 4))].longs[SENDERS], maxSeen[(int) (h % 4)];
    //-RAC@     ensures rows[(4 * r + (int) (h % 4))] == \old(rows[(4 * r + (int) (h % 4))]);
    /*@
      @     ensures hasSent(h, r, src);
      @   |}
      @*/
    public void markSender(int src, long h, int r) {
        int x = ensureRow(slotOf(h), r);
        markSenderAt(x, src);
        //@ assert x == rowOf(slotOf(h), r) && rows[x] != null && rows[x].sent[src];
    }

    /** The index of v in the row's table: NIL_INDEX for nil, ABSENT if it is not there. */
    /*@ private normal_behavior
      @   requires rows != null && 0 <= x && x < rows.length && v != null;
      @*/
    //-RAC@   requires rows[x] != null ==> rows[x].ints != null && rows[x].ints.length == COUNTERS + 1 && rows[x].vals != null
    //-RAC@       && 0 <= rows[x].ints[C_VALUES] && rows[x].ints[C_VALUES] <= rows[x].vals.length
    //-RAC@       && (\forall int k; 0 <= k && k < rows[x].ints[C_VALUES]; rows[x].vals[k] != null);
    /*@
      @   ensures v.nil ==> \result == NIL_INDEX;
      @   ensures !v.nil && rows[x] == null ==> \result == ABSENT;
      @   ensures !v.nil && rows[x] != null ==> (\result == ABSENT
      @       || (0 <= \result && \result < rows[x].ints[C_VALUES] && rows[x].vals[\result].sameAs(v)));
      @   ensures !v.nil && rows[x] != null && \result == ABSENT ==>
      @       (\forall int k; 0 <= k && k < rows[x].ints[C_VALUES]; !rows[x].vals[k].sameAs(v));
      @   ensures !v.nil && rows[x] != null && \result != ABSENT ==>
      @       (\forall int k; 0 <= k && k < \result; !rows[x].vals[k].sameAs(v));
      @ pure helper
      @*/
    private /*@ spec_public @*/ int findAt(int x, Value v) {
        if (v.isNil()) {
            return NIL_INDEX;
        }
        if (rows[x] == null) {
            return ABSENT;
        }
        int c = rows[x].ints[C_VALUES];
        //@ loop_invariant 0 <= k && k <= c;
        // (prefix fact the prover's alone: the checker checks the postcondition over the whole range at the return)
        //-RAC@ loop_invariant (\forall int j; 0 <= j && j < k; !rows[x].vals[j].sameAs(v));
        //@ decreases c - k;
        for (int k = 0; k < c; k++) {
            if (rows[x].vals[k].sameAs(v)) {
                return k;
            }
        }
        return ABSENT;
    }

    /** The value of a table index of the row (NIL for NIL_INDEX). */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null && NIL_INDEX <= k && k < rows[x].ints[C_VALUES];
      @   ensures \result == (k == NIL_INDEX ? Value.NIL : rows[x].vals[k]) && \result != null;
      @ pure
      @*/
    private Value valueOfIndex(int x, int k) {
        return k == NIL_INDEX ? Value.NIL : rows[x].vals[k];
    }

    /**
     * Adds v to the row's table (it is not there) as a value first named by a vote: fewer than
     * 16 * n = 2 * n * MAX_VOTES_PER_SENDER values came from votes, so the table has room (at most
     * MAX_PROPOSALS_PER_ROUND came from proposals). Returns its index.
     */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null && v != null && !v.nil;
      @   requires rows[x].ints[C_VOTE_VALUES] < 16 * n;
      @   assignable rows[x].vals[rows[x].ints[C_VALUES]], rows[x].ints[C_VALUES], rows[x].ints[C_VOTE_VALUES];
      @   ensures \result == \old(rows[x].ints[C_VALUES]) && rows[x].ints[C_VALUES] == \result + 1 && rows[x].vals[\result] == v;
      @   ensures rows[x].ints[C_VOTE_VALUES] == \old(rows[x].ints[C_VOTE_VALUES]) + 1;
      @*/
    private int intern(int x, Value v) {
        VoteRow w = rows[x];
        int c = w.ints[C_VALUES];
        w.vals[c] = v;
        w.ints[C_VALUES] = c + 1;
        w.ints[C_VOTE_VALUES] = w.ints[C_VOTE_VALUES] + 1;
        return c;
    }

    /**
     * Records a vote of {@code src} for {@code v} (nil included) at (h, r, type); see the class
     * comment for the counting rule. Marks src as a sender of (h, r).
     *
     * <p>The frame of an allocated row names what a vote can change: the table's free entries and
     * counters, the sender's own votes and count, its sent mark, the tallies, and the own round of
     * (h, type). With the ensures that no entry already there changes (the table's values, the
     * sender's first vote) and that no tally falls, it is what a validator needs to prove that a
     * vote in its lock's row keeps the lock's proof-of-lock (LockHasPOL). (A vote in another row
     * needs, besides, that no two rows share their vals or longs array, which no invariant states:
     * see proofs/openjml/README.md.) Those ensures are the prover's alone
     * ({@code //-RAC@}): they take {@code \old} of array entries at a bound variable, which the
     * checker does not evaluate.
     */
    /*@ public normal_behavior
      @   requires inWindow(h) && 0 <= src && src < n && 0 <= r && r <= maxRound && type != null
      @       && type != MessageType.PROPOSAL && v != null;
      @   {|
      @     requires rows[(4 * r + (int) (h % 4))] == null;
      @*/
    //-RAC@     assignable rows[(4 * r + (int) (h % 4))], maxSeen[(int) (h % 4)], ownMax[*];
    /*@
      @     ensures \result == ADDED || \result == DUPLICATE || \result == EQUIVOCATION || \result == FULL;
      @     ensures \result == ADDED <==> \old(voteCount(h, type, r, src)) == 0 && \result != FULL;
      @     ensures \result == ADDED ==> firstVote(h, type, r, src).sameAs(v);
      @     ensures \old(voteCount(h, type, r, src)) == 0 && (v.nil || \old(find(h, r, v)) != ABSENT) ==> \result == ADDED
      @         && voteIndexOf(h, type, r, src) == \old(find(h, r, v));
      @     ensures \result == DUPLICATE ==> \old(hasVoted(h, type, r, src, v));
      @     ensures \result == EQUIVOCATION ==> \old(voteCount(h, type, r, src)) > 0 && !\old(firstVote(h, type, r, src)).sameAs(v);
      @     ensures hasSent(h, r, src);
      @     ensures src == self && (\result == ADDED || (\result == EQUIVOCATION && \old(voteCount(h, type, r, src)) < MAX_VOTES_PER_SENDER))
      @         ==> ownRound(h, type) == (\old(ownRound(h, type)) < r ? r : \old(ownRound(h, type)));
      @     ensures (\forall int q; 0 <= q && q < 2 * WINDOW; (src != self || q != 2 * slotOf(h) + typeIndex(type)) ==> ownMax[q] == \old(ownMax[q]));
      @     ensures ownMax[2 * (int) (h % 4) + (type == MessageType.PRECOMMIT ? 1 : 0)] == \old(ownMax[2 * (int) (h % 4) + (type == MessageType.PRECOMMIT ? 1 : 0)]) || (src == self && ownMax[2 * (int) (h % 4) + (type == MessageType.PRECOMMIT ? 1 : 0)] == r);
      @   also
      @     requires rows[(4 * r + (int) (h % 4))] != null;
      @*/
    //-RAC@     assignable rows[(4 * r + (int) (h % 4))], rows[(4 * r + (int) (h % 4))].vals[rows[(4 * r + (int) (h % 4))].ints[C_VALUES] .. vcap - 1], rows[(4 * r + (int) (h % 4))].ints[C_VALUES], rows[(4 * r + (int) (h % 4))].ints[C_VOTE_VALUES],
    //-RAC@         rows[(4 * r + (int) (h % 4))].votes[8 * ((type == MessageType.PRECOMMIT ? n : 0) + src) .. 8 * ((type == MessageType.PRECOMMIT ? n : 0) + src) + 7], rows[(4 * r + (int) (h % 4))].counts[((type == MessageType.PRECOMMIT ? n : 0) + src)],
    //-RAC@         rows[(4 * r + (int) (h % 4))].sent[src], rows[(4 * r + (int) (h % 4))].longs[*], maxSeen[(int) (h % 4)], ownMax[*];
    //-RAC@     ensures rows[(4 * r + (int) (h % 4))] == \old(rows[(4 * r + (int) (h % 4))]) && rows[(4 * r + (int) (h % 4))].ints[C_VALUES] >= \old(rows[(4 * r + (int) (h % 4))].ints[C_VALUES]);
    //-RAC@     ensures rows[(4 * r + (int) (h % 4))].counts[((type == MessageType.PRECOMMIT ? n : 0) + src)] >= \old(rows[(4 * r + (int) (h % 4))].counts[((type == MessageType.PRECOMMIT ? n : 0) + src)]);
    //-RAC@     ensures \old(rows[(4 * r + (int) (h % 4))].counts[((type == MessageType.PRECOMMIT ? n : 0) + src)]) > 0 ==> rows[(4 * r + (int) (h % 4))].votes[8 * ((type == MessageType.PRECOMMIT ? n : 0) + src)] == \old(rows[(4 * r + (int) (h % 4))].votes[8 * ((type == MessageType.PRECOMMIT ? n : 0) + src)]);
    //-RAC@     ensures (\forall int y; 0 <= y && y < TALLY + 2 * (vcap + 1); \old((rows[(4 * r + (int) (h % 4))].longs)[y]) <= rows[(4 * r + (int) (h % 4))].longs[y]);
    /*@
      @     ensures \result == ADDED || \result == DUPLICATE || \result == EQUIVOCATION || \result == FULL;
      @     ensures \result == ADDED <==> \old(voteCount(h, type, r, src)) == 0 && \result != FULL;
      @     ensures \result == ADDED ==> firstVote(h, type, r, src).sameAs(v);
      @     ensures \old(voteCount(h, type, r, src)) == 0 && (v.nil || \old(find(h, r, v)) != ABSENT) ==> \result == ADDED
      @         && voteIndexOf(h, type, r, src) == \old(find(h, r, v));
      @     ensures \result == DUPLICATE ==> \old(hasVoted(h, type, r, src, v));
      @     ensures \result == EQUIVOCATION ==> \old(voteCount(h, type, r, src)) > 0 && !\old(firstVote(h, type, r, src)).sameAs(v);
      @     ensures hasSent(h, r, src);
      @     ensures src == self && (\result == ADDED || (\result == EQUIVOCATION && \old(voteCount(h, type, r, src)) < MAX_VOTES_PER_SENDER))
      @         ==> ownRound(h, type) == (\old(ownRound(h, type)) < r ? r : \old(ownRound(h, type)));
      @     ensures (\forall int q; 0 <= q && q < 2 * WINDOW; (src != self || q != 2 * slotOf(h) + typeIndex(type)) ==> ownMax[q] == \old(ownMax[q]));
      @     ensures ownMax[2 * (int) (h % 4) + (type == MessageType.PRECOMMIT ? 1 : 0)] == \old(ownMax[2 * (int) (h % 4) + (type == MessageType.PRECOMMIT ? 1 : 0)]) || (src == self && ownMax[2 * (int) (h % 4) + (type == MessageType.PRECOMMIT ? 1 : 0)] == r);
      @   |}
      @*/
    public int addVote(MessageType type, int src, long h, int r, Value v) {
        int x = ensureRow(slotOf(h), r);
        markSenderAt(x, src);
        int t = typeIndex(type);
        int ci = (t == 0 ? 0 : n) + src;
        int c = rows[x].counts[ci];
        int vi = 8 * ci;
        //@ loop_invariant 0 <= j && j <= c;
        //@ loop_invariant (\forall int q; 0 <= q && q < j; !valueOfIndex(x, rows[x].votes[vi + q] - 1).sameAs(v));
        //@ decreases c - j;
        for (int j = 0; j < c; j++) {
            if (valueOfIndex(x, rows[x].votes[vi + j] - 1).sameAs(v)) {
                return DUPLICATE;
            }
        }
        if (c >= MAX_VOTES_PER_SENDER) {
            return EQUIVOCATION;
        }
        int k = findAt(x, v);
        if (k == ABSENT) {
            if (rows[x].ints[C_VOTE_VALUES] >= 16 * n) {
                return FULL;
            }
            k = intern(x, v);
        }
        if (src == self) {
            int q = 2 * slotOf(h) + t;
            if (ownMax[q] < r) {
                ownMax[q] = r;
            }
        }
        countVote(x, t, src, c, k);
        return c == 0 ? ADDED : EQUIVOCATION;
    }

    /**
     * Counts src's (c+1)-th vote of type t, for table index k, in row x: the vote, its count, the
     * "any" tally (first vote only) and the value's tally.
     */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null && 0 <= t && t < 2 && 0 <= src && src < n;
      @   requires 0 <= c && c < MAX_VOTES_PER_SENDER && rows[x].counts[(t == 0 ? 0 : n) + src] == c;
      @   requires NIL_INDEX <= k && k < rows[x].ints[C_VALUES];
      @   requires src == self ==> ownMax[2 * (x % 4) + t] >= x / 4;
      @   assignable rows[x].votes[8 * ((t == 0 ? 0 : n) + src) + c], rows[x].counts[(t == 0 ? 0 : n) + src],
      @       rows[x].longs[ANY + t], rows[x].longs[TALLY + (t == 0 ? 0 : vcap + 1) + k + 1];
      @   ensures rows[x].votes[8 * ((t == 0 ? 0 : n) + src) + c] == k + 1;
      @   ensures rows[x].counts[(t == 0 ? 0 : n) + src] == c + 1;
      @   ensures rows[x].longs[ANY + t] == (c == 0 ? addPower(\old((rows[x].longs)[ANY + t]), power[src], total) : \old((rows[x].longs)[ANY + t]));
      @   ensures rows[x].longs[TALLY + (t == 0 ? 0 : vcap + 1) + k + 1]
      @       == addPower(\old((rows[x].longs)[TALLY + (t == 0 ? 0 : vcap + 1) + k + 1]), power[src], total);
      @*/
    private void countVote(int x, int t, int src, int c, int k) {
        int ci = (t == 0 ? 0 : n) + src;
        rows[x].votes[8 * ci + c] = (short) (k + 1);
        rows[x].counts[ci] = (short) (c + 1);
        if (c == 0) {
            rows[x].longs[ANY + t] = addPower(rows[x].longs[ANY + t], power[src], total);
        }
        int ti = TALLY + (t == 0 ? 0 : vcap + 1) + k + 1;
        rows[x].longs[ti] = addPower(rows[x].longs[ti], power[src], total);
    }

    /**
     * Records PROPOSAL(h, r, v, vr) from the proposer of (h, r) (the caller checks the sender).
     * The first proposal is ADDED; the same again DUPLICATE; a different one EQUIVOCATION, kept
     * (up to MAX_PROPOSALS_PER_ROUND) because the paper's rules fire on any proposal received
     * from the proposer. Marks src as a sender of (h, r).
     */
    /*@ public normal_behavior
      @   requires inWindow(h) && 0 <= src && src < n && 0 <= r && r <= maxRound && v != null && !v.nil
      @       && -1 <= vr && vr < r;
      @   {|
      @     requires rows[(4 * r + (int) (h % 4))] == null;
      @     assignable rows[(4 * r + (int) (h % 4))], maxSeen[(int) (h % 4)];
      @     ensures \result == ADDED;
      @     ensures (\exists int k; 0 <= k && k < rows[(4 * r + (int) (h % 4))].ints[C_PROPOSALS]; rows[(4 * r + (int) (h % 4))].vals[rows[(4 * r + (int) (h % 4))].pvals[k]].sameAs(v) && rows[(4 * r + (int) (h % 4))].vrs[k] == vr);
      @     ensures rows[(4 * r + (int) (h % 4))] != null && rows[(4 * r + (int) (h % 4))].sent[src];
      @   also
      @     requires rows[(4 * r + (int) (h % 4))] != null;
      @*/
    //-RAC@     assignable rows[(4 * r + (int) (h % 4))], rows[(4 * r + (int) (h % 4))].vals[rows[(4 * r + (int) (h % 4))].ints[C_VALUES] .. vcap - 1], rows[(4 * r + (int) (h % 4))].ints[*], rows[(4 * r + (int) (h % 4))].pvals[*], rows[(4 * r + (int) (h % 4))].vrs[*],
    //-RAC@         rows[(4 * r + (int) (h % 4))].sent[src], rows[(4 * r + (int) (h % 4))].longs[SENDERS], maxSeen[(int) (h % 4)];
    //-RAC@     ensures rows[(4 * r + (int) (h % 4))] == \old(rows[(4 * r + (int) (h % 4))]) && rows[(4 * r + (int) (h % 4))].ints[C_VALUES] >= \old(rows[(4 * r + (int) (h % 4))].ints[C_VALUES]);
    /*@
      @     ensures \result == ADDED || \result == DUPLICATE || \result == EQUIVOCATION;
      @     old int held = rows[(4 * r + (int) (h % 4))].ints[C_PROPOSALS];
      @     old boolean same = (\exists int k; 0 <= k && k < rows[(4 * r + (int) (h % 4))].ints[C_PROPOSALS];
      @         rows[(4 * r + (int) (h % 4))].vals[rows[(4 * r + (int) (h % 4))].pvals[k]].sameAs(v) && rows[(4 * r + (int) (h % 4))].vrs[k] == vr);
      @     old boolean sameFirst = rows[(4 * r + (int) (h % 4))].ints[C_PROPOSALS] > 0
      @         && rows[(4 * r + (int) (h % 4))].vals[rows[(4 * r + (int) (h % 4))].pvals[0]].sameAs(v) && rows[(4 * r + (int) (h % 4))].vrs[0] == vr;
      @     ensures \result == ADDED <==> held == 0;
      @     ensures \result == DUPLICATE ==> same;
      @     ensures \result == EQUIVOCATION ==> held > 0 && !sameFirst;
      @     ensures \result != DUPLICATE && held < MAX_PROPOSALS_PER_ROUND ==> (\exists int k; 0 <= k && k < rows[(4 * r + (int) (h % 4))].ints[C_PROPOSALS]; rows[(4 * r + (int) (h % 4))].vals[rows[(4 * r + (int) (h % 4))].pvals[k]].sameAs(v) && rows[(4 * r + (int) (h % 4))].vrs[k] == vr);
      @     ensures rows[(4 * r + (int) (h % 4))] != null && rows[(4 * r + (int) (h % 4))].sent[src];
      @   |}
      @*/
    public int addProposal(int src, long h, int r, Value v, int vr) {
        int k = proposalAt(rowOf(slotOf(h), r), v, vr); // before the row is allocated or marked: the \old state
        int x = ensureRow(slotOf(h), r);
        markSenderAt(x, src);
        int c = rows[x].ints[C_PROPOSALS];
        //@ split
        if (k != ABSENT) {
            return DUPLICATE;
        }
        //@ split
        if (c >= MAX_PROPOSALS_PER_ROUND) {
            return EQUIVOCATION;
        }
        proposeAt(x, c, v, vr);
        //@ assert x == (4 * r + (int) (h % 4)) && c < rows[x].ints[C_PROPOSALS] && rows[x].vals[rows[x].pvals[c]].sameAs(v) && rows[x].vrs[c] == vr;
        return c == 0 ? ADDED : EQUIVOCATION;
    }

    /** The position of a kept proposal of the row for v with valid round vr, or ABSENT. */
    /*@ private normal_behavior
      @   requires rows != null && 0 <= x && x < rows.length && v != null;
      @   requires rows[x] != null ==> rows[x].ints != null && rows[x].ints.length == COUNTERS + 1
      @       && rows[x].pvals != null && rows[x].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
      @       && rows[x].vrs != null && rows[x].vrs.length == MAX_PROPOSALS_PER_ROUND + 1
      @       && rows[x].vals != null && rows[x].ints[C_VALUES] <= rows[x].vals.length
      @       && 0 <= rows[x].ints[C_PROPOSALS] && rows[x].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
      @       && (\forall int k; 0 <= k && k < rows[x].ints[C_PROPOSALS]; 0 <= rows[x].pvals[k] && rows[x].pvals[k] < rows[x].ints[C_VALUES])
      @       && (\forall int k; 0 <= k && k < rows[x].ints[C_VALUES]; rows[x].vals[k] != null);
      @   ensures rows[x] == null ==> \result == ABSENT;
      @   ensures \result == ABSENT || (rows[x] != null && 0 <= \result && \result < rows[x].ints[C_PROPOSALS]
      @       && rows[x].vals[rows[x].pvals[\result]].sameAs(v) && rows[x].vrs[\result] == vr);
      @   ensures \result == ABSENT && rows[x] != null ==> (\forall int q; 0 <= q && q < rows[x].ints[C_PROPOSALS];
      @       !(rows[x].vals[rows[x].pvals[q]].sameAs(v) && rows[x].vrs[q] == vr));
      @ pure helper
      @*/
    private /*@ spec_public @*/ int proposalAt(int x, Value v, int vr) {
        if (rows[x] == null) {
            return ABSENT;
        }
        int c = rows[x].ints[C_PROPOSALS];
        //@ loop_invariant 0 <= k && k <= c;
        // (prefix fact the prover's alone: the checker checks the postcondition over the whole range at the return)
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < k; !(rows[x].vals[rows[x].pvals[q]].sameAs(v) && rows[x].vrs[q] == vr));
        //@ decreases c - k;
        for (int k = 0; k < c; k++) {
            if (rows[x].vals[rows[x].pvals[k]].sameAs(v) && rows[x].vrs[k] == vr) {
                return k;
            }
        }
        return ABSENT;
    }

    /**
     * Keeps v with valid round vr as the row's (c+1)-th proposal: its table index (v added to the
     * table if it is not there) and valid round.
     */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null && v != null && !v.nil;
      @   requires 0 <= c && c < MAX_PROPOSALS_PER_ROUND && rows[x].ints[C_PROPOSALS] == c && -1 <= vr && vr < x / 4;
      @*/
    //-RAC@   assignable rows[x].vals[rows[x].ints[C_VALUES]], rows[x].ints[*], rows[x].pvals[c], rows[x].vrs[c];
    /*@
      @   ensures rows[x].ints[C_PROPOSALS] == c + 1 && rows[x].vrs[c] == vr && rows[x].ints[C_VALUES] >= \old(rows[x].ints[C_VALUES]);
      @   ensures 0 <= rows[x].pvals[c] && rows[x].pvals[c] < rows[x].ints[C_VALUES] && rows[x].vals[rows[x].pvals[c]].sameAs(v);
      @*/
    private void proposeAt(int x, int c, Value v, int vr) {
        int idx = findAt(x, v);
        //@ split
        if (idx == ABSENT) {
            keepNewProposal(x, c, v, vr);
        } else {
            keepProposal(x, c, idx, vr);
        }
    }

    /** Keeps the row's (c+1)-th proposal: table index idx, valid round vr. */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null;
      @   requires 0 <= c && c < MAX_PROPOSALS_PER_ROUND && rows[x].ints[C_PROPOSALS] == c;
      @   requires 0 <= idx && idx < rows[x].ints[C_VALUES] && -1 <= vr && vr < x / 4;
      @   assignable rows[x].pvals[c], rows[x].vrs[c], rows[x].ints[C_PROPOSALS];
      @   ensures rows[x].pvals[c] == idx && rows[x].vrs[c] == vr && rows[x].ints[C_PROPOSALS] == c + 1;
      @*/
    private void keepProposal(int x, int c, int idx, int vr) {
        rows[x].pvals[c] = (short) idx;
        rows[x].vrs[c] = vr;
        rows[x].ints[C_PROPOSALS] = c + 1;
    }

    /** Adds v (not in the table) to the row's table and keeps it as the row's (c+1)-th proposal, valid round vr. */
    /*@ private normal_behavior
      @   requires 0 <= x && x < rows.length && rows[x] != null && v != null && !v.nil;
      @   requires 0 <= c && c < MAX_PROPOSALS_PER_ROUND && rows[x].ints[C_PROPOSALS] == c && -1 <= vr && vr < x / 4;
      @   assignable rows[x].vals[rows[x].ints[C_VALUES]], rows[x].ints[C_VALUES], rows[x].ints[C_PROP_VALUES],
      @       rows[x].pvals[c], rows[x].vrs[c], rows[x].ints[C_PROPOSALS];
      @   ensures rows[x].pvals[c] == \old(rows[x].ints[C_VALUES]) && rows[x].vals[rows[x].pvals[c]] == v;
      @   ensures rows[x].ints[C_VALUES] == \old(rows[x].ints[C_VALUES]) + 1;
      @   ensures rows[x].vrs[c] == vr && rows[x].ints[C_PROPOSALS] == c + 1;
      @*/
    private void keepNewProposal(int x, int c, Value v, int vr) {
        VoteRow w = rows[x];
        int k = w.ints[C_VALUES];
        w.vals[k] = v;
        w.ints[C_VALUES] = k + 1;
        w.ints[C_PROP_VALUES] = w.ints[C_PROP_VALUES] + 1;
        w.pvals[c] = (short) k;
        w.vrs[c] = vr;
        w.ints[C_PROPOSALS] = c + 1;
    }

    /**
     * Moves the window one height up: drops every message of height {@link #base()} and makes
     * room for base + WINDOW.
     */
    /*@ public normal_behavior
      @   requires base <= ProposerSelection.MAX_HEIGHT;
      @*/
    //-RAC@   assignable base, rows[*], ownMax[*], maxSeen[*];
    /*@
      @   ensures base == \old(base) + 1;
      @   ensures (\forall int q; 0 <= q && q < 2 * WINDOW && q / 2 != slotOf(\old(base)); ownMax[q] == \old(ownMax[q]));
      @   ensures ownMax[2 * slotOf(\old(base))] == -1 && ownMax[2 * slotOf(\old(base)) + 1] == -1;
      @*/
    public void advance() {
        int s = slotOf(base);
        // every row of the slot dropped: a scan of all rows (x % 4 == s), so that the loop
        // invariants are linear in x (stepping by 4 needs div / mod reasoning at each step)
        //@ loop_invariant 0 <= x && x <= rows.length;
        //@ loop_invariant (\forall int y; 0 <= y && y < x && y % 4 == s; rows[y] == null);
        //@ loop_invariant (\forall int y; 0 <= y && y < rows.length; (y >= x || y % 4 != s) ==> rows[y] == \old(rows[y]));
        //@ decreases rows.length - x;
        for (int x = 0; x < rows.length; x++) {
            if (x % 4 == s) {
                rows[x] = null;
            }
        }
        ownMax[2 * s] = -1;
        ownMax[2 * s + 1] = -1;
        maxSeen[s] = -1;
        base = base + 1;
    }

    // ------------------------------------------------------------------------------------------
    // Queries (h within the window)
    //
    // The queries are `pure helper`: the verifier does not assume and re-assert the keeper's invariants
    // around each use (every Validator contract names them). Each requires instead the part of the
    // invariants it reads, at its one row; those requires are the prover's alone (`//-RAC@`): the
    // checker checks the invariants themselves at every method boundary, and these clauses inlined at
    // every call made the checked code of Validator's methods too large for the JVM.

    /** The index of v in the table of (h, r): NIL_INDEX for nil, ABSENT if no message named it. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires v != null;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1 && rows[4 * r + (int) (h % 4)].vals != null
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int k; 0 <= k && k < rows[4 * r + (int) (h % 4)].ints[C_VALUES]; rows[4 * r + (int) (h % 4)].vals[k] != null);
    /*@
      @   ensures \result == findAt(rowOf(slotOf(h), r), v);
      @ pure helper
      @*/
    public int find(long h, int r, Value v) {
        return findAt(rowOf(slotOf(h), r), v);
    }

    /** The number of values in the table of (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1;
    /*@
      @   ensures \result == (rows[rowOf(slotOf(h), r)] == null ? 0 : rows[rowOf(slotOf(h), r)].ints[C_VALUES]);
      @ pure helper
      @*/
    public int valueCount(long h, int r) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w == null ? 0 : w.ints[C_VALUES];
    }

    /** The value of index k (NIL for NIL_INDEX) in the table of (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1;
    /*@
      @   requires NIL_INDEX <= k && k < valueCount(h, r);
      @*/
    //-RAC@   requires 0 <= k ==> rows[4 * r + (int) (h % 4)].vals != null && k < rows[4 * r + (int) (h % 4)].vals.length && rows[4 * r + (int) (h % 4)].vals[k] != null;
    /*@
      @   ensures \result == (k == NIL_INDEX ? Value.NIL : rows[rowOf(slotOf(h), r)].vals[k]) && \result != null;
      @ pure helper
      @*/
    public Value valueAt(long h, int r, int k) {
        return k == NIL_INDEX ? Value.NIL : rows[rowOf(slotOf(h), r)].vals[k];
    }

    /** How many distinct votes of src are counted at (h, r, type). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= n && 0 <= src && src < n && type != MessageType.PROPOSAL;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].counts != null && rows[4 * r + (int) (h % 4)].counts.length == 2 * n + 2
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].counts[(typeIndex(type) == 0 ? 0 : n) + src] && rows[4 * r + (int) (h % 4)].counts[(typeIndex(type) == 0 ? 0 : n) + src] <= MAX_VOTES_PER_SENDER;
    /*@
      @   ensures \result == (rows[rowOf(slotOf(h), r)] == null ? 0
      @       : rows[rowOf(slotOf(h), r)].counts[(typeIndex(type) == 0 ? 0 : n) + src]);
      @   ensures 0 <= \result && \result <= MAX_VOTES_PER_SENDER;
      @ pure helper
      @*/
    public int voteCount(long h, MessageType type, int r, int src) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w == null ? 0 : w.counts[(typeIndex(type) == 0 ? 0 : n) + src];
    }

    /** The table index of src's j-th counted vote at (h, r, type). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && 0 <= src && src < n && type != MessageType.PROPOSAL;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1;
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].counts != null && rows[4 * r + (int) (h % 4)].counts.length == 2 * n + 2
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].counts[(typeIndex(type) == 0 ? 0 : n) + src] && rows[4 * r + (int) (h % 4)].counts[(typeIndex(type) == 0 ? 0 : n) + src] <= MAX_VOTES_PER_SENDER;
    /*@
      @   requires 0 <= j && j < voteCount(h, type, r, src);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)].votes != null && rows[4 * r + (int) (h % 4)].votes.length == 16 * n + 2
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].votes[8 * ((typeIndex(type) == 0 ? 0 : n) + src) + j] && rows[4 * r + (int) (h % 4)].votes[8 * ((typeIndex(type) == 0 ? 0 : n) + src) + j] <= rows[4 * r + (int) (h % 4)].ints[C_VALUES];
    /*@
      @   ensures \result == rows[rowOf(slotOf(h), r)].votes[8 * ((typeIndex(type) == 0 ? 0 : n) + src) + j] - 1;
      @   ensures NIL_INDEX <= \result && \result < valueCount(h, r);
      @ pure helper
      @*/
    public int voteAt(long h, MessageType type, int r, int src, int j) {
        return rows[rowOf(slotOf(h), r)].votes[8 * ((typeIndex(type) == 0 ? 0 : n) + src) + j] - 1;
    }

    /** The table index of src's first counted vote at (h, r, type), or ABSENT. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && 0 <= src && src < n && type != MessageType.PROPOSAL;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1;
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].counts != null && rows[4 * r + (int) (h % 4)].counts.length == 2 * n + 2
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].counts[(typeIndex(type) == 0 ? 0 : n) + src] && rows[4 * r + (int) (h % 4)].counts[(typeIndex(type) == 0 ? 0 : n) + src] <= MAX_VOTES_PER_SENDER;
    //-RAC@   requires voteCount(h, type, r, src) > 0 ==> rows[4 * r + (int) (h % 4)].votes != null && rows[4 * r + (int) (h % 4)].votes.length == 16 * n + 2
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].votes[8 * ((typeIndex(type) == 0 ? 0 : n) + src)] && rows[4 * r + (int) (h % 4)].votes[8 * ((typeIndex(type) == 0 ? 0 : n) + src)] <= rows[4 * r + (int) (h % 4)].ints[C_VALUES];
    /*@
      @   ensures \result == (voteCount(h, type, r, src) == 0 ? ABSENT : voteAt(h, type, r, src, 0));
      @ pure helper
      @*/
    public int voteIndexOf(long h, MessageType type, int r, int src) {
        return voteCount(h, type, r, src) == 0 ? ABSENT : voteAt(h, type, r, src, 0);
    }

    /** src's first counted vote at (h, r, type) (the reference vote of evidence), or null. */
    /*@ public normal_behavior
      @   requires inWindow(h) && 0 <= r && r <= maxRound && 0 <= src && src < n && type != MessageType.PROPOSAL;
      @   ensures voteCount(h, type, r, src) == 0 ==> \result == null;
      @   ensures voteCount(h, type, r, src) > 0 ==> \result == valueAt(h, r, voteAt(h, type, r, src, 0));
      @ pure
      @*/
    public Value firstVote(long h, MessageType type, int r, int src) {
        return voteCount(h, type, r, src) == 0 ? null : valueAt(h, r, voteAt(h, type, r, src, 0));
    }

    /** Is v among src's counted votes at (h, r, type)? */
    /*@ public normal_behavior
      @   requires inWindow(h) && 0 <= r && r <= maxRound && 0 <= src && src < n && type != MessageType.PROPOSAL && v != null;
      @   ensures \result == (\exists int j; 0 <= j && j < voteCount(h, type, r, src);
      @       valueAt(h, r, voteAt(h, type, r, src, j)).sameAs(v));
      @ pure
      @*/
    public boolean hasVoted(long h, MessageType type, int r, int src, Value v) {
        int c = voteCount(h, type, r, src);
        //@ loop_invariant 0 <= j && j <= c;
        // (prefix fact the prover's alone: the checker checks the postcondition over the whole range at the return)
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < j; !valueAt(h, r, voteAt(h, type, r, src, q)).sameAs(v));
        //@ decreases c - j;
        for (int j = 0; j < c; j++) {
            if (valueAt(h, r, voteAt(h, type, r, src, j)).sameAs(v)) {
                return true;
            }
        }
        return false;
    }

    /** The tally of table index k (NIL_INDEX for nil) at (h, r, type). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 0 <= total && type != MessageType.PROPOSAL && 0 <= vcap && NIL_INDEX <= k && k < vcap;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1)
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].longs[TALLY + (typeIndex(type) == 0 ? 0 : vcap + 1) + k + 1] && rows[4 * r + (int) (h % 4)].longs[TALLY + (typeIndex(type) == 0 ? 0 : vcap + 1) + k + 1] <= total;
    /*@
      @   ensures \result == (rows[rowOf(slotOf(h), r)] == null ? 0
      @       : rows[rowOf(slotOf(h), r)].longs[TALLY + (typeIndex(type) == 0 ? 0 : vcap + 1) + k + 1]);
      @   ensures 0 <= \result && \result <= total;
      @ pure helper
      @*/
    public long powerAt(long h, MessageType type, int r, int k) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w == null ? 0 : w.longs[TALLY + (typeIndex(type) == 0 ? 0 : vcap + 1) + k + 1];
    }

    /** Power of the validators with a counted vote for v at (h, r, type). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 0 <= total && 0 <= vcap && type != MessageType.PROPOSAL && v != null;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1 && rows[4 * r + (int) (h % 4)].vals != null
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int k; 0 <= k && k < rows[4 * r + (int) (h % 4)].ints[C_VALUES]; rows[4 * r + (int) (h % 4)].vals[k] != null);
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= vcap && rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1)
    //-RAC@       && (\forall int y; 0 <= y && y < TALLY + 2 * (vcap + 1); 0 <= rows[4 * r + (int) (h % 4)].longs[y] && rows[4 * r + (int) (h % 4)].longs[y] <= total);
    /*@
      @   ensures \result == (find(h, r, v) == ABSENT ? 0 : powerAt(h, type, r, find(h, r, v)));
      @   ensures 0 <= \result && \result <= total;
      @ pure helper
      @*/
    public long powerFor(long h, MessageType type, int r, Value v) {
        int k = find(h, r, v);
        return k == ABSENT ? 0 : powerAt(h, type, r, k);
    }

    /** Power of the validators with a counted vote at (h, r, type). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 0 <= total && type != MessageType.PROPOSAL;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1) && 0 <= vcap
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].longs[ANY + typeIndex(type)] && rows[4 * r + (int) (h % 4)].longs[ANY + typeIndex(type)] <= total;
    /*@
      @   ensures \result == (rows[rowOf(slotOf(h), r)] == null ? 0 : rows[rowOf(slotOf(h), r)].longs[ANY + typeIndex(type)]);
      @   ensures 0 <= \result && \result <= total;
      @ pure helper
      @*/
    public long powerAny(long h, MessageType type, int r) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w == null ? 0 : w.longs[ANY + typeIndex(type)];
    }

    /** A quorum of votes (h, r, type) for table index k. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= total && total <= ValidatorSet.MAX_TOTAL_POWER && type != MessageType.PROPOSAL && 0 <= vcap && NIL_INDEX <= k && k < vcap;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1)
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].longs[TALLY + (typeIndex(type) == 0 ? 0 : vcap + 1) + k + 1] && rows[4 * r + (int) (h % 4)].longs[TALLY + (typeIndex(type) == 0 ? 0 : vcap + 1) + k + 1] <= total;
    /*@
      @   ensures \result == ValidatorSet.isQuorum(powerAt(h, type, r, k), total);
      @ pure helper
      @*/
    public boolean quorumAt(long h, MessageType type, int r, int k) {
        return ValidatorSet.isQuorum(powerAt(h, type, r, k), total);
    }

    /** A quorum of votes (h, r, type) for v. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= total && total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= vcap && type != MessageType.PROPOSAL && v != null;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1 && rows[4 * r + (int) (h % 4)].vals != null
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int k; 0 <= k && k < rows[4 * r + (int) (h % 4)].ints[C_VALUES]; rows[4 * r + (int) (h % 4)].vals[k] != null);
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= vcap && rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1)
    //-RAC@       && (\forall int y; 0 <= y && y < TALLY + 2 * (vcap + 1); 0 <= rows[4 * r + (int) (h % 4)].longs[y] && rows[4 * r + (int) (h % 4)].longs[y] <= total);
    /*@
      @   ensures \result == ValidatorSet.isQuorum(powerFor(h, type, r, v), total);
      @ pure helper
      @*/
    public boolean quorumFor(long h, MessageType type, int r, Value v) {
        return ValidatorSet.isQuorum(powerFor(h, type, r, v), total);
    }

    /** A quorum of votes (h, r, type) for anything. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= total && total <= ValidatorSet.MAX_TOTAL_POWER && type != MessageType.PROPOSAL;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1) && 0 <= vcap
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].longs[ANY + typeIndex(type)] && rows[4 * r + (int) (h % 4)].longs[ANY + typeIndex(type)] <= total;
    /*@
      @   ensures \result == ValidatorSet.isQuorum(powerAny(h, type, r), total);
      @ pure helper
      @*/
    public boolean quorumAny(long h, MessageType type, int r) {
        return ValidatorSet.isQuorum(powerAny(h, type, r), total);
    }

    /** Power of the validators that sent some message at (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 0 <= total;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1) && 0 <= vcap
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].longs[SENDERS] && rows[4 * r + (int) (h % 4)].longs[SENDERS] <= total;
    /*@
      @   ensures \result == (rows[rowOf(slotOf(h), r)] == null ? 0 : rows[rowOf(slotOf(h), r)].longs[SENDERS]);
      @   ensures 0 <= \result && \result <= total;
      @ pure helper
      @*/
    public long senderPower(long h, int r) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w == null ? 0 : w.longs[SENDERS];
    }

    /** One third of the power sent some message at (h, r) (line 55). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @   requires 1 <= total && total <= ValidatorSet.MAX_TOTAL_POWER;
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].longs != null && rows[4 * r + (int) (h % 4)].longs.length == TALLY + 2 * (vcap + 1) && 0 <= vcap
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].longs[SENDERS] && rows[4 * r + (int) (h % 4)].longs[SENDERS] <= total;
    /*@
      @   ensures \result == ValidatorSet.isOneThird(senderPower(h, r), total);
      @ pure helper
      @*/
    public boolean oneThirdSenders(long h, int r) {
        return ValidatorSet.isOneThird(senderPower(h, r), total);
    }

    /** Did src send some message at (h, r)? */
    /*@ public normal_behavior
      @   requires inWindow(h) && 0 <= r && r <= maxRound && 0 <= src && src < n;
      @   ensures \result == (rows[rowOf(slotOf(h), r)] != null && rows[rowOf(slotOf(h), r)].sent[src]);
      @ pure
      @*/
    public boolean hasSent(long h, int r, int src) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w != null && w.sent[src];
    }

    /** The number of proposals kept at (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] && rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND;
    /*@
      @   ensures \result == (rows[rowOf(slotOf(h), r)] == null ? 0 : rows[rowOf(slotOf(h), r)].ints[C_PROPOSALS]);
      @   ensures 0 <= \result && \result <= MAX_PROPOSALS_PER_ROUND;
      @ pure helper
      @*/
    public int proposalCount(long h, int r) {
        VoteRow w = rows[rowOf(slotOf(h), r)];
        return w == null ? 0 : w.ints[C_PROPOSALS];
    }

    /** The table index of the k-th proposal's value at (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] && rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
    //-RAC@       && rows[4 * r + (int) (h % 4)].pvals != null && rows[4 * r + (int) (h % 4)].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@       && rows[4 * r + (int) (h % 4)].vrs != null && rows[4 * r + (int) (h % 4)].vrs.length == MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@       && rows[4 * r + (int) (h % 4)].vals != null && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int q; 0 <= q && q < rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS];
    //-RAC@           0 <= rows[4 * r + (int) (h % 4)].pvals[q] && rows[4 * r + (int) (h % 4)].pvals[q] < rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]] != null
    //-RAC@           && !rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]].nil && -1 <= rows[4 * r + (int) (h % 4)].vrs[q] && rows[4 * r + (int) (h % 4)].vrs[q] < r);
    /*@
      @   requires 0 <= k && k < proposalCount(h, r);
      @   ensures \result == rows[rowOf(slotOf(h), r)].pvals[k];
      @   ensures 0 <= \result && \result < valueCount(h, r);
      @ pure helper
      @*/
    public int proposalIndex(long h, int r, int k) {
        return rows[rowOf(slotOf(h), r)].pvals[k];
    }

    /** The k-th proposal's value at (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] && rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
    //-RAC@       && rows[4 * r + (int) (h % 4)].pvals != null && rows[4 * r + (int) (h % 4)].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@       && rows[4 * r + (int) (h % 4)].vrs != null && rows[4 * r + (int) (h % 4)].vrs.length == MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@       && rows[4 * r + (int) (h % 4)].vals != null && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int q; 0 <= q && q < rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS];
    //-RAC@           0 <= rows[4 * r + (int) (h % 4)].pvals[q] && rows[4 * r + (int) (h % 4)].pvals[q] < rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]] != null
    //-RAC@           && !rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]].nil && -1 <= rows[4 * r + (int) (h % 4)].vrs[q] && rows[4 * r + (int) (h % 4)].vrs[q] < r);
    /*@
      @   requires 0 <= k && k < proposalCount(h, r);
      @   ensures \result == valueAt(h, r, proposalIndex(h, r, k)) && \result != null && !\result.nil;
      @ pure helper
      @*/
    public Value proposalValue(long h, int r, int k) {
        return valueAt(h, r, proposalIndex(h, r, k));
    }

    /** The k-th proposal's valid round at (h, r). */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] && rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
    //-RAC@       && rows[4 * r + (int) (h % 4)].pvals != null && rows[4 * r + (int) (h % 4)].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@       && rows[4 * r + (int) (h % 4)].vrs != null && rows[4 * r + (int) (h % 4)].vrs.length == MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@       && rows[4 * r + (int) (h % 4)].vals != null && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int q; 0 <= q && q < rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS];
    //-RAC@           0 <= rows[4 * r + (int) (h % 4)].pvals[q] && rows[4 * r + (int) (h % 4)].pvals[q] < rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]] != null
    //-RAC@           && !rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]].nil && -1 <= rows[4 * r + (int) (h % 4)].vrs[q] && rows[4 * r + (int) (h % 4)].vrs[q] < r);
    /*@
      @   requires 0 <= k && k < proposalCount(h, r);
      @   ensures \result == rows[rowOf(slotOf(h), r)].vrs[k];
      @   ensures -1 <= \result && \result < r;
      @ pure helper
      @*/
    public int proposalValidRound(long h, int r, int k) {
        return rows[rowOf(slotOf(h), r)].vrs[k];
    }

    /** PROPOSAL(h, r, v, vr) from the proposer has been received. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] && rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
    //-RAC@       && rows[4 * r + (int) (h % 4)].pvals != null && rows[4 * r + (int) (h % 4)].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@       && rows[4 * r + (int) (h % 4)].vrs != null && rows[4 * r + (int) (h % 4)].vrs.length == MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@       && rows[4 * r + (int) (h % 4)].vals != null && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int q; 0 <= q && q < rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS];
    //-RAC@           0 <= rows[4 * r + (int) (h % 4)].pvals[q] && rows[4 * r + (int) (h % 4)].pvals[q] < rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]] != null
    //-RAC@           && !rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]].nil && -1 <= rows[4 * r + (int) (h % 4)].vrs[q] && rows[4 * r + (int) (h % 4)].vrs[q] < r);
    /*@
      @   requires v != null;
      @   ensures \result == (\exists int k; 0 <= k && k < proposalCount(h, r);
      @       proposalValue(h, r, k).sameAs(v) && proposalValidRound(h, r, k) == vr);
      @   ensures \result == (rows[rowOf(slotOf(h), r)] != null && (\exists int k; 0 <= k && k < rows[rowOf(slotOf(h), r)].ints[C_PROPOSALS];
      @       rows[rowOf(slotOf(h), r)].vals[rows[rowOf(slotOf(h), r)].pvals[k]].sameAs(v) && rows[rowOf(slotOf(h), r)].vrs[k] == vr));
      @ pure helper
      @*/
    public boolean hasProposal(long h, int r, Value v, int vr) {
        int x = rowOf(slotOf(h), r);
        int c = proposalCount(h, r);
        //@ loop_invariant 0 <= k && k <= c;
        // (prefix fact the prover's alone: the checker checks the postcondition over the whole range at the return)
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < k; !(proposalValue(h, r, q).sameAs(v) && proposalValidRound(h, r, q) == vr));
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < k; !(rows[x].vals[rows[x].pvals[q]].sameAs(v) && rows[x].vrs[q] == vr));
        //@ decreases c - k;
        for (int k = 0; k < c; k++) {
            //@ assert proposalValue(h, r, k) == rows[x].vals[rows[x].pvals[k]] && proposalValidRound(h, r, k) == rows[x].vrs[k];
            if (proposalValue(h, r, k).sameAs(v) && proposalValidRound(h, r, k) == vr) {
                return true;
            }
        }
        return false;
    }

    /** PROPOSAL(h, r, v, *) from the proposer has been received. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h);
      @   requires 0 <= r && r <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && rows != null && rows.length == 4 * (maxRound + 1);
      @*/
    //-RAC@   requires rows[4 * r + (int) (h % 4)] != null ==> rows[4 * r + (int) (h % 4)].ints != null && rows[4 * r + (int) (h % 4)].ints.length == COUNTERS + 1
    //-RAC@       && 0 <= rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] && rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS] <= MAX_PROPOSALS_PER_ROUND
    //-RAC@       && rows[4 * r + (int) (h % 4)].pvals != null && rows[4 * r + (int) (h % 4)].pvals.length == MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@       && rows[4 * r + (int) (h % 4)].vrs != null && rows[4 * r + (int) (h % 4)].vrs.length == MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@       && rows[4 * r + (int) (h % 4)].vals != null && rows[4 * r + (int) (h % 4)].ints[C_VALUES] <= rows[4 * r + (int) (h % 4)].vals.length
    //-RAC@       && (\forall int q; 0 <= q && q < rows[4 * r + (int) (h % 4)].ints[C_PROPOSALS];
    //-RAC@           0 <= rows[4 * r + (int) (h % 4)].pvals[q] && rows[4 * r + (int) (h % 4)].pvals[q] < rows[4 * r + (int) (h % 4)].ints[C_VALUES] && rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]] != null
    //-RAC@           && !rows[4 * r + (int) (h % 4)].vals[rows[4 * r + (int) (h % 4)].pvals[q]].nil && -1 <= rows[4 * r + (int) (h % 4)].vrs[q] && rows[4 * r + (int) (h % 4)].vrs[q] < r);
    /*@
      @   requires v != null;
      @   ensures \result == (\exists int k; 0 <= k && k < proposalCount(h, r); proposalValue(h, r, k).sameAs(v));
      @ pure helper
      @*/
    public boolean hasProposalValue(long h, int r, Value v) {
        int c = proposalCount(h, r);
        //@ loop_invariant 0 <= k && k <= c;
        // (prefix fact the prover's alone: the checker checks the postcondition over the whole range at the return)
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < k; !proposalValue(h, r, q).sameAs(v));
        //@ decreases c - k;
        for (int k = 0; k < c; k++) {
            if (proposalValue(h, r, k).sameAs(v)) {
                //@ assert 0 <= k && k < proposalCount(h, r) && proposalValue(h, r, k).sameAs(v);
                return true;
            }
        }
        return false;
    }

    /** The highest round with a message at h, or -1. */
    /*@ public normal_behavior
      @   requires inWindow(h);
      @   ensures \result == maxSeen[slotOf(h)] && -1 <= \result && \result <= maxRound;
      @ pure
      @*/
    public int maxSeenRound(long h) {
        return maxSeen[slotOf(h)];
    }

    /** The highest round of a counted own vote of this type at h, or -1. */
    /*@ public normal_behavior
      @   requires 1 <= base && base <= ProposerSelection.MAX_HEIGHT + 1 && inWindow(h) && type != MessageType.PROPOSAL;
      @   requires ownMax != null && ownMax.length == 2 * WINDOW
      @       && -1 <= ownMax[2 * (int) (h % 4) + typeIndex(type)] && ownMax[2 * (int) (h % 4) + typeIndex(type)] <= maxRound;
      @   ensures \result == ownMax[2 * slotOf(h) + typeIndex(type)] && -1 <= \result && \result <= maxRound;
      @ pure helper
      @*/
    public int ownRound(long h, MessageType type) {
        return ownMax[2 * slotOf(h) + typeIndex(type)];
    }

    /** The lowest height kept. */
    //@ public normal_behavior
    //@   ensures \result == base;
    //@ pure helper
    public long base() {
        return base;
    }

    /** The validator this keeper belongs to. */
    //@ public normal_behavior
    //@   ensures \result == self;
    //@ pure helper
    public int self() {
        return self;
    }

    //@ public normal_behavior
    //@   ensures \result == n;
    //@ pure helper
    public int size() {
        return n;
    }

    //@ public normal_behavior
    //@   ensures \result == maxRound;
    //@ pure helper
    public int maxRound() {
        return maxRound;
    }

    //@ public normal_behavior
    //@   ensures \result == vcap;
    //@ pure helper
    public int valueCapacity() {
        return vcap;
    }

    //@ public normal_behavior
    //@   ensures \result == total;
    //@ pure helper
    public long totalPower() {
        return total;
    }
}
