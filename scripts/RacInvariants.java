import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gives OpenJML's runtime checker each class's invariants as one predicate (make verify-rac).
 *
 * <pre>
 * java scripts/RacInvariants.java DIR
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
 * operators, and quantifiers over two variables with independent ranges.
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

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java scripts/RacInvariants.java DIR");
            System.exit(2);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        int classes = 0;
        int clauses = 0;
        for (Path f : files) {
            int n = rewrite(f);
            if (n > 0) {
                classes++;
                clauses += n;
            }
        }
        System.out.println("rac-invariants: " + clauses + " invariant(s) of " + classes
                + " class(es) under " + args[0] + " checked as one predicate per class");
    }

    /** Rewrites one file; returns the number of clauses folded into its predicate. */
    private static int rewrite(Path f) throws IOException {
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
        if (conjuncts.isEmpty()) {
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
        add.add("      @ public model pure helper boolean " + name + "() {");
        for (int k = 0; k < conjuncts.size(); k++) {
            add.add("      @     " + (k == 0 ? "return " : "    && ") + "(" + conjuncts.get(k) + ")"
                    + (k == conjuncts.size() - 1 ? ";" : ""));
        }
        add.add("      @ }");
        add.add("      @*/");
        lines.addAll(close, add);
        Files.write(f, lines);
        return conjuncts.size();
    }

    private static final Pattern ELEMTYPE =
            Pattern.compile("\\\\elemtype\\(\\\\typeof\\(([\\w.\\[\\]]+)\\)\\) == \\\\type\\((\\w+(?:\\[\\])*)\\)");
    private static final Pattern TYPEOF =
            Pattern.compile("\\\\typeof\\(([\\w.\\[\\]]+)\\) == \\\\type\\((\\w+(?:\\[\\])*)\\)");

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
