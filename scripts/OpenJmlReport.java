import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-method summary of an OpenJML ESC run (make verify).
 *
 * <pre>
 * java scripts/OpenJmlReport.java esc SKIPLIST OUT PKG=REPORT[@only=CLASS|@except=CLASS,...] ...
 * </pre>
 *
 * Reads OpenJML's {@code --progress} output of the runs of each package (one or more per
 * package: scripts/verify.sh runs a large class in batches of methods), classifies every method as
 * proved ("no warnings"), warnings, unknown (the prover's UNKNOWN or timeout, or a proof that
 * started and never completed: a hang cut by the wall-clock limit), error (front-end errors,
 * internal errors, exceptions, a run that ended without its summary) or skipped
 * ({@code skipesc}); prints the counts per package and per class with times, lists every method
 * that is not proved, and writes the same to OUT. SKIPLIST is a tab-separated file
 * {@code <method signature as OpenJML prints it>\t<reason>}: the only methods allowed to be
 * skipped. Exit status 0 only if every method is proved or a listed skip, every listed skip
 * was skipped, and no package had an error. A listed skip counts as stale only in a class the
 * runs reached; a method reported by two runs is an error. A run reports on every class it
 * reaches (skipped methods at least), so a batch run of one class is read with {@code @only=} that
 * class, and the run of the package's other files with {@code @except=} the batched classes.
 */
public final class OpenJmlReport {
    private static final Pattern START = Pattern.compile("^Starting proof of (.+) with prover \\S+");
    private static final Pattern DONE = Pattern.compile(
            "^Completed proof of (.+) with prover \\S+ - (.+?) \\[([0-9.]+) secs\\]");
    private static final Pattern SKIP = Pattern.compile("^Skipping proof of (.+?) \\(excluded by skipesc\\)");
    private static final Pattern ERROR = Pattern.compile(
            "(: error: |Internal JML bug|catastrophic JML internal error|Exception in thread|OutOfMemoryError)");
    private static final Pattern DURATION = Pattern.compile("DURATION:\\s+([0-9.]+) secs");

