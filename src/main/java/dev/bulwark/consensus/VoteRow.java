package dev.bulwark.consensus;

/**
 * The storage of one (height, round) of a {@link VoteKeeper}, row {@code x}: one array per kind
 * of entry, allocated together and empty by the constructor (see {@link VoteKeeper}'s class
 * comment for the meaning of each); {@code VoteKeeper} writes their entries. A row is one object,
 * so that allocating or dropping a row is one store into the keeper's array of rows.
 *
 * <p><b>Marks.</b> Each of ints, vrs, votes, pvals and counts ends with entries that identify
 * the row and the kind of the array: {@code x + 1} for ints and vrs (which differ in length), and
 * {@code x % 32768}, {@code x / 32768 + tag} for votes (tag 0), pvals (200) and counts (400),
 * {@code x < 4 * (MAX_ROUND + 1) < 2^23}. So two rows' arrays are the same array only for the
 * same row and kind, by content, and a new row's arrays are none of the existing rows' arrays:
 * what the keeper's invariants need, with no quantifier over pairs of rows.
 *
 * <p>Memory: {@code vcap} references, {@code 5 + 65} ints, {@code 16n + 2n + 70} shorts, {@code n}
 * booleans and {@code 3 + 2 * (vcap + 1)} longs, {@code vcap = 16n + 64}.
 */
final class VoteRow {
    //@ spec_public
    final Value[] vals;
    //@ spec_public
    final int[] ints;
    //@ spec_public
    final short[] votes;
    //@ spec_public
    final short[] counts;
    //@ spec_public
    final boolean[] sent;
    //@ spec_public
    final short[] pvals;
    //@ spec_public
    final int[] vrs;
    //@ spec_public
    final long[] longs;

    /*@ normal_behavior
      @   requires 0 <= x && x < 4 * (ProposerSelection.MAX_ROUND + 1);
      @   requires 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && vcap == 16 * n + 64;
      @   ensures vals.length == vcap && \typeof(vals) == \type(Value[]) && \elemtype(\typeof(vals)) == \type(Value);
      @   ensures ints.length == 5 && votes.length == 16 * n + 2 && counts.length == 2 * n + 2 && sent.length == n
      @       && pvals.length == 66 && vrs.length == 65 && longs.length == 3 + 2 * (vcap + 1);
      @   ensures ints[4] == x + 1 && vrs[64] == x + 1;
      @   ensures votes[16 * n] == x % 32768 && votes[16 * n + 1] == x / 32768;
      @   ensures pvals[64] == x % 32768 && pvals[65] == x / 32768 + 200;
      @   ensures counts[2 * n] == x % 32768 && counts[2 * n + 1] == x / 32768 + 400;
      @   ensures ints[0] == 0 && ints[1] == 0 && ints[2] == 0 && ints[3] == 0;
      @   ensures (\forall int y; 0 <= y && y < 16 * n; votes[y] == 0);
      @   ensures (\forall int y; 0 <= y && y < 2 * n; counts[y] == 0);
      @   ensures (\forall int y; 0 <= y && y < n; !sent[y]);
      @   ensures (\forall int y; 0 <= y && y < 3 + 2 * (vcap + 1); longs[y] == 0);
      @*/
    //-RAC@   ensures \fresh(vals) && \fresh(ints) && \fresh(votes) && \fresh(counts) && \fresh(sent) && \fresh(pvals) && \fresh(vrs)
    //-RAC@       && \fresh(longs);
    //@ pure
    VoteRow(int x, int n, int vcap) {
        short lo = (short) (x % 32768);
        short hi = (short) (x / 32768);
        int[] ia = new int[5];
        ia[4] = x + 1;
        int[] vr = new int[65];
        vr[64] = x + 1;
        short[] vo = new short[16 * n + 2];
        vo[16 * n] = lo;
        vo[16 * n + 1] = hi;
        short[] pv = new short[66];
        pv[64] = lo;
        pv[65] = (short) (hi + 200);
        short[] co = new short[2 * n + 2];
        co[2 * n] = lo;
        co[2 * n + 1] = (short) (hi + 400);
        this.vals = new Value[vcap];
        this.ints = ia;
        this.votes = vo;
        this.counts = co;
        this.sent = new boolean[n];
        this.pvals = pv;
        this.vrs = vr;
        this.longs = new long[3 + 2 * (vcap + 1)];
    }
}
