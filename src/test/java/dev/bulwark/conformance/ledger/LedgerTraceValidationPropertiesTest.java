package dev.bulwark.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.RandomRunValidation;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TraceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Implementation -&gt; spec as a property (GUIDE section 3.2): for each try jqwik draws the shape
 * of a random multi-replica run -- the generator's seed, the number of replicas (2 or 3), the
 * crash budget (0 to 2), the decided heights (2 or 3), which of the model's block sets consensus
 * decides from (the MC blocks with replays and another chain's transaction, the conformance
 * graph's three, or the liveness configs' two), the number of runs (1 or 2) and their length (20
 * to 60 steps) -- and the existing generator ({@link RandomRunValidation}, the same as
 * {@link LedgerTraceValidationTest}'s) drives Java replicas with spec/ledger/Trace.cfg's
 * constants changed accordingly; the runs are exported as a TLA+ module and TLC must admit
 * each. The corrupted runs that TLC must reject are {@link LedgerTraceValidationTest}'s, over the
 * same validator. Few tries: TLC's check of a try (and its evaluation of the model's sets for
 * a new set of constants) is seconds, the Java run milliseconds.
 */
class LedgerTraceValidationPropertiesTest {
    private static final List<Map<String, Object>> TRIES = new ArrayList<>();
    private static final Map<String, Long> STEPS_BY_ACTION = new TreeMap<>();

    @Property(tries = 8)
    void randomReplicaRunsAreAdmittedByTheSpec(
            @ForAll long seed,
            @ForAll @IntRange(min = 2, max = 3) int replicas,
            @ForAll @IntRange(min = 0, max = 2) int maxCrashes,
            @ForAll @IntRange(min = 2, max = 3) int maxHeight,
            @ForAll("blockSets") String blocks,
            @ForAll @IntRange(min = 1, max = 2) int runCount,
            @ForAll @IntRange(min = 20, max = 60) int steps) throws Exception {
        Path module = LedgerSpecFiles.module();
        String tag;
        synchronized (TRIES) {
            tag = "ledger-property/try-" + (TRIES.size() + 1);
        }
        Path cfg = config(LedgerSpecFiles.OUT.resolve(tag), replicas, maxCrashes, maxHeight, blocks);
        RandomRunValidation<LedgerAdapter.Net> v = new RandomRunValidation<>(tag, "replicas", "Replica", module, cfg,
                k -> new LedgerAdapter(k, module), runCount, seed, steps);
        long t0 = System.nanoTime();
        List<List<Map<String, TlaValue>>> runs = v.runs();
        int stepCount = runs.stream().mapToInt(r -> r.size() - 1).sum();
        assertEquals(runCount, runs.size());
        assertTrue(stepCount > 0, "the runs took no step");
        // the runs are over the drawn replicas: every state names each of them
        assertEquals(replicas, ((TlaValue.Fn) runs.get(0).get(0).get("up")).map().size());
        long t1 = System.nanoTime();
        TraceValidator.Outcome o = v.validator().validate("runs", runs);
        double secs = (System.nanoTime() - t1) / 1e9;
        String shape = String.format("seed=%d replicas=%d maxCrashes=%d maxHeight=%d blocks=%s runs=%d steps=%d",
                seed, replicas, maxCrashes, maxHeight, blocks, runCount, steps);
        System.out.printf("ledger trace validation property, %s: %d steps %s; %s; Java %.1fs, TLC %.1fs%n", shape,
                stepCount, v.stats(), o.summary(), (t1 - t0) / 1e9, secs);
        assertTrue(o.admitted(), shape + ": " + o.summary());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("shape", shape);
        f.put("steps", stepCount);
        f.put("stepsByAction", new TreeMap<>(v.stats().acceptedByAction));
        f.put("tlc", o.tlc().summary());
        f.put("tlcSeconds", Math.round(secs * 10) / 10.0);
        synchronized (TRIES) {
            TRIES.add(f);
            v.stats().acceptedByAction.forEach((a, n) -> STEPS_BY_ACTION.merge(a, n, Long::sum));
        }
    }

    @Provide
    Arbitrary<String> blockSets() {
        return Arbitraries.of("MCBlocks", "MCGraphBlocks", "MCLiveBlocks");
    }

    @AfterProperty
    void writeFigures() throws IOException {
        synchronized (TRIES) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("direction", "implementation -> spec (jqwik draws each try's shape; TLC checks the spec admits"
                    + " every run of Java replicas)");
            figures.put("tries", TRIES.size());
            figures.put("steps", TRIES.stream().mapToInt(t -> (Integer) t.get("steps")).sum());
            figures.put("stepsByAction", new TreeMap<>(STEPS_BY_ACTION));
            figures.put("perTry", new ArrayList<>(TRIES));
            Conformance.writeFigures(LedgerSpecFiles.OUT, "ledger-property-validation", figures);
        }
    }

    /** Trace.cfg with the drawn replicas, crash budget, heights and block set (each line must be there). */
    static Path config(Path dir, int replicas, int maxCrashes, int maxHeight, String blocks) throws IOException {
        String text = Files.readString(LedgerSpecFiles.SPEC.resolve("Trace.cfg"));
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= replicas; i++) {
            ids.append(i == 1 ? "" : ", ").append('r').append(i);
        }
        text = replaceLine(text, "Replicas = \\{[^}]*\\}", "Replicas = {" + ids + "}");
        text = replaceLine(text, "MaxCrashes = \\d+", "MaxCrashes = " + maxCrashes);
        text = replaceLine(text, "MaxHeight = \\d+", "MaxHeight = " + maxHeight);
        text = replaceLine(text, "Blocks <- \\w+", "Blocks <- " + blocks);
        Files.createDirectories(dir);
        Path cfg = dir.resolve("Trace.cfg");
        Files.writeString(cfg, text);
        return cfg;
    }

    private static String replaceLine(String text, String regex, String with) {
        Matcher m = Pattern.compile("(?m)^(\\s*)" + regex + "\\s*$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("Trace.cfg has no line " + regex);
        }
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + with));
    }
}
