package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.node.real.Testnet;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on four node <em>processes</em> ({@code bulwark node}, one JVM each, on loopback) through
 * the test-only hooks of {@code bulwark node --test-faults}: a node cut off from its peers by a
 * control file for several heights catches up by itself once healed; a validator running
 * {@code --byzantine equivocate} does not stop the other three, which keep agreeing and report
 * the equivocation on /metrics. The hooks are refused without {@code --test-faults}. Every wait
 * is on a condition with a generous bound; nothing is asserted about timing.
 */
class ProcessFaultsTest {
    static final long WAIT_MS = 60_000;
    static final Pattern STATUS = Pattern.compile("node (\\d+) height (\\d+) round (\\d+) stored (\\d+)");

    @TempDir
    Path tmp;

    private final Process[] procs = new Process[4];
    private Path d;
    private String[] urls;

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : procs) {
            if (p != null) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void init() throws Exception {
        d = tmp.resolve("net");
        assertEquals(0, CliTest.run("testnet", "init", "--validators", "4", "--dir", d.toString(), "--base-port", "0"));
        urls = new String[4];
        for (int i = 0; i < 4; i++) {
            urls[i] = "http://" + NodeCommand.httpOf(d.resolve("node" + i));
        }
    }

    private void start(int i, String... extra) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "dev.bulwark.cli.Bulwark", "node", "--home", d.resolve("node" + i).toString(), "--status-every-ms", "100"));
        cmd.addAll(List.of(extra));
        File log = d.resolve("node" + i + ".log").toFile();
        procs[i] = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    private String log(int i) {
        try {
            return Files.readString(d.resolve("node" + i + ".log"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The stored height in node i's last status line (-1 before the first). */
    private long stored(int i) {
        String[] lines = log(i).split("\n");
        for (int k = lines.length - 1; k >= 0; k--) {
            Matcher m = STATUS.matcher(lines[k]);
            if (m.find()) {
                return Long.parseLong(m.group(4));
            }
        }
        return -1;
    }

    private long min(int... nodes) {
        long m = Long.MAX_VALUE;
        for (int i : nodes) {
            m = Math.min(m, stored(i));
        }
        return m;
    }

    private void await(String what, LongPredicate pred, int... nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            boolean ok = true;
            for (int i : nodes) {
                assertTrue(procs[i].isAlive(), "node " + i + " died:\n" + log(i));
                ok &= pred.test(stored(i));
            }
            if (ok) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "not reached within " + WAIT_MS + " ms: " + what);
            Thread.sleep(50);
        }
    }

    /** The blocks of heights 1..upTo as node i's API serves them (hex of each block's hash field). */
    private List<String> hashes(int i, long upTo) throws Exception {
        ApiClient api = new ApiClient(urls[i]);
        List<String> out = new ArrayList<>();
        for (long h = 1; h <= upTo; h++) {
            ApiClient.Answer a = api.get("/block/" + h);
            assertEquals(200, a.status, "node " + i + " serves block " + h);
            out.add(a.body.path("hash").asText());
        }
        return out;
    }

    private double metric(int i, String name) throws Exception {
        java.net.http.HttpResponse<String> a = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(urls[i] + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, a.statusCode());
        for (String line : a.body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + name + " on node " + i + "'s /metrics");
    }

    @Test
    void theFaultHooksAreRefusedWithoutTheTestFlag() throws Exception {
        init();
        assertEquals(2, CliTest.run("node", "--home", d.resolve("node0").toString(), "--byzantine", "equivocate"));
        assertEquals(2, CliTest.run("node", "--home", d.resolve("node0").toString(), "--cut-off-file", tmp.resolve("cut").toString()));
        assertEquals(2, CliTest.run("node", "--home", d.resolve("node0").toString(), "--test-faults", "--byzantine", "silence"));
    }

    @Test
    void aNodeProcessCutOffForSeveralHeightsCatchesUpByItselfAfterTheHeal() throws Exception {
        init();
        Path cut = tmp.resolve("cut-node2");
        for (int i = 0; i < 4; i++) {
            if (i == 2) {
                start(i, "--test-faults", "--cut-off-file", cut.toString());
            } else {
                start(i);
            }
        }
        await("2 heights on all four processes", h -> h >= 2, 0, 1, 2, 3);
        Files.writeString(cut, "cut");
        await("node 2 reports the cut", h -> log(2).contains("node 2 cut off"), 2);
        // past node 2's height at the cut, not only past the slowest of the three: node 2 may be
        // ahead of a lagging peer when it is cut off (the three decide only once that peer is back)
        long atCut = Math.max(min(0, 1, 3), stored(2));
        await("the other three commit 5 heights past node 2's height at the cut", h -> h >= atCut + 5, 0, 1, 3);
        long behind = stored(2);
        assertTrue(behind < min(0, 1, 3), "node 2, cut off, is behind: " + behind + " < " + min(0, 1, 3));
        Files.delete(cut);
        long target = min(0, 1, 3);
        await("node 2 heals and catches up to " + target + " by itself", h -> h >= target, 2);
        await("all four go on", h -> h >= target + 2, 0, 1, 2, 3);
        long upTo = min(0, 1, 2, 3);
        List<String> ref = hashes(0, upTo);
        for (int i = 1; i < 4; i++) {
            assertEquals(ref, hashes(i, upTo), "node " + i + " holds node 0's blocks 1.." + upTo);
        }
        System.out.println("process cluster: node 2 cut off at " + behind + " while the others reached " + target
                + ", caught up; " + upTo + " heights agreed on by four processes");
    }

    @Test
    void anEquivocatingValidatorProcessDoesNotStopTheOthersAndIsReportedOnMetrics() throws Exception {
        init();
        for (int i = 0; i < 4; i++) {
            if (i == 3) {
                start(i, "--test-faults", "--byzantine", "equivocate");
            } else {
                start(i);
            }
        }
        await("2 heights on the honest three", h -> h >= 2, 0, 1, 2);
        // node 3's JVM may start after the honest three reach height 2 (a quorum without it): wait for its line
        await("node 3 reports its test mode", h -> log(3).contains("TEST MODE: byzantine equivocate"), 0);
        long from = min(0, 1, 2);
        await("the honest three commit 8 more heights under equivocation", h -> h >= from + 8, 0, 1, 2);
        long upTo = min(0, 1, 2);
        List<String> ref = hashes(0, upTo);
        for (int i = 1; i < 3; i++) {
            assertEquals(ref, hashes(i, upTo), "node " + i + " holds node 0's blocks 1.." + upTo);
        }
        double reported = 0;
        for (int i = 0; i < 3; i++) {
            reported += metric(i, "bulwark_evidence");
        }
        assertTrue(reported > 0, "the honest nodes hold evidence of the equivocation on /metrics");
        System.out.println("process cluster under equivocation: " + upTo + " heights agreed on by the honest three, "
                + (long) reported + " evidence pairs on their /metrics");
    }
}
