package dev.bulwark.conformance.ledger;

import dev.bulwark.conformance.TlaParser;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the ledger conformance tests find the spec. TLC runs a module with its folder as working
 * directory and no library path, so the tests copy spec/ledger/*.tla with the modules it
 * instantiates (spec/margin/Margin.tla, spec/oracle/Oracle.tla, proofs/consensus/Consensus.tla)
 * into {@code target/conformance/ledger/spec/}; spec/ is only read.
 *
 * <p>The model's transactions and blocks are TLA+ definitions (LedgerModel.tla) that a config
 * names by substitution ({@code Blocks <- MCBlocks}); {@link #modelSets} has TLC evaluate them
 * once per config, so the adapter never copies the model by hand.
 */
final class LedgerSpecFiles {
    static final Path ROOT = TlcRunner.projectRoot();
    static final Path SPEC = ROOT.resolve("spec/ledger");
    static final Path OUT = ROOT.resolve("target/conformance");
    static final Path COPY = OUT.resolve("ledger/spec");
    static final List<Path> LIBRARY = List.of(ROOT.resolve("spec/margin/Margin.tla"),
            ROOT.resolve("spec/oracle/Oracle.tla"), ROOT.resolve("proofs/consensus/Consensus.tla"),
            ROOT.resolve("spec/governance/Governance.tla"));

    private LedgerSpecFiles() {
    }

