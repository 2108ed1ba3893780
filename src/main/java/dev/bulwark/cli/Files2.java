package dev.bulwark.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line's files: small text files of {@code name=value} lines ({@code #} comments),
 * values in lowercase hex or decimal.  Every file is bounded ({@link #MAX_FILE_BYTES}) and read
 * strictly: an unknown or repeated name, or a missing one, is refused.
 */
final class Files2 {
    /** No file the command line reads is larger (a proposal with its hash is under 300 bytes). */
    static final int MAX_FILE_BYTES = 16 * 1024;
    static final HexFormat HEX = HexFormat.of();

    private Files2() {
    }

    static Map<String, String> read(Path p, String kind, String... names) {
        String text;
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                throw new CliException(p + ": larger than " + MAX_FILE_BYTES + " bytes, not a " + kind + " file");
            }
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(p + ": cannot read (" + e.getMessage() + ")");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new CliException(p + ": not a " + kind + " file (line '" + line + "')");
            }
            String name = line.substring(0, eq).strip();
            if (!java.util.List.of(names).contains(name) || m.put(name, line.substring(eq + 1).strip()) != null) {
                throw new CliException(p + ": unexpected or repeated '" + name + "' in a " + kind + " file");
            }
        }
        for (String n : names) {
            if (!m.containsKey(n)) {
                throw new CliException(p + ": no '" + n + "' in a " + kind + " file");
            }
        }
        return m;
    }

    static byte[] hex(String v, String what) {
        try {
            return HEX.parseHex(v);
        } catch (IllegalArgumentException e) {
            throw new CliException(what + ": not hex");
        }
    }

    static void write(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(p + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
