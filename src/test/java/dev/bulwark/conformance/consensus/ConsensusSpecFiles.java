package dev.bulwark.conformance.consensus;

import dev.bulwark.conformance.TlcRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
