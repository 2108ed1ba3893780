import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build reports.
 *
 * <pre>
 * java scripts/Report.java summary target/tlc/results.tsv target/conformance/summary.json
 *     the one summary table of a build: per TLC config its verdict, the properties checked,
 *     distinct states and time; per spec the trace conformance figures.
 * java scripts/Report.java bench target/jmh.json
 *     JMH scores and the ratios that the benchmarks' targets are stated in, measured in one run.
 * </pre>
 */
public final class Report {
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("bench")) {
            bench(Path.of(args[1]));
            return;
        }
        Path tsv = Path.of(args[1]);
        Path json = Path.of(args[2]);
        System.out.println();
        System.out.println("== Model checking (TLC) ==");
        if (Files.exists(tsv)) {
            System.out.printf("%-46s %-7s %-7s %11s %6s  %s%n", "config", "expects", "verdict", "distinct", "secs", "properties / note");
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t", -1);
                if (f.length < 9) continue;
                String expects = f[1].equals("pass") ? "pass" : "FAIL";
                String what = f[1].equals("pass") ? f[7] : f[8];
                System.out.printf("%-46s %-7s %-7s %11s %6s  %s%n", f[0], expects, f[2], f[3], f[6], what);
            }
        } else {
            System.out.println("(no TLC results: run make check)");
        }
        System.out.println();
        System.out.println("== Trace conformance ==");
        if (Files.exists(json)) {
            Object root = new Json(Files.readString(json)).value();
            if (root instanceof Map<?, ?> specs) {
                for (Map.Entry<?, ?> e : specs.entrySet()) {
                    System.out.println("spec " + e.getKey() + ":");
                    print("  ", e.getValue());
                }
            }
        } else {
            System.out.println("(no conformance summary: run make conformance)");
        }
    }

    /** Benchmark pairs: (measured, baseline, target ratio or 0 when only reported). */
    private static final String[][] RATIOS = {
        {"MarginScanBenchmark.engineScan", "MarginScanBenchmark.plainLoop", "0.3333",
         "price-shock scan vs plain loop over the same arrays"},
        {"MarginTradeBenchmark.engineTrades", "MarginTradeBenchmark.plainUpdates", "0",
         "trades vs the same number of plain array updates"},
        {"OracleBenchmark.sortBaseline", "OracleBenchmark.median", "0.3333",
         "sort / weighted median, same reports (target: median <= 3x sort)"},
        {"OracleBenchmark.aggregateUnsigned", "OracleBenchmark.aggregateSigned", "0",
         "unsigned / signed aggregate round (share of Ed25519)"},
        {"ConsensusBenchmark.stateMachine", "ConsensusBenchmark.ed25519VerifyOnly", "10",
         "consensus msgs/s (state machine) vs Ed25519 verifications/s"},
        {"ConsensusBenchmark.gatewayEd25519", "ConsensusBenchmark.ed25519VerifyOnly", "0",
         "consensus msgs/s through the signed gateway vs verifications/s"},
        {"ConsensusBenchmark.gatewayNoVerify", "ConsensusBenchmark.stateMachine", "0",
         "consensus shell without crypto vs state machine alone"},
        {"GovernanceBenchmark.gatewaySigned", "GovernanceBenchmark.ed25519VerifyOnly", "0.9",
         "governance approvals/s through the signed gateway vs Ed25519 verifications/s"},
        {"GovernanceBenchmark.coreOnly", "GovernanceBenchmark.ed25519VerifyOnly", "0",
         "governance approvals/s in the core alone vs Ed25519 verifications/s"},
        {"LedgerTxBenchmark.ledgerBlock", "LedgerTxBenchmark.plainUpdates", "0",
         "ledger transactions/s vs the same plain array updates"},
        {"LedgerAppHashBenchmark.appHashUpdate", "LedgerAppHashBenchmark.applyBlock", "1",
         "app-hash updates/s vs blocks applied/s, 10,000 txs, 1M accounts (target: hash <= apply)"},
        {"Ed25519ProviderBenchmark.verifyBouncyCastle", "Ed25519ProviderBenchmark.verifyJdk", "0",
         "Ed25519 verifications/s, Bouncy Castle vs the JDK provider"},
    };

    private static void bench(Path jmh) throws Exception {
        Object root = new Json(Files.readString(jmh)).value();
        // benchmark name -> (its @Param values, "" when none -> score)
        Map<String, Map<String, Double>> score = new LinkedHashMap<>();
        System.out.println();
        System.out.println("== Benchmarks (JMH) ==");
        for (Object o : (List<?>) root) {
            Map<?, ?> b = (Map<?, ?>) o;
            String name = String.valueOf(b.get("benchmark"));
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<?, ?> m = (Map<?, ?>) b.get("primaryMetric");
            double s = Double.parseDouble(String.valueOf(m.get("score")));
            Object params = b.get("params");
            score.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(params == null ? "" : String.valueOf(params), s);
            System.out.printf("%-40s %16.1f ± %-12.1f %s %s%n", name, s,
                    Double.parseDouble(String.valueOf(m.get("scoreError"))), m.get("scoreUnit"),
                    params == null ? "" : params);
        }
        boolean ok = true;
        for (String[] r : RATIOS) {
            Map<String, Double> as = score.get(r[0]);
            Map<String, Double> bs = score.get(r[1]);
            if (as == null || bs == null) continue;
            for (Map.Entry<String, Double> e : as.entrySet()) {
                Double b = bs.get(e.getKey());
                if (b == null) continue;
                double ratio = e.getValue() / b;
                double target = Double.parseDouble(r[2]);
                String verdict = target == 0 ? "reported" : ratio >= target ? "MEETS target >= " + r[2] : "MISSES target >= " + r[2];
                ok &= target == 0 || ratio >= target;
                System.out.printf("ratio %-60s %10.4g  %s%n", r[3] + (e.getKey().isEmpty() ? "" : " " + e.getKey()), ratio, verdict);
            }
        }
        if (!ok) System.out.println("bench: a target was missed (see above)");
    }

    private static void print(String indent, Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder flat = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = e.getValue();
                if (x instanceof Map<?, ?> || x instanceof List<?>) {
                    if (flat.length() > 0) { System.out.println(indent + flat); flat.setLength(0); }
                    System.out.println(indent + e.getKey() + ":");
                    print(indent + "  ", x);
                } else {
                    flat.append(e.getKey()).append('=').append(x).append("  ");
                }
            }
            if (flat.length() > 0) System.out.println(indent + flat.toString().trim());
        } else if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object x : l) sb.append(x).append(' ');
            System.out.println(indent + sb.toString().trim());
        } else {
            System.out.println(indent + v);
        }
    }

    /** A minimal JSON reader: objects keep their key order. */
    private static final class Json {
        private final String s;
        private int i;
        Json(String s) { this.s = s; }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    skip();
                    String k = string();
                    skip(); i++; // ':'
                    m.put(k, value());
                    skip();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                skip();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            int j = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) i++;
            return s.substring(j, i);
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            i++;
            return sb.toString();
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