    record Method(String pkg, String cls, String sig, String result, double secs) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !args[0].equals("esc")) {
            System.err.println("usage: java scripts/OpenJmlReport.java esc SKIPLIST OUT PKG=REPORT...");
            System.exit(2);
        }
        Map<String, String> allowed = new LinkedHashMap<>();
        Path skipList = Path.of(args[1]);
        if (Files.exists(skipList)) {
            for (String line : Files.readAllLines(skipList)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", 2);
                allowed.put(f[0].trim(), f.length > 1 ? f[1].trim() : "");
            }
        }
        List<Method> methods = new ArrayList<>();
        Map<String, List<String>> pkgErrors = new LinkedHashMap<>();
        Map<String, Double> pkgSecs = new LinkedHashMap<>();
        for (int k = 3; k < args.length; k++) {
            String[] pr = args[k].split("=", 2);
            String pkg = pr[0];
            String only = null;
            List<String> except = new ArrayList<>();
            int at = pr[1].indexOf('@');
            if (at >= 0) {
                String sel = pr[1].substring(at + 1);
                pr[1] = pr[1].substring(0, at);
                if (sel.startsWith("only=")) only = sel.substring(5);
                else if (sel.startsWith("except=")) except = List.of(sel.substring(7).split(","));
                else throw new IllegalArgumentException("unknown selection " + sel);
            }
            List<String> errors = pkgErrors.computeIfAbsent(pkg, p -> new ArrayList<>());
            Path report = Path.of(pr[1]);
            if (!Files.exists(report)) {
                errors.add("no report " + report);
                continue;
            }
            Map<String, Boolean> open = new LinkedHashMap<>();
            boolean summary = false;
            for (String line : Files.readAllLines(report)) {
                Matcher m;
                if ((m = START.matcher(line)).find()) {
                    if (!selected(m.group(1), only, except)) continue;
                    open.put(m.group(1), true);
                } else if ((m = DONE.matcher(line)).find()) {
                    if (!selected(m.group(1), only, except)) continue;
                    open.remove(m.group(1));
                    methods.add(new Method(pkg, cls(m.group(1)), m.group(1), classify(m.group(2)),
                            Double.parseDouble(m.group(3))));
                } else if ((m = SKIP.matcher(line)).find()) {
                    if (!selected(m.group(1), only, except)) continue;
                    // OpenJML reports a class's skipesc methods in every run that reaches the
                    // class, whatever --method says: one skip counts once
                    String sig = m.group(1);
                    if (methods.stream().noneMatch(x -> x.pkg().equals(pkg) && x.sig().equals(sig))) {
                        methods.add(new Method(pkg, cls(sig), sig, "skipped", 0));
                    }
                } else if ((m = DURATION.matcher(line)).find()) {
                    summary = true;
                    pkgSecs.merge(pkg, Double.parseDouble(m.group(1)), Double::sum);
                } else if (ERROR.matcher(line).find()) {
                    errors.add(line.trim());
                }
            }
            for (String sig : open.keySet()) {
                methods.add(new Method(pkg, cls(sig), sig, "unknown", -1));
            }
            if (!summary) {
                errors.add(report.getFileName() + ": the run ended without OpenJML's summary (crash, or cut by the wall-clock limit)");
            }
        }

        Map<String, Integer> times = new LinkedHashMap<>();
        for (Method m : methods) times.merge(m.pkg() + " " + m.sig(), 1, Integer::sum);
        for (Map.Entry<String, Integer> e : times.entrySet()) {
            if (e.getValue() > 1) {
                String[] ps = e.getKey().split(" ", 2);
                pkgErrors.get(ps[0]).add("reported by " + e.getValue() + " runs (batches overlap): " + ps[1]);
            }
        }

        StringBuilder out = new StringBuilder();
        String[] kinds = {"proved", "warnings", "unknown", "error", "skipped"};
        out.append(String.format("%-44s %7s %9s %8s %6s %8s %9s%n", "package / class", "proved", "warnings",
                "unknown", "error", "skipped", "secs"));
        Map<String, Map<String, List<Method>>> byPkg = new LinkedHashMap<>();
        for (Method m : methods) {
            byPkg.computeIfAbsent(m.pkg(), p -> new TreeMap<>()).computeIfAbsent(m.cls(), c -> new ArrayList<>()).add(m);
        }
        int[] total = new int[5];
        for (String pkg : pkgErrors.keySet()) {
            Map<String, List<Method>> classes = byPkg.getOrDefault(pkg, Map.of());
            int[] pc = new int[5];
            for (List<Method> ms : classes.values()) add(pc, ms, kinds);
            pc[3] += pkgErrors.get(pkg).isEmpty() ? 0 : 1;
            out.append(String.format("%-44s %7d %9d %8d %6d %8d %9s%n", "dev.bulwark." + pkg, pc[0], pc[1], pc[2], pc[3],
                    pc[4], pkgSecs.containsKey(pkg) ? String.format("%.0f", pkgSecs.get(pkg)) : "-"));
            for (Map.Entry<String, List<Method>> e : classes.entrySet()) {
                int[] cc = new int[5];
                add(cc, e.getValue(), kinds);
                double secs = e.getValue().stream().mapToDouble(m -> Math.max(0, m.secs())).sum();
                out.append(String.format("  %-42s %7d %9d %8d %6d %8d %9.1f%n", e.getKey(), cc[0], cc[1], cc[2], cc[3], cc[4], secs));
            }
            for (int i = 0; i < 5; i++) total[i] += pc[i];
        }
        out.append(String.format("%-44s %7d %9d %8d %6d %8d%n", "total", total[0], total[1], total[2], total[3], total[4]));

        List<String> failures = new ArrayList<>();
        for (Method m : methods) {
            if (m.result().equals("proved")) continue;
            if (m.result().equals("skipped")) {
                if (!allowed.containsKey(m.sig())) failures.add("skipped, not in the skipesc list: " + m.sig());
                continue;
            }
            failures.add(m.result() + (m.secs() >= 0 ? String.format(" [%.1f s]", m.secs()) : "") + ": " + m.sig());
        }
        for (String sig : allowed.keySet()) {
            // Only entries of the classes this run reached can be stale (make verify VERIFY_PKGS=...
            // or VERIFY_FILES=... verifies part of the cores).
            boolean inRun = methods.stream().anyMatch(m -> m.cls().equals(cls(sig)));
            if (!inRun) continue;
            boolean seen = methods.stream().anyMatch(m -> m.sig().equals(sig) && m.result().equals("skipped"));
            if (!seen) failures.add("listed as skipesc but not skipped (stale list entry): " + sig);
        }
        for (Map.Entry<String, List<String>> e : pkgErrors.entrySet()) {
            for (String err : e.getValue()) failures.add("error in " + e.getKey() + ": " + err);
        }
        out.append(System.lineSeparator());
        if (failures.isEmpty()) {
            out.append("make verify: every method proved or a listed skipesc (" + allowed.size() + " listed)")
                    .append(System.lineSeparator());
        } else {
            out.append("make verify: " + failures.size() + " problem(s):").append(System.lineSeparator());
            for (String f : failures) out.append("  ").append(f).append(System.lineSeparator());
        }
        System.out.print(out);
        Files.writeString(Path.of(args[2]), out.toString());
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Whether method sig is in class only (when given) and in none of the classes except. */
    private static boolean selected(String sig, String only, List<String> except) {
        if (only != null && !sig.startsWith(only + ".")) return false;
        for (String e : except) {
            if (sig.startsWith(e + ".")) return false;
        }
        return true;
    }

    private static void add(int[] counts, List<Method> ms, String[] kinds) {
        for (Method m : ms) {
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i].equals(m.result())) counts[i]++;
            }
        }
    }

    private static String classify(String result) {
        if (result.equals("no warnings")) return "proved";
        if (result.startsWith("with warnings")) return "warnings";
        String r = result.toUpperCase();
        if (r.contains("UNKNOWN") || r.contains("TIME")) return "unknown";
        return "error";
    }

    /** The class part of "Cls.Inner.method(args)". */
    private static String cls(String sig) {
        int paren = sig.indexOf('(');
        String head = paren < 0 ? sig : sig.substring(0, paren);
        int dot = head.lastIndexOf('.');
        return dot < 0 ? head : head.substring(0, dot);
    }
}
