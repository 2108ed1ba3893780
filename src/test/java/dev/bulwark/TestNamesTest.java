package dev.bulwark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test source file that holds tests (JUnit or jqwik annotations) is one Surefire runs:
 * its file name matches an {@code <include>} of the pom's Surefire configuration. A class whose
 * name matches none compiles and is never run by {@code make test}, silently.
 */
class TestNamesTest {
    private static final Pattern INCLUDE = Pattern.compile("<include>\\*\\*/([^<]+)\\.java</include>");
    private static final Pattern ANNOTATION =
            Pattern.compile("@(Test|Property|Example|ParameterizedTest|RepeatedTest|TestFactory)\\b");

    @Test
    void everyClassHoldingTestsIsRunBySurefire() throws IOException {
        Path root = Path.of(System.getProperty("bulwark.root", "."));
        List<Pattern> includes = includes(Files.readString(root.resolve("pom.xml")));
        assertFalse(includes.isEmpty(), "no <include> in the pom's Surefire configuration");
        List<String> missed = new ArrayList<>();
        int holding = 0;
        try (Stream<Path> files = Files.walk(root.resolve("src/test/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (f.toString().contains("/bench/") || !ANNOTATION.matcher(Files.readString(f)).find()) {
                    continue;
                }
                holding++;
                String name = f.getFileName().toString().replace(".java", "");
                if (includes.stream().noneMatch(p -> p.matcher(name).matches())) {
                    missed.add(root.relativize(f).toString());
                }
            }
        }
        assertTrue(holding > 50, "test classes found: " + holding);
        assertEquals(List.of(), missed, "test classes that Surefire's includes do not match");
    }

    @Test
    void theIncludePatternsAreReadAsGlobs() {
        List<Pattern> p = includes("<include>**/*Test.java</include><include>**/Test*.java</include>");
        assertEquals(2, p.size());
        assertTrue(p.get(0).matcher("LedgerTest").matches());
        assertFalse(p.get(0).matcher("LedgerProperties").matches());
        assertTrue(p.get(1).matcher("TestNamesTest").matches());
        assertFalse(p.get(1).matcher("ATest2").matches());
    }

    /** The file-name globs of the pom's {@code <include>**}{@code /X.java</include>} entries, as patterns. */
    static List<Pattern> includes(String pom) {
        List<Pattern> out = new ArrayList<>();
        Matcher m = INCLUDE.matcher(pom);
        while (m.find()) {
            out.add(Pattern.compile(Pattern.quote(m.group(1)).replace("*", "\\E.*\\Q")));
        }
        return out;
    }
}
