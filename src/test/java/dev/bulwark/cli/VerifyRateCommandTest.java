package dev.bulwark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bulwark verify-rate} (make bench-cluster's signature bound) verifies real signatures and prints a rate. */
class VerifyRateCommandTest {
    @Test
    void printsAPositiveRateOfSignaturesThatVerify() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Bulwark());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("verify-rate", "--seconds", "0.2"));
        Matcher m = Pattern.compile("verify-rate: (\\d+) Ed25519 verifications/s on one thread").matcher(out.toString());
        assertTrue(m.find(), out.toString());
        assertTrue(Long.parseLong(m.group(1)) > 0, out.toString());
    }
}
