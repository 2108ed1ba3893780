/**
 * Storing a freshly allocated row into an array of rows (OpenJML 0.17.0-alpha-15, z3 4.8.12;
 * every method below proves, about 1-2 s each). Two facts the verifier does not have by itself:
 *
 * <p><b>The element type of the outer array.</b> For a field {@code int[][] ints} the verifier
 * assumes only that {@code \typeof(ints)} is a subtype of {@code int[][]} and that
 * {@code \elemtype(\typeof(ints))} is a subtype of {@code int[]}; the array-store check of
 * {@code ints[x] = new int[4]} asks {@code \typeof(new int[4]) <: \elemtype(\typeof(ints))}, which
 * does not follow (without the invariant below: "PossiblyBadArrayAssignment" on each such store,
 * in a small class; in a class with many quantified invariants the prover searches instead and the
 * method is UNKNOWN). The invariant {@code \elemtype(\typeof(ints)) == \type(int[])} (established by
 * the constructor's {@code new int[8][]}) makes each store check prove. {@code \typeof(ints) ==
 * \type(int[][])} would do the same.
 *
 * <p><b>A fresh row is not one of the rows.</b> The verifier gives no allocation fact for an
 * array element read from the heap ({@code ints[y]}), only for fields and locals, so an invariant
 * "rows are distinct" ({@code ints[x] != ints[y]} for {@code x != y}) cannot be re-proved after
 * {@code ints[x] = new int[4]}: the new array might be some {@code ints[y]} (without the marks
 * below: "InvariantExit" on the distinctness invariant). Here every row has one more entry, its
 * mark, always 1, and a new array is all zeros: so a new array is none of the rows, by content.
 * The mark is written after the row is stored. {@link #putRow} is the same as a static method
 * over the outer array (its contract gives the caller distinctness and the new row's shape).
 */
/*@ nullable_by_default @*/ public final class FreshRows {
    //@ spec_public
    private final int[][] ints;
    //@ spec_public
    private final short[][] votes;

    //@ public invariant ints != null && ints.length == 8 && votes != null && votes.length == 8;
    //@ public invariant \elemtype(\typeof(ints)) == \type(int[]) && \elemtype(\typeof(votes)) == \type(short[]);
    //@ public invariant (\forall int x; 0 <= x && x < 8; (ints[x] == null) == (votes[x] == null)
    //@     && (ints[x] != null ==> ints[x].length == 5 && votes[x].length == 17 && ints[x][4] == 1 && votes[x][16] == 1));
    //@ public invariant (\forall int x, y; 0 <= x && x < 8 && 0 <= y && y < 8 && ints[x] != null && ints[y] != null;
    //@     x != y ==> ints[x] != ints[y] && votes[x] != votes[y]);

    //@ public normal_behavior
    //@   ensures (\forall int x; 0 <= x && x < 8; ints[x] == null);
    public FreshRows() {
        ints = new int[8][];
        votes = new short[8][];
    }

    /*@ public normal_behavior
      @   requires 0 <= x && x < 8;
      @   assignable ints[x], votes[x];
      @   ensures ints[x] != null && (\old(ints[x]) == null ==> ints[x][0] == 0);
      @*/
    public void put(int x) {
        if (ints[x] == null) {
            int[] a = new int[5];
            short[] b = new short[17];
            ints[x] = a;
            votes[x] = b;
            a[4] = 1;
            b[16] = 1;
        }
    }

    /*@ public normal_behavior
      @   requires 0 <= x && x < 8 && ints[x] == null;
      @   assignable ints[x], votes[x];
      @   ensures ints[x] != null && ints[x][0] == 0;
      @*/
    public void putWithHelper(int x) {
        putRow(ints, x, 4);
        short[] b = new short[17];
        votes[x] = b;
        b[16] = 1;
    }

    /** Stores a new row of len entries and its mark at a[x]. */
    /*@ private normal_behavior
      @   requires a != null && 0 <= x && x < a.length && 0 <= len && len < Integer.MAX_VALUE
      @       && \elemtype(\typeof(a)) == \type(int[]);
      @   requires (\forall int y; 0 <= y && y < a.length && a[y] != null && a[y].length == len + 1; a[y][len] == 1);
      @   assignable a[x];
      @   ensures a[x] != null && a[x].length == len + 1 && a[x][len] == 1 && (\forall int i; 0 <= i && i < len; a[x][i] == 0);
      @   ensures (\forall int y; 0 <= y && y < a.length && y != x; a[y] != a[x]);
      @*/
    private static void putRow(int[][] a, int x, int len) {
        int[] row = new int[len + 1];
        //@ assert (\forall int y; 0 <= y && y < a.length && a[y] != null && a[y].length == len + 1; a[y] != row);
        a[x] = row;
        row[len] = 1;
    }
}
