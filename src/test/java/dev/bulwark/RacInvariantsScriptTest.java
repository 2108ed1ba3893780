package dev.bulwark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/RacInvariants.java, which rewrites make verify-rac's copies of the verified sources so
 * that OpenJML's runtime checker reads each class's invariants as one predicate: the checker must
 * read the same conjuncts as the prover, in order, and the prover's text must stay on its lines
 * (the checker's messages point at the sources).  Run as make verify-rac runs it (the JDK's
 * source launcher), on a fixture and on copies of the verified packages.
 */
class RacInvariantsScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("bulwark.root", "."));

    /** The script's exit code and output. */
    private record Result(int exit, String out) {}

    /** Runs the script on dir as make verify-rac does, with the options given. */
    private static Result launch(Path dir, String... options) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), ROOT.resolve("scripts/RacInvariants.java").toString()));
        command.addAll(List.of(options));
        command.add(dir.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script did not finish");
        return new Result(p.exitValue(), out);
    }

    /** The script's output on dir, which it must accept. */
    private static String run(Path dir, String... options) throws IOException, InterruptedException {
        Result r = launch(dir, options);
        assertEquals(0, r.exit(), r.out());
        return r.out();
    }

    /** The script's output on dir, which it must refuse. */
    private static String refused(Path dir) throws IOException, InterruptedException {
        Result r = launch(dir);
        assertNotEquals(0, r.exit(), r.out());
        return r.out();
    }

    /** Writes the same source as {@code file} into each package directory under dir. */
    private static void writeIn(Path dir, String file, List<String> source, String... packages) throws IOException {
        for (String pkg : packages) {
            Files.createDirectories(dir.resolve(pkg));
            Files.write(dir.resolve(pkg).resolve(file), source);
        }
    }

    @Test
    void foldsTheCheckersInvariantsIntoOnePredicateAndKeepsTheLines(@TempDir Path dir) throws Exception {
        List<String> source = List.of(
                "package p;",
                "/*@ nullable_by_default @*/ public final class Fixture {",
                "    //@ public invariant a != null;",
                "    //@ public invariant (\\forall int k; 0 <= k && k < a.length;",
                "    //@     a[k] >= 0);",
                "    //-RAC@ public invariant a.length == b.length;",
                "    //+RAC@ public invariant a.length == b();",
                "    //@ public invariant b() >= 0",
                "    //@     && b() < 10;",
                "    int[] a;",
                "    //@ ensures \\result >= 0; // not an invariant",
                "    int b() { return 0; }",
                "}");
        Files.write(dir.resolve("Fixture.java"), source);
        String out = run(dir);
        assertTrue(out.contains("4 invariant(s) of 1 class(es)"), out);
        List<String> after = Files.readAllLines(dir.resolve("Fixture.java"));
        // the prover's text on its own lines, each clause now the prover's alone
        assertEquals("    //-RAC@ public invariant a != null;", after.get(2));
        assertEquals("    //-RAC@ public invariant (\\forall int k; 0 <= k && k < a.length;", after.get(3));
        assertEquals("    //-RAC@     a[k] >= 0);", after.get(4));
        assertEquals(source.get(5), after.get(5));
        assertEquals("    //-RAC@ public invariant a.length == b();", after.get(6));
        assertEquals("    //-RAC@     && b() < 10;", after.get(8));
        assertEquals(source.subList(9, 12), after.subList(9, 12));
        // one checked invariant calling one predicate: the four conjuncts in source order, the
        // prover-only clause left out; the class's closing brace last
        String tail = String.join("\n", after.subList(12, after.size()));
        assertTrue(tail.contains("/*+RAC@ public invariant racInvariantOfFixture();"), tail);
        assertTrue(tail.contains("public model pure helper boolean racInvariantOfFixture() {"), tail);
        int i1 = tail.indexOf("return (a != null)");
        int i2 = tail.indexOf("&& ((\\forall int k; 0 <= k && k < a.length; a[k] >= 0))");
        int i3 = tail.indexOf("&& (a.length == b())");
        int i4 = tail.indexOf("&& (b() >= 0 && b() < 10);");
        assertTrue(0 < i1 && i1 < i2 && i2 < i3 && i3 < i4, tail);
        assertFalse(tail.contains("b.length"), tail);
        assertTrue(tail.contains("lines 3, 4, 7, 8"), tail);
        assertEquals("}", after.get(after.size() - 1));
    }

    @Test
    void refusesAClauseItCannotDelimit(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("Broken.java"), List.of(
                "public final class Broken {",
                "    //@ public invariant (x > 0;",
                "    int x;",
                "}"));
        String out = refused(dir);
        assertTrue(out.contains("Broken.java:2"), out);
        assertEquals("    //@ public invariant (x > 0;", Files.readAllLines(dir.resolve("Broken.java")).get(1),
                "nothing is written for a file in error");
    }

    /**
     * JML's type operators in an invariant become Java's type tests in the predicate's body (the
     * checker does not compile them there); the prover's text keeps them. Any other use of a type
     * operator is refused, and nothing is written.
     */
    @Test
    void writesTypeTestsInJavaForTheChecker(@TempDir Path dir) throws Exception {
        List<String> source = List.of(
                "public final class Rows {",
                "    //@ public invariant rows != null && \\elemtype(\\typeof(rows)) == \\type(Row);",
                "    //@ public invariant (\\forall int x; 0 <= x && x < rows.length && rows[x] != null;",
                "    //@     \\typeof(rows[x].vals) == \\type(Value[]) && rows[x].vals.length == 2);",
                "    Row[] rows;",
                "    /*@ ensures \\typeof(\\result) == \\type(Value[])",
                "      @     && \\elemtype(\\typeof(\\result)) == \\type(Value); @*/",
                "    Value[] fresh() { return new Value[1]; }",
                "    //-RAC@ ensures \\typeof(\\result) == \\type(Row[]);",
                "    Row[] more() { return new Row[1]; }",
                "}");
        Files.write(dir.resolve("Rows.java"), source);
        run(dir);
        List<String> after = Files.readAllLines(dir.resolve("Rows.java"));
        assertEquals("    //-RAC@ public invariant rows != null && \\elemtype(\\typeof(rows)) == \\type(Row);", after.get(1));
        assertEquals("    //-RAC@     \\typeof(rows[x].vals) == \\type(Value[]) && rows[x].vals.length == 2);", after.get(3));
        // a method's contract: the same test in Java, on its own line; the prover's alone untouched
        assertEquals("    /*@ ensures \\result.getClass() == Value[].class", after.get(5));
        assertEquals("      @     && \\result.getClass().getComponentType() == Value.class; @*/", after.get(6));
        assertEquals("    //-RAC@ ensures \\typeof(\\result) == \\type(Row[]);", after.get(8));
        String tail = String.join("\n", after.subList(10, after.size()));
        assertTrue(tail.contains("return (rows != null && rows.getClass().getComponentType() == Row.class)"), tail);
        assertTrue(tail.contains("rows[x].vals.getClass() == Value[].class && rows[x].vals.length == 2"), tail);
        assertFalse(tail.contains("\\typeof") || tail.contains("\\elemtype") || tail.contains("\\type("), tail);

        List<String> other = List.of(
                "public final class Sub {",
                "    //@ public invariant \\typeof(o) <: \\type(Number);",
                "    Object o;",
                "}");
        Path d2 = dir.resolve("other");
        Files.createDirectories(d2);
        Files.write(d2.resolve("Sub.java"), other);
        String out = refused(d2);
        assertTrue(out.contains("Sub.java:2") && out.contains("type operator"), out);
        assertEquals(other, Files.readAllLines(d2.resolve("Sub.java")), "nothing is written for a file in error");
    }

    /**
     * A quantifier over two variables with independent ranges becomes two nested quantifiers in the
     * predicate (the checker evaluates one of two variables as false); the guards stay before the
     * inner range. A pairwise range (the second variable bounded by the first) is left as it is.
     */
    @Test
    void nestsTwoVariableQuantifiersForTheChecker(@TempDir Path dir) throws Exception {
        List<String> source = List.of(
                "public final class Rows {",
                "    //@ public invariant (\\forall int x, k; 0 <= x && x < rows.length && rows[x] != null && 0 <= k && k < rows[x].length;",
                "    //@     rows[x][k] >= 0);",
                "    //@ public invariant (\\exists int i, j; 0 <= i && i < n && 0 <= j && j < n; i != j);",
                "    //@ public invariant (\\forall int i, j; 0 <= i && i < j && j < n; i < j);",
                "    int[][] rows;",
                "    int n;",
                "}");
        Files.write(dir.resolve("Rows.java"), source);
        run(dir);
        List<String> after = Files.readAllLines(dir.resolve("Rows.java"));
        assertEquals("    //-RAC@ public invariant (\\forall int x, k; 0 <= x && x < rows.length && rows[x] != null && 0 <= k && k < rows[x].length;",
                after.get(1), "the prover's text unchanged");
        String tail = String.join("\n", after.subList(6, after.size()));
        assertTrue(tail.contains("return ((\\forall int x; 0 <= x && x < rows.length && rows[x] != null; "
                + "(\\forall int k; 0 <= k && k < rows[x].length; rows[x][k] >= 0)))"), tail);
        assertTrue(tail.contains("&& ((\\exists int i; 0 <= i && i < n; (\\exists int j; 0 <= j && j < n; i != j)))"), tail);
        assertTrue(tail.contains("&& ((\\forall int i, j; 0 <= i && i < j && j < n; i < j));"), tail);
    }

    /**
     * With --safe-math, the named packages' predicates (a package is its directory) evaluate in
     * safe math and call one method per invariant, in source order; other packages keep the one
     * \bigint predicate.
     */
    @Test
    void marksOnlyTheNamedPackagesPredicatesForSafeMath(@TempDir Path dir) throws Exception {
        List<String> source = List.of(
                "public final class Tally {",
                "    //@ public invariant 0 <= n && n <= 100;",
                "    //@ public invariant (\\forall int k; 0 <= k && k < n; v[k] >= 0);",
                "    int n;",
                "    int[] v;",
                "}");
        writeIn(dir, "Tally.java", source, "consensus", "margin");
        String out = run(dir, "--safe-math=consensus");
        assertTrue(out.contains("4 invariant(s) of 2 class(es)") && out.contains("1 of them in safe math (consensus)"), out);
        String safe = String.join("\n", Files.readAllLines(dir.resolve("consensus/Tally.java")));
        assertTrue(safe.contains("public invariant racInvariantOfTally();"), safe);
        assertTrue(safe.contains("public model pure helper spec_safe_math boolean racInvariantOfTally() {\n"
                + "      @     return racInvariantOfTally$0()\n"
                + "      @         && racInvariantOfTally$1();"), safe);
        assertTrue(safe.contains("public model pure helper spec_safe_math boolean racInvariantOfTally$0() {\n"
                + "      @     return (0 <= n && n <= 100);"), safe);
        assertTrue(safe.contains("public model pure helper spec_safe_math boolean racInvariantOfTally$1() {\n"
                + "      @     return ((\\forall int k; 0 <= k && k < n; v[k] >= 0));"), safe);
        String plain = String.join("\n", Files.readAllLines(dir.resolve("margin/Tally.java")));
        assertFalse(plain.contains("spec_safe_math") || plain.contains("racInvariantOfTally$"), plain);
        assertTrue(plain.contains("public model pure helper boolean racInvariantOfTally() {"), plain);
        for (String pkg : List.of("consensus", "margin")) {
            List<String> after = Files.readAllLines(dir.resolve(pkg).resolve("Tally.java"));
            assertEquals("    //-RAC@ public invariant 0 <= n && n <= 100;", after.get(1), pkg);
            assertEquals("    //-RAC@ public invariant (\\forall int k; 0 <= k && k < n; v[k] >= 0);", after.get(2), pkg);
        }
    }

    /**
     * In safe math a one-variable quantifier whose body is more than eight conjuncts joined by
     * {@code &&} is checked in pieces of at most eight, over the same range and in order (an
     * earlier piece's null tests still guard a later piece: the predicate calls them with
     * {@code &&}); a body with an operator of lower precedence, an existential and a short body
     * stay whole.
     */
    @Test
    void cutsALongQuantifiedConjunctionIntoPiecesInSafeMath(@TempDir Path dir) throws Exception {
        StringBuilder body = new StringBuilder("r[x] != null");
        for (int t = 1; t < 10; t++) {
            body.append(" && r[x].length > ").append(t);
        }
        List<String> source = List.of(
                "public final class Rows {",
                "    //@ public invariant (\\forall int x; 0 <= x && x < r.length; " + body + ");",
                "    //@ public invariant (\\forall int x; 0 <= x && x < r.length; " + body + " || r[x] == null);",
                "    //@ public invariant (\\exists int x; 0 <= x && x < r.length; " + body + ");",
                "    //@ public invariant (\\forall int x; 0 <= x && x < r.length; r[x] != null && r[x].length > 1);",
                "    int[][] r;",
                "}");
        Files.createDirectories(dir.resolve("consensus"));
        Files.write(dir.resolve("consensus/Rows.java"), source);
        run(dir, "--safe-math=consensus");
        List<String> after = Files.readAllLines(dir.resolve("consensus/Rows.java"));
        String tail = String.join("\n", after.subList(source.size() - 1, after.size()));
        String range = "(\\forall int x; 0 <= x && x < r.length; ";
        assertTrue(tail.contains("racInvariantOfRows$0() {\n      @     return (" + range
                + "r[x] != null && r[x].length > 1 && r[x].length > 2 && r[x].length > 3 && r[x].length > 4"
                + " && r[x].length > 5 && r[x].length > 6 && r[x].length > 7));"), tail);
        assertTrue(tail.contains("racInvariantOfRows$1() {\n      @     return (" + range
                + "r[x].length > 8 && r[x].length > 9));"), tail);
        assertTrue(tail.contains("racInvariantOfRows$2() {\n      @     return (" + range + body + " || r[x] == null));"), tail);
        assertTrue(tail.contains("racInvariantOfRows$3() {\n      @     return ((\\exists int x; 0 <= x && x < r.length; " + body + "));"), tail);
        assertTrue(tail.contains("racInvariantOfRows$4() {\n      @     return (" + range + "r[x] != null && r[x].length > 1));"), tail);
        assertFalse(tail.contains("racInvariantOfRows$5"), tail);
        assertTrue(tail.contains("return racInvariantOfRows$0()\n      @         && racInvariantOfRows$1()\n"
                + "      @         && racInvariantOfRows$2()"), tail);
    }

    /**
     * With --pure-helper, every pure method of the named packages is also a helper for the checker,
     * on its modifier line, in every form the sources use (a line comment, a block's line, a block's
     * last line, with other modifiers after it); a pure constructor, a helper already, a line that
     * only mentions the word and the prover's lines are left alone, and other packages too. A private
     * method whose every case assigns nothing is a helper too (not one with a case that assigns, nor
     * a public one). In a package also in safe math, every pure method's contract (a helper's too)
     * is in safe math.
     */
    @Test
    void makesPureMethodsHelpersForTheCheckerInTheNamedPackages(@TempDir Path dir) throws Exception {
        List<String> source = List.of(
                "public final class Keeper {",
                "    //@ public invariant n >= 0;",
                "    int n;",
                "    //@ public normal_behavior",
                "    //@   ensures \\result == n;",
                "    //@ pure",
                "    public int size() { return n; }",
                "    /*@ public normal_behavior",
                "      @   ensures \\result == (n > 0);",
                "      @ pure heap_free",
                "      @*/",
                "    @SuppressWarnings(\"x\")",
                "    public boolean any() { return n > 0; }",
                "    /*@ ensures \\result == 0;",
                "      @ pure @*/",
                "    public static int zero() { return 0; }",
                "    //@ pure helper",
                "    public int again() { return n; }",
                "    //@ ensures this.n == n; // a pure constructor",
                "    //@ pure",
                "    public Keeper(int n) { this.n = n; }",
                "    //-RAC@ pure",
                "    public int prover() { return n; }",
                "    // every pure method is checked",
                "    public void add() { n++; }",
                "    /*@ private normal_behavior",
                "      @   requires n > 0;",
                "      @   assignable \\nothing;",
                "      @ also private exceptional_behavior",
                "      @   requires n <= 0;",
                "      @   assignable \\nothing;",
                "      @*/",
                "    private void check() throws Exception { if (n <= 0) throw new Exception(); }",
                "    /*@ private normal_behavior",
                "      @   assignable \\nothing;",
                "      @ also private normal_behavior",
                "      @   assignable n;",
                "      @*/",
                "    private void write() { n = 1; }",
                "    /*@ public normal_behavior",
                "      @   assignable \\nothing;",
                "      @*/",
                "    public void open() { }",
                "}");
        writeIn(dir, "Keeper.java", source, "consensus", "margin");
        String out = run(dir, "--pure-helper=consensus");
        assertTrue(out.contains("4 method(s) pure or assigning nothing made helpers for the checker (consensus)"), out);
        List<String> after = Files.readAllLines(dir.resolve("consensus/Keeper.java"));
        assertEquals("    //@ pure helper", after.get(5));
        assertEquals("      @ pure helper heap_free", after.get(9));
        assertEquals("      @ pure helper @*/", after.get(14));
        assertEquals("    //@ pure helper", after.get(16));
        assertEquals("    //@ pure", after.get(19), "a constructor is never a helper");
        assertEquals("    //-RAC@ pure", after.get(21), "the prover's line");
        assertEquals("    // every pure method is checked", after.get(23));
        assertEquals("      @ helper @*/", after.get(31), "private, assigning nothing in each case");
        assertEquals("      @*/", after.get(37), "a case that assigns");
        assertEquals("      @*/", after.get(41), "not private");
        List<String> other = Files.readAllLines(dir.resolve("margin/Keeper.java"));
        assertEquals(source.subList(2, source.size() - 1), other.subList(2, source.size() - 1), "a package not named");

        // a package also in safe math: every pure method's contract in safe math, helpers included
        Path safe = dir.resolve("safe");
        writeIn(safe, "Keeper.java", source, "consensus");
        out = run(safe, "--pure-helper=consensus", "--safe-math=consensus");
        assertTrue(out.contains("4 method(s) pure or assigning nothing made helpers for the checker (consensus)"), out);
        after = Files.readAllLines(safe.resolve("consensus/Keeper.java"));
        assertEquals("    //@ pure helper spec_safe_math", after.get(5));
        assertEquals("      @ pure helper spec_safe_math heap_free", after.get(9));
        assertEquals("      @ pure helper spec_safe_math @*/", after.get(14));
        assertEquals("    //@ pure helper spec_safe_math", after.get(16), "a helper already: its contract in safe math");
        assertEquals("    //@ pure", after.get(19), "a constructor is left alone");
    }

    /** Over copies of the verified packages: no clause the checker would read inline is left. */
    @Test
    void leavesNoInlineInvariantInTheVerifiedPackages(@TempDir Path dir) throws Exception {
        int classes = 0;
        for (String pkg : List.of("margin", "oracle", "consensus", "ledger", "governance")) {
            Path from = ROOT.resolve("src/main/java/dev/bulwark").resolve(pkg);
            Path to = dir.resolve(pkg);
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                    String text = Files.readString(f);
                    if (text.contains("@ public invariant ")) {
                        classes++;
                    }
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        String out = run(dir);
        Matcher m = Pattern.compile("(\\d+) invariant\\(s\\) of (\\d+) class").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Integer.parseInt(m.group(1)) > 100, out);
        try (Stream<Path> files = Files.walk(dir)) {
            int predicates = 0;
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(f);
                for (String l : lines) {
                    assertFalse(l.startsWith("    //@ public invariant") || l.startsWith("    //+RAC@ public invariant"),
                            f + ": " + l);
                }
                if (lines.stream().anyMatch(l -> l.contains("public model pure helper boolean racInvariantOf"))) {
                    predicates++;
                }
            }
            assertEquals(Integer.parseInt(m.group(2)), predicates, out);
            assertTrue(predicates > 0 && predicates <= classes, predicates + " predicates, " + classes + " files");
        }
    }
}
