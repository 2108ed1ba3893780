import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gives OpenJML's runtime checker each class's invariants as one predicate (make verify-rac).
 *
 * <pre>
 * java scripts/RacInvariants.java [--safe-math=PKG,...] [--pure-helper=PKG,...] DIR
 * </pre>
 *
 * Rewrites, in place, the copies of the verified sources under DIR (never src/): in every file,
 * each class invariant the checker reads ({@code //@ public invariant ...;} or
 * {@code //+RAC@ public invariant ...;}, at the top-level class's indentation, with its
 * continuation lines) becomes the prover's alone ({@code //-RAC@}, on the same line), and the
 * class gets, before its closing brace, one checker-only invariant that calls a model predicate
 * whose body is the conjunction of those invariants, in source order and with their text
 * unchanged (a model method's body is specification: its arithmetic is the checker's
 * {@code \bigint} arithmetic, as in the invariants themselves).
 *
 * <p>Why: the checker checks a class's invariants inline, one check per invariant, wherever an
 * object of the class is the receiver, an argument or a field of the caller at a call's entry and
 * exit. In the ledger, whose methods call the engine, the oracle, governance and three key
 * indexes, that inline code exceeds the JVM's 64 KiB per method ("code too large"). One call per
 * class in its place keeps the same checks and a fraction of the code. A violation then names the
 * predicate, not the conjunct: the conjuncts are listed with their source lines in the comment
 * above it.
 *
 * <p>The predicate's body is the checker's text, so two forms the checker cannot evaluate there are
 * written in Java forms of the same meaning ({@link #typeTests}, {@link #nested}): JML's type
 * operators, and quantifiers over two variables with independent ranges. A type test in any other
 * specification line the checker reads (a method's contract) is written in Java too, in place:
 * where the checker evaluates JML's type operators, it interns a new type object at each
 * evaluation in a table whose lookups never find an earlier entry, so every evaluation is slower
 * than the last (a contract of a constructor called at every vote-keeper row kept the consensus
 * conformance suite from finishing checked).
 *
 * <p>{@code --safe-math=PKG,...} (a package is named by its directory, {@code consensus}): in those
 * packages the predicate is {@code spec_safe_math} (its arithmetic in Java's, each overflow
 * reported, instead of {@code \bigint}) and calls one model method per invariant, and per piece
 * of a long quantified conjunction ({@link #pieces}). Why: in the checker's code a predicate
 * evaluated in {@code \bigint} over every row of the consensus vote keeper at every call is a
 * method of tens of kilobytes that the JVM never compiles (it interprets methods over 8,000
 * bytes of bytecode; make verify-rac also runs the tests with {@code -XX:-DontCompileHugeMethods})
 * and the long tests do not finish. The checker's global {@code -spec-math=safe} is not an
 * alternative: it stops with an internal error on the contracts' {@code \old} expressions.
 * Safe math hides nothing: an expression that would overflow is reported as a violation
 * ("verify: JML ..."), which make verify-rac counts, so a run with none reported evaluated every
 * invariant to its {@code \bigint} value.
 *
 * <p>{@code --pure-helper=PKG,...}: in those packages every pure method (not a constructor) is
 * also {@code helper} for the checker ({@code pure} becomes {@code pure helper} on its modifier
 * line), and so is every private method whose contract block has {@code assignable \nothing} in
 * each of its cases ({@code @ helper @*}{@code /} on the block's closing line). Why: around every
 * call of a method that is not a helper the checker evaluates the callee's invariants several
 * times (measured: four for a pure method, six for one that changes state; none for a helper),
 * also inside specifications; a guard that asks the vote keeper about each proposal then evaluates
 * the keeper's predicate over every row several times per proposal, and the consensus long tests
 * do not finish. What the checker no longer checks is JML's
 * visible-state rule at a pure call: that the invariants hold when a pure method is called (from
 * the middle of a method that changes state, say). Every contract of the pure method is still
 * checked at every call, and every invariant is still checked at the entry and exit of every method
 * that can change state and of every constructor; such a method assigns nothing (its
 * {@code assignable \nothing}, which the prover checks), so the states the checker skips are
 * states it has checked or will check at the next such entry or exit. In a package that is also
 * named by {@code --safe-math}, every pure method without an arithmetic mode (helper or not) gets
 * {@code spec_safe_math} too, as its predicate has. The prover's text is unchanged.
 *
 * <p>Line numbers of everything before the predicate are kept (each clause is rewritten on its own
 * lines), so the checker's messages point at the sources. A file with a clause this program does
 * not recognise as complete (no semicolon outside its parentheses) is an error, and nothing is written.
 */
public final class RacInvariants {
    private static final Pattern START =
            Pattern.compile("^    (//@|//\\+RAC@) public invariant (.*)$");
    private static final Pattern TYPE =
            Pattern.compile("^(?:/\\*@[^@]*@\\*/ )?(?:public |final |abstract )*(?:class|interface|enum) (\\w+)");

    /** A line of a specification the checker reads (not one of the prover's alone). */
    private static final Pattern SPEC_LINE = Pattern.compile("^\\s*(//@|//\\+RAC@|/\\*@|/\\*\\+RAC@|@)");

    /** The most conjuncts of a quantifier's body in one piece ({@link #pieces}). */
    static final int PIECE = 8;

    public static void main(String[] args) throws IOException {
        Set<String> safe = new TreeSet<>();
        Set<String> pureHelper = new TreeSet<>();
        String dir = null;
        for (String a : args) {
            if (a.startsWith("--safe-math=")) {
                packages(a.substring("--safe-math=".length()), safe);
            } else if (a.startsWith("--pure-helper=")) {
                packages(a.substring("--pure-helper=".length()), pureHelper);
            } else if (dir == null && !a.startsWith("-")) {
                dir = a;
            } else {
                dir = null;
                break;
            }
        }
        if (dir == null) {
            System.err.println("usage: java scripts/RacInvariants.java [--safe-math=PKG,...] [--pure-helper=PKG,...] DIR");
            System.exit(2);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(dir))) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        int classes = 0;
        int clauses = 0;
        int safeClasses = 0;
        int helpers = 0;
        for (Path f : files) {
            Path parent = f.getParent();
            String pkg = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
            boolean safeMath = safe.contains(pkg);
            if (pureHelper.contains(pkg)) {
                helpers += pureHelpers(f, safeMath);
            }
            int n = rewrite(f, safeMath);
            if (n > 0) {
                classes++;
                clauses += n;
                safeClasses += safeMath ? 1 : 0;
            }
        }
        System.out.println("rac-invariants: " + clauses + " invariant(s) of " + classes
                + " class(es) under " + dir + " checked as one predicate per class"
                + (safe.isEmpty() ? "" : ", " + safeClasses + " of them in safe math (" + String.join(",", safe) + ")")
                + (pureHelper.isEmpty() ? "" : "; " + helpers + " method(s) pure or assigning nothing made helpers for the checker ("
                        + String.join(",", pureHelper) + ")"));
    }

    private static void packages(String list, Set<String> into) {
        for (String p : list.split(",")) {
            if (!p.isBlank()) {
                into.add(p.strip());
            }
        }
    }

    /** A line of modifiers only, among them {@code pure} (perhaps {@code pure helper}), that the checker reads. */
    private static final Pattern PURE_LINE = Pattern.compile(
            "^(\\s*(?://@|//\\+RAC@|/\\*@|/\\*\\+RAC@|@)\\s+(?:(?:public|protected|private|static|model|heap_free|"
            + "code_java_math|spec_java_math|code_safe_math|spec_safe_math|code_bigint_math|spec_bigint_math)\\s+)*)"
            + "pure( helper)?((?:\\s+(?:heap_free|code_java_math|spec_java_math|code_safe_math|spec_safe_math|"
            + "code_bigint_math|spec_bigint_math))*\\s*(?:@\\*/)?\\s*)$");
    /** A constructor's declaration: only access modifiers before a capitalised name and its parenthesis. */
    private static final Pattern CONSTRUCTOR =
            Pattern.compile("^\\s*(?:(?:public|protected|private)\\s+)?[A-Z]\\w*\\s*\\(");
    /** A line that is not the declaration a modifier line belongs to: specification, comment, annotation. */
    private static final Pattern NOT_DECLARATION =
            Pattern.compile("^\\s*(?:$|//|/\\*|\\*|@)");

    /**
     * Makes every pure method of one file a helper for the checker, in place (see the class
     * comment); returns how many it made so. With {@code safeMath} (a package of --safe-math) every
     * pure method without an arithmetic mode also gets {@code spec_safe_math}: its contract's
     * arithmetic in Java's with every overflow reported, as the invariants' (in {@code \bigint} a
     * helper's contract such as the vote keeper's row index, evaluated at every query, was a third
     * of a checked guard's time). A modifier line whose declaration is a constructor is left alone.
     */
    static int pureHelpers(Path f, boolean safeMath) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        int n = 0;
        boolean changed = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PURE_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int d = i + 1;
            while (d < lines.size() && NOT_DECLARATION.matcher(lines.get(d)).find()) {
                d++;
            }
            if (d >= lines.size()) {
                throw new IllegalStateException(f + ":" + (i + 1) + ": a pure modifier with no declaration after it");
            }
            if (CONSTRUCTOR.matcher(lines.get(d)).find()) {
                continue;
            }
            boolean helper = m.group(2) != null;
            boolean math = safeMath && !m.group(3).contains("_math");
            if (helper && !math) {
                continue;
            }
            lines.set(i, m.group(1) + "pure helper" + (math ? " spec_safe_math" : "") + m.group(3));
            n += helper ? 0 : 1;
            changed = true;
        }
        // private methods that assign nothing in every case of their contract: helpers too
        for (int i = 0; i < lines.size(); i++) {
            if (!BLOCK_END.matcher(lines.get(i)).matches()) {
                continue;
            }
            if (i + 1 >= lines.size() || !PRIVATE_METHOD.matcher(lines.get(i + 1)).find()) {
                continue;
            }
            int b = i;
            while (b > 0 && !lines.get(b).contains("/*@")) {
                b--;
            }
            String block = String.join("\n", lines.subList(b, i + 1));
            if (!lines.get(b).strip().startsWith("/*@") || block.contains("pure") || block.contains("helper")) {
                continue;
            }
            int cases = count(BEHAVIOR, block);
            if (cases == 0 || cases != count(ASSIGNS_NOTHING, block) || cases != count(ASSIGNABLE, block)) {
                continue;
            }
            lines.set(i, lines.get(i).replace("@*/", "@ helper @*/"));
            n++;
            changed = true;
        }
        if (changed) {
            Files.write(f, lines);
        }
        return n;
    }

    /** The closing line of a specification block, alone on its line. */
    private static final Pattern BLOCK_END = Pattern.compile("^\\s*@\\*/\\s*$");
    /** A private method's declaration (a return type before the name; not a constructor). */
    private static final Pattern PRIVATE_METHOD =
            Pattern.compile("^\\s*private\\s+(?:static\\s+|final\\s+)*[\\w.<>\\[\\],]+\\s+\\w+\\s*\\(");
    private static final Pattern BEHAVIOR = Pattern.compile("\\b(?:normal_behavior|exceptional_behavior|behavior)\\b");
    private static final Pattern ASSIGNS_NOTHING = Pattern.compile("\\bassignable\\s+\\\\nothing\\s*;");
    private static final Pattern ASSIGNABLE = Pattern.compile("\\b(?:assignable|modifies|assigns)\\b");

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Rewrites one file; returns the number of clauses folded into its predicate. */
    private static int rewrite(Path f, boolean safeMath) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        String type = null;
        for (String l : lines) {
            Matcher m = TYPE.matcher(l);
            if (m.find()) {
                type = m.group(1);
                break;
            }
        }
        List<String> conjuncts = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = START.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String prefix = m.group(1);
            int first = i;
            StringBuilder text = new StringBuilder(m.group(2).strip());
            lines.set(i, "    //-RAC@ public invariant " + m.group(2));
            while (!complete(text)) {
                i++;
                String cont = "    " + prefix + " ";
                if (i >= lines.size() || !lines.get(i).startsWith(cont)) {
                    throw new IllegalStateException(f + ":" + (first + 1)
                            + ": an invariant without its closing semicolon (or with unbalanced parentheses)");
                }
                text.append(' ').append(lines.get(i).substring(cont.length()).strip());
                lines.set(i, "    //-RAC@ " + lines.get(i).substring(cont.length()));
            }
            String e = nested(typeTests(text.substring(0, text.length() - 1).strip(), f, first + 1));
            conjuncts.add(e);
            at.add(first + 1);
        }
        // every other specification line with a type test (a method's contract): the same test
        // in Java, in place (its line kept)
        int typed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (SPEC_LINE.matcher(l).find() && (l.contains("\\typeof") || l.contains("\\elemtype") || l.contains("\\type("))) {
                lines.set(i, typeTests(l, f, i + 1));
                typed++;
            }
        }
        if (conjuncts.isEmpty()) {
            if (typed > 0) {
                Files.write(f, lines);
            }
            return 0;
        }
        if (type == null) {
            throw new IllegalStateException(f + ": invariants outside a recognised type declaration");
        }
        int close = lines.size() - 1;
        while (close >= 0 && !lines.get(close).strip().equals("}")) {
            close--;
        }
        if (close < 0 || !lines.get(close).equals("}")) {
            throw new IllegalStateException(f + ": no closing brace of the top-level type at column 0");
        }
        String name = "racInvariantOf" + type;
        List<String> add = new ArrayList<>();
        add.add("    // The checker's form of the class invariants (scripts/RacInvariants.java): lines "
                + joinInts(at) + ".");
        add.add("    /*+RAC@ public invariant " + name + "();");
        if (!safeMath) {
            add.add("      @ public model pure helper boolean " + name + "() {");
            for (int k = 0; k < conjuncts.size(); k++) {
                add.add("      @     " + (k == 0 ? "return " : "    && ") + "(" + conjuncts.get(k) + ")"
                        + (k == conjuncts.size() - 1 ? ";" : ""));
            }
            add.add("      @ }");
        } else {
            List<String> parts = new ArrayList<>();
            for (String c : conjuncts) {
                parts.addAll(pieces(c));
            }
            add.add("      @ public model pure helper spec_safe_math boolean " + name + "() {");
            for (int k = 0; k < parts.size(); k++) {
                add.add("      @     " + (k == 0 ? "return " : "    && ") + name + "$" + k + "()"
                        + (k == parts.size() - 1 ? ";" : ""));
            }
            add.add("      @ }");
            for (int k = 0; k < parts.size(); k++) {
                add.add("      @ public model pure helper spec_safe_math boolean " + name + "$" + k + "() {");
                add.add("      @     return (" + parts.get(k) + ");");
                add.add("      @ }");
            }
        }
        add.add("      @*/");
        lines.addAll(close, add);
        Files.write(f, lines);
        return conjuncts.size();
    }

    private static final Pattern ONE_VAR = Pattern.compile("^\\((\\\\forall|\\\\exists) int (\\w+); ");

    /**
     * A conjunct as the pieces the safe-math predicate checks one method each, in order: a
     * quantifier {@code (\forall int x; R; A1 && ... && An)} of one variable whose body is more
     * than {@link #PIECE} conjuncts joined by {@code &&} alone (no operator of lower precedence
     * outside parentheses) becomes {@code (\forall int x; R; A1 && ... && A8)}, {@code (\forall
     * int x; R; A9 && ...)}, ...; any other conjunct is one piece. The same formula, evaluated with
     * the same guards: the predicate calls the pieces left to right with {@code &&}, so a later piece
     * runs only when every earlier one held for every x in R, as the terms before it would have in
     * the whole body (a null test among A1..A8 still guards the dereferences in A9..).
     */
    static List<String> pieces(String c) {
        Matcher m = ONE_VAR.matcher(c);
        if (!m.find() || !m.group(1).equals("\\forall") || closing(c, 0) != c.length() - 1) {
            return List.of(c);
        }
        String inside = c.substring(m.end(), c.length() - 1);
        int semi = topLevel(inside, ";");
        if (semi < 0) {
            return List.of(c);
        }
        String range = inside.substring(0, semi).strip();
        String body = inside.substring(semi + 1).strip();
        for (String op : List.of("||", "==>", "<==", "<=!=>", "?", ";")) {
            if (topLevel(body, op) >= 0) {
                return List.of(c);
            }
        }
        List<String> terms = splitAnd(body);
        if (terms.size() <= PIECE) {
            return List.of(c);
        }
        List<String> out = new ArrayList<>();
        for (int from = 0; from < terms.size(); from += PIECE) {
            List<String> part = terms.subList(from, Math.min(terms.size(), from + PIECE));
            out.add("(\\forall int " + m.group(2) + "; " + range + "; " + String.join(" && ", part) + ")");
        }
        return out;
    }

    private static final Pattern ELEMTYPE =
            Pattern.compile("\\\\elemtype\\(\\\\typeof\\((\\\\?[\\w.\\[\\]]+)\\)\\) == \\\\type\\((\\w+(?:\\[\\])*)\\)");
    private static final Pattern TYPEOF =
            Pattern.compile("\\\\typeof\\((\\\\?[\\w.\\[\\]]+)\\) == \\\\type\\((\\w+(?:\\[\\])*)\\)");

    /**
     * A type test in the Java of the predicate's body: {@code \elemtype(\typeof(e)) == \type(T)}
     * as {@code e.getClass().getComponentType() == T.class}, {@code \typeof(e) == \type(T)} as
     * {@code e.getClass() == T.class} (the same test for a class that is not generic). In a model
     * method's body the checker does not compile JML's type operators (it looks for a method
     * {@code \TYPEValue}), and where it does evaluate them it interns a type object per evaluation
     * in a table that never finds an earlier entry. Any other use of a type operator is an error.
     */
    static String typeTests(String e, Path f, int line) {
        String r = ELEMTYPE.matcher(e).replaceAll("$1.getClass().getComponentType() == $2.class");
        r = TYPEOF.matcher(r).replaceAll("$1.getClass() == $2.class");
        if (r.contains("\\typeof") || r.contains("\\elemtype") || r.contains("\\type(")) {
            throw new IllegalStateException(f + ":" + line
                    + ": a type operator this program does not rewrite for the checker: " + e);
        }
        return r;
    }

    private static final Pattern TWO_VARS =
            Pattern.compile("\\((\\\\forall|\\\\exists) int (\\w+), (\\w+); ");

    /**
     * A quantifier over two variables with independent ranges, {@code (\forall int x, k; Rx && Rk;
     * B)} where the conjuncts Rx do not name k, nested as {@code (\forall int x; Rx; (\forall int
     * k; Rk; B))} (and so for {@code \exists}): the same formula, with the guards of Rx still
     * before Rk. The checker evaluates a quantifier of one variable over a range {@code lo <= x &&
     * x < hi} (and one more binary conjunct); one of two variables is the literal {@code false} at
     * run time. Any other two-variable quantifier is left as it is.
     */
    static String nested(String e) {
        Matcher m = TWO_VARS.matcher(e);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find(from)) {
            int open = m.start();
            int close = closing(e, open);
            String inside = e.substring(m.end(), close);
            int semi = topLevel(inside, ";");
            if (close < 0 || semi < 0) {
                break;
            }
            List<String> range = splitAnd(inside.substring(0, semi).strip());
            String body = nested(inside.substring(semi + 1).strip());
            String a = m.group(2);
            String b = m.group(3);
            Pattern nameB = Pattern.compile("\\b" + b + "\\b");
            Pattern nameA = Pattern.compile("\\b" + a + "\\b");
            int split = 0;
            while (split < range.size() && !nameB.matcher(range.get(split)).find()) {
                split++;
            }
            boolean independent = split >= 2 && split < range.size();
            for (int k = split; k < range.size() && independent; k++) {
                independent = nameB.matcher(range.get(k)).find() || !nameA.matcher(range.get(k)).find();
            }
            out.append(e, from, open);
            if (independent) {
                String q = m.group(1);
                out.append("(").append(q).append(" int ").append(a).append("; ")
                        .append(String.join(" && ", range.subList(0, split))).append("; (")
                        .append(q).append(" int ").append(b).append("; ")
                        .append(String.join(" && ", range.subList(split, range.size()))).append("; ")
                        .append(body).append("))");
            } else {
                out.append(e, open, close + 1);
            }
            from = close + 1;
        }
        out.append(e.substring(from));
        return out.toString();
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closing(String e, int open) {
        int depth = 0;
        for (int k = open; k < e.length(); k++) {
            char c = e.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    /** The first occurrence of {@code token} outside every parenthesis, or -1. */
    private static int topLevel(String e, String token) {
        int depth = 0;
        for (int k = 0; k < e.length(); k++) {
            char c = e.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && e.startsWith(token, k)) {
                return k;
            }
        }
        return -1;
    }

    /** The conjuncts of e joined by {@code &&} outside every parenthesis. */
    private static List<String> splitAnd(String e) {
        List<String> parts = new ArrayList<>();
        String rest = e;
        int k;
        while ((k = topLevel(rest, " && ")) >= 0) {
            parts.add(rest.substring(0, k).strip());
            rest = rest.substring(k + 4);
        }
        parts.add(rest.strip());
        return parts;
    }

    /** A clause is complete at a semicolon outside every parenthesis (a quantifier's are inside). */
    private static boolean complete(CharSequence text) {
        int depth = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth == 0 && text.toString().endsWith(";");
    }

    private static String joinInts(List<Integer> xs) {
        StringBuilder b = new StringBuilder();
        for (int x : xs) {
            b.append(b.length() == 0 ? "" : ", ").append(x);
        }
        return b.toString();
    }
}
