package dev.bulwark.conformance.consensus;

import dev.bulwark.conformance.TlcRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where the consensus conformance tests find the spec and their configs. TLC runs a module with
 * its folder as working directory and no library path, so the tests copy spec/consensus/*.tla
 * and the test-only module {@code ConsensusGraphMC.tla} (test resources: extra proposer
 * orders) into {@code target/conformance/consensus/spec/} and run TLC there; spec/ is only read.
 */
final class ConsensusSpecFiles {
    static final Path ROOT = TlcRunner.projectRoot();
    static final Path SPEC = ROOT.resolve("spec/consensus");
    static final Path RES = ROOT.resolve("src/test/resources/conformance/consensus");
    static final Path OUT = ROOT.resolve("target/conformance");
    static final Path COPY = OUT.resolve("consensus/spec");

    private ConsensusSpecFiles() {
    }

    /** Copies the modules; returns the module to run (ConsensusGraphMC, which EXTENDS TendermintMC). */
    static synchronized Path module() throws IOException {
        Files.createDirectories(COPY);
        for (Path dir : new Path[] {SPEC, RES}) {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(".tla")) {
                        Files.copy(p, COPY.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return COPY.resolve("ConsensusGraphMC.tla");
    }

    /** Choice sets of faulty messages that TLC would precompute at startup although Init does not use them. */
    static final List<String> UNUSED_CHOICES = List.of("NonEquivocatingChoices", "ConsistentVoterChoices");

    /**
     * A copy of a config for trace generation, written beside the copied modules: without its
     * INVARIANT(S)/PROPERTY(IES) sections (the CI configs check them; conformance needs only the
     * behaviours), and with the faulty-message choice sets the config does not name replaced by
     * {@code NoFaultyMsgsMC}. TLC evaluates every constant-level definition once at startup, and
     * with two heights and three rounds {@code NonEquivocatingChoices} has millions of elements
     * (Trace.cfg took 460 s to simulate 50 traces; the stripped copy takes about 2 s).
     */
    static Path traceConfig(Path cfg) throws IOException {
        String text = Files.readString(cfg);
        StringBuilder out = new StringBuilder();
        boolean skip = false;
        for (String line : text.split("\n", -1)) {
            if (line.matches("^(INVARIANT|INVARIANTS|PROPERTY|PROPERTIES)\\b.*")) {
                skip = true;
                continue;
            }
            if (line.matches("^[A-Z_]+\\b.*")) {
                skip = false;
            }
            if (skip) {
                continue;
            }
            if (line.startsWith("CONSTANTS") || line.startsWith("CONSTANT ")) {
                out.append(line).append('\n');
                for (String u : UNUSED_CHOICES) {
                    if (!text.contains(u)) {
                        out.append("    ").append(u).append(" <- NoFaultyMsgsMC\n");
                    }
                }
                continue;
            }
            out.append(line).append('\n');
        }
        Files.createDirectories(COPY);
        Path dst = COPY.resolve("Sim" + cfg.getFileName());
        Files.writeString(dst, out.toString());
        return dst;
    }

    /** spec/consensus/NAME if the spec engineer provides it, else the test resource, else null. */
    static Path config(String name) {
        Path s = SPEC.resolve(name);
        if (Files.isRegularFile(s)) {
            return s;
        }
        Path r = RES.resolve(name);
        return Files.isRegularFile(r) ? r : null;
    }
}
