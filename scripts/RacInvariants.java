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
            String e = text.substring(0, text.length() - 1).strip();
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
