/**
 * Which queries ESC can see through inside a quantifier (OpenJML 0.17.0-alpha-15, z3 4.8.12; every
 * method below proves, about 1 s each).
 *
 * <p>Outside a quantifier, a call of a pure method brings its contract: {@link #one} proves that
 * a key with the same words as k has k's last word. Inside a quantifier, a pure <em>instance</em>
 * method does not: the assertion
 * {@code (\forall int i; 0 <= i && i < a.length; a[i].same(k) ==> a[i].w == k.w)} is reported
 * as not established (a warning, in about 1 s; also with the quantified object's nullness in the
 * range, and with {@code same} marked {@code heap_free}). A <em>static</em> pure method does
 * ({@link #allStatic}), and so does stating the fields themselves ({@link #allWords}). So a
 * contract or loop invariant that quantifies over a query whose contract the proof needs names a
 * static function of the entries or the fields, never an instance query: how
 * {@code dev.bulwark.ledger.KeyIndex.indexOf} says "no registered key is k" (over the key's
 * four words), and why margin's contracts quantify over {@code MarginMath}'s static functions.
 * Functional consistency alone (the same query on the same arguments gives the same value) is
 * kept for both kinds: {@code KeyIndex}'s invariants over the static {@code slot} need no more.
 */
public final class QuantifiedQueries {
    //@ spec_public
    private final long w;

    //@ ensures this.w == w;
    //@ pure
    public QuantifiedQueries(long w) {
        this.w = w;
    }

    //@ public normal_behavior
    //@   ensures \result <==> o != null && w == o.w;
    //@ pure
    public boolean same(/*@ nullable @*/ QuantifiedQueries o) {
        return o != null && w == o.w;
    }

    //@ public normal_behavior
    //@   requires a != null;
    //@   ensures \result <==> o != null && a.w == o.w;
    //@ pure
    public static boolean same(QuantifiedQueries a, /*@ nullable @*/ QuantifiedQueries o) {
        return o != null && a.w == o.w;
    }

    /** One entry: the instance query's contract is there. */
    //@ requires a != null && k != null && a.length > 0 && a[0] != null;
    public static void one(QuantifiedQueries[] a, QuantifiedQueries k) {
        //@ assert a[0].same(k) ==> a[0].w == k.w;
    }

    /** Every entry, through the static query. */
    //@ requires a != null && k != null && (\forall int i; 0 <= i && i < a.length; a[i] != null);
    public static void allStatic(QuantifiedQueries[] a, QuantifiedQueries k) {
        //@ assert (\forall int i; 0 <= i && i < a.length; same(a[i], k) ==> a[i].w == k.w);
    }

    /** Every entry, over the fields. */
    //@ requires a != null && k != null && (\forall int i; 0 <= i && i < a.length; a[i] != null);
    public static void allWords(QuantifiedQueries[] a, QuantifiedQueries k) {
        //@ assert (\forall int i; 0 <= i && i < a.length; a[i].w == k.w ==> same(a[i], k));
    }
}