    /** Copies the modules; returns the module to run (LedgerMC). */
    static synchronized Path module() throws IOException {
        Files.createDirectories(COPY);
        try (var s = Files.list(SPEC)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".tla")) {
                    Files.copy(p, COPY.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (Path p : LIBRARY) {
            Files.copy(p, COPY.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return COPY.resolve("LedgerMC.tla");
    }

    static final Path APP_COPY = OUT.resolve("ledger-app/spec");
    static final Path REFINEMENT = ROOT.resolve("proofs/ledger");
    static final Path RES = ROOT.resolve("src/test/resources/conformance/ledger");

    /**
     * Copies the modules of the application-step conformance (spec/ledger, the library, the
     * refinement module and the test module LedgerAppSteps.tla); returns LedgerAppSteps.tla.
     */
    static synchronized Path appModule() throws IOException {
        module();
        Files.createDirectories(APP_COPY);
        for (Path p : Files.newDirectoryStream(COPY, "*.tla")) {
            Files.copy(p, APP_COPY.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(REFINEMENT.resolve("LedgerRefinement.tla"), APP_COPY.resolve("LedgerRefinement.tla"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(RES.resolve("LedgerAppSteps.tla"), APP_COPY.resolve("LedgerAppSteps.tla"),
                StandardCopyOption.REPLACE_EXISTING);
        return APP_COPY.resolve("LedgerAppSteps.tla");
    }

    /**
     * The config of the application-step graph: proofs/ledger/Refinement.cfg's constants (one
     * replica, any MaxBlocks blocks of the model), with LedgerAppSteps' Init and Next and no
     * properties (proofs/ledger checks those).
     */
    static Path appConfig() throws IOException {
        return appConfig("Refinement.cfg");
    }

    /** The application-step graph of another refinement config (e.g. RefinementGov.cfg: governance). */
    static Path appConfig(String refinementCfg) throws IOException {
        String text = Files.readString(REFINEMENT.resolve(refinementCfg));
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.matches("^(INIT|NEXT|INVARIANT|INVARIANTS|PROPERTY|PROPERTIES|CHECK_DEADLOCK)\\b.*")) {
                break;
            }
            out.append(line).append('\n');
        }
        out.append("INIT StepInit\nNEXT StepNext\nCHECK_DEADLOCK FALSE\n");
        Files.createDirectories(APP_COPY);
        Path cfg = APP_COPY.resolve("AppSteps" + refinementCfg.replace("Refinement", "").replace(".cfg", "") + ".cfg");
        Files.writeString(cfg, out.toString());
        return cfg;
    }

    /** The value of Blocks and Txs, and the governance record Gov, under a config's constants. */
    record ModelSets(TlaValue.SetV blocks, TlaValue.SetV txs, TlaValue.Rec gov) {
    }

    private static final Map<Map<String, TlaValue>, ModelSets> CACHE = new ConcurrentHashMap<>();

    /** TLC evaluates Blocks and Txs (once per set of constants). */
    static ModelSets modelSets(Map<String, TlaValue> constants) {
        return CACHE.computeIfAbsent(constants, c -> evaluate(c, "LedgerMC", "Init", "vars", "Blocks", "Txs"));
    }

    /** RBlocks and Txs under the refinement config's constants. */
    static ModelSets appModelSets(Map<String, TlaValue> constants) {
        return CACHE.computeIfAbsent(constants,
                c -> evaluate(c, "LedgerRefinement", "RInit", "rvars", "RBlocks", "Txs"));
    }

    /** The value TLC printed from index at (a tuple, possibly over several lines). */
    static String printed(String out, int at) {
        int depth = 0;
        int i = at;
        while (i < out.length()) {
            char c = out.charAt(i);
            if (c == '"') {
                i++;
                while (i < out.length() && out.charAt(i) != '"') {
                    i += out.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (out.startsWith("<<", i)) {
                depth++;
                i++;
            } else if (out.startsWith(">>", i)) {
                depth--;
                i++;
                if (depth == 0) {
                    return out.substring(at, i + 1);
                }
            } else if (c == '[' || c == '{' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == ')') {
                depth--;
            }
            i++;
        }
        throw new IllegalStateException("unterminated value printed by TLC");
    }

    private static ModelSets evaluate(Map<String, TlaValue> constants, String base, String init, String vars,
                                      String blocks, String txs) {
        try {
            appModule();
            Path dir = OUT.resolve("ledger/model");
            Files.createDirectories(dir);
            for (Path p : Files.newDirectoryStream(APP_COPY, "*.tla")) {
                Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            String name = "ModelSets" + base;
            Path mod = dir.resolve(name + ".tla");
            Files.writeString(mod, "---- MODULE " + name + " ----\n"
                    + "EXTENDS " + base + ", TLC\n"
                    + "MSInit == " + init + " /\\ PrintT(<<\"LEDGER-MODEL\", " + blocks + ", " + txs + ", Gov>>)\n"
                    + "MSNext == UNCHANGED " + vars + "\n====\n");
            StringBuilder cfg = new StringBuilder("CONSTANTS\n");
            for (Map.Entry<String, TlaValue> e : constants.entrySet()) {
                if (e.getValue() instanceof TlaValue.Str s && s.value().startsWith("<-")) {
                    cfg.append("    ").append(e.getKey()).append(" <- ").append(s.value().substring(2)).append('\n');
                } else {
                    cfg.append("    ").append(e.getKey()).append(" = ").append(e.getValue().toTla()).append('\n');
                }
            }
            cfg.append("INIT MSInit\nNEXT MSNext\nCHECK_DEADLOCK FALSE\n");
            Path c = dir.resolve(name + "-" + Integer.toHexString(constants.hashCode()) + ".cfg");
            Files.writeString(c, cfg.toString());
            TlcRunner.Result r = new TlcRunner(dir.resolve("tlc")).check(mod, c);
            String out = r.output();
            int tag = out.indexOf("\"LEDGER-MODEL\"");
            int at = tag < 0 ? -1 : out.lastIndexOf("<<", tag);
            if (!r.ok() || at < 0) {
                throw new IllegalStateException("TLC did not evaluate the model's blocks: " + r.summary());
            }
            TlaValue.Seq pair = (TlaValue.Seq) TlaParser.parseValue(printed(out, at));
            return new ModelSets((TlaValue.SetV) pair.get(2), (TlaValue.SetV) pair.get(3), (TlaValue.Rec) pair.get(4));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
