package dev.bulwark.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state graph TLC dumps with {@code -dump dot,actionlabels}, read line by line (the CI
 * graph of a spec is ~100 MB). Node labels are parsed once; states are interned by TLC's
 * fingerprint id and numbered densely 0..n-1; edges are kept in primitive arrays.
 */
public final class StateGraph {

    private final List<Map<String, TlaValue>> states = new ArrayList<>();
    private final List<String> fingerprints = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Integer> initial = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> labelIndex = new HashMap<>();
    private int[] src = new int[1024];
    private int[] dst = new int[1024];
    private int[] lab = new int[1024];
    private int edges;
    private int[][] outCache;

    /** One edge: node numbers and the action label TLC wrote. */
    public record Edge(int src, int dst, String action) {
    }

    public static StateGraph read(Path dot) throws IOException {
        StateGraph g = new StateGraph();
        try (BufferedReader r = Files.newBufferedReader(dot, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                g.line(dot, no, line);
            }
        }
        for (int i = 0; i < g.states.size(); i++) {
            if (g.states.get(i) == null) {
                throw new IOException(dot + ": node " + g.fingerprints.get(i) + " has an edge but no label");
            }
        }
        return g;
    }

    private void line(Path file, int no, String line) throws IOException {
        if (line.isEmpty() || line.charAt(0) == '}' || line.startsWith("strict ") || line.startsWith("nodesep")
                || line.startsWith("subgraph") || line.startsWith("color=") || line.startsWith("}")) {
            return;
        }
        int sp = line.indexOf(' ');
        if (sp <= 0) {
            return;
        }
        String first = line.substring(0, sp);
        if (!isId(first)) {
            return; // legend or other decoration
        }
        if (line.startsWith("-> ", sp + 1)) {
            int sp2 = line.indexOf(' ', sp + 4);
            String second = line.substring(sp + 4, sp2);
            String label = attr(line, sp2, "label");
            add(id(first), id(second), label == null ? "" : label);
            return;
        }
        if (line.startsWith("[label=\"", sp + 1)) {
            String label = attr(line, sp, "label");
            if (label == null) {
                throw new IOException(file + ":" + no + ": node without a label");
            }
            int n = id(first);
            if (states.get(n) != null) {
                return;
            }
            try {
                states.set(n, TlaParser.parseState(file + ":" + no + " (node " + first + ")", label, 0));
            } catch (TlaParser.ParseException e) {
                throw new IOException(e.getMessage(), e);
            }
            int close = closingQuote(line, line.indexOf('"', sp));
            if (line.indexOf("style = filled", close) > 0) {
                initial.add(n);
            }
        }
    }

    private static boolean isId(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i >= s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private int id(String fp) {
        Integer n = index.get(fp);
        if (n == null) {
            n = states.size();
            index.put(fp, n);
            fingerprints.add(fp);
            states.add(null);
        }
        return n;
    }

    private void add(int s, int d, String label) {
        Integer l = labelIndex.get(label);
        if (l == null) {
            l = labels.size();
            labels.add(label);
            labelIndex.put(label, l);
        }
        if (edges == src.length) {
            src = Arrays.copyOf(src, edges * 2);
            dst = Arrays.copyOf(dst, edges * 2);
            lab = Arrays.copyOf(lab, edges * 2);
        }
        src[edges] = s;
        dst[edges] = d;
        lab[edges] = l;
        edges++;
        outCache = null;
    }

    /** The unescaped value of attribute {@code name="..."} after position {@code from}. */
    static String attr(String line, int from, String name) {
        int k = line.indexOf(name + "=\"", from);
        if (k < 0) {
            return null;
        }
        int start = k + name.length() + 2;
        int end = closingQuote(line, start - 1);
        return unescape(line, start, end);
    }

    /** Index of the quote closing the string opened at {@code open}. */
    private static int closingQuote(String line, int open) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string in dot line: " + line);
    }

    private static String unescape(String s, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 'l', 'r' -> b.append('\n');
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- queries

    public int nodeCount() {
        return states.size();
    }

    public int edgeCount() {
        return edges;
    }

    public Map<String, TlaValue> state(int node) {
        return states.get(node);
    }

    public String fingerprint(int node) {
        return fingerprints.get(node);
    }

    public List<Integer> initialNodes() {
        return List.copyOf(initial);
    }

    public Edge edge(int i) {
        return new Edge(src[i], dst[i], labels.get(lab[i]));
    }

    public int edgeSrc(int i) {
        return src[i];
    }

    public int edgeDst(int i) {
        return dst[i];
    }

    public String edgeLabel(int i) {
        return labels.get(lab[i]);
    }

    /** Edge numbers leaving each node. */
    public synchronized int[][] outEdges() {
        if (outCache == null) {
            int[] count = new int[states.size()];
            for (int i = 0; i < edges; i++) {
                count[src[i]]++;
            }
            int[][] out = new int[states.size()][];
            for (int n = 0; n < out.length; n++) {
                out[n] = new int[count[n]];
                count[n] = 0;
            }
            for (int i = 0; i < edges; i++) {
                out[src[i]][count[src[i]]++] = i;
            }
            outCache = out;
        }
        return outCache;
    }
}
