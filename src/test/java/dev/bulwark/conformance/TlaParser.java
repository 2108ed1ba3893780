package dev.bulwark.conformance;

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

/**
 * Reads the value syntax TLC prints (states of error traces, simulation trace files, dot
 * dumps) and the CONSTANTS section of a .cfg file.
 *
 * <pre>
 * value  ::= int | string | TRUE | FALSE | ident             (ident = model value)
 *          | "[" [ field "|->" value {"," field "|->" value} ] "]"
 *          | "&lt;&lt;" [ value {"," value} ] "&gt;&gt;"
 *          | "{" [ value {"," value} ] "}"
 *          | "(" value ":&gt;" value { "@@" value ":&gt;" value } ")"
 *          | "(" value ")"
 * state  ::= [ "/\" ] var "=" value { "/\" var "=" value }
 * </pre>
 *
 * Errors name the source, line and column.
 */
public final class TlaParser {

    /** A parse error with its position. */
    public static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        ParseException(String source, int line, int column, String msg) {
            super(source + ":" + line + ":" + column + ": " + msg);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private enum T { INT, STR, IDENT, SYM, EOF }

    private final String src;
    private final String source;
    private final int lineBase;
    private int p;
    private int line;
    private int lineStart;
    // current token
    private T tok;
    private String text;
    private int tokLine;
    private int tokCol;

    private TlaParser(String source, String src, int lineBase) {
        this.source = source;
        this.src = src;
        this.lineBase = lineBase;
        this.line = 1;
        advance();
    }

    // ---------------------------------------------------------------- public API

    /** Parses one value; the whole text must be consumed. */
    public static TlaValue parseValue(String text) {
        TlaParser ps = new TlaParser("<value>", text, 0);
        TlaValue v = ps.value();
        ps.expectEof();
        return v;
    }

    /** Parses a state {@code /\ x = v /\ y = w}, keeping variable order. */
    public static Map<String, TlaValue> parseState(String text) {
        return parseState("<state>", text, 0);
    }

    public static Map<String, TlaValue> parseState(String source, String text, int lineBase) {
        TlaParser ps = new TlaParser(source, text, lineBase);
        Map<String, TlaValue> st = ps.state();
        ps.expectEof();
        return st;
    }

    private static final Pattern STATE_HEAD = Pattern.compile("^\\s*STATE_(\\d+)\\s*==\\s*(.*)$");

    /** Parses a TLC simulation trace file (blocks {@code STATE_k ==}) into its states, in order. */
    public static List<Map<String, TlaValue>> parseTraceFile(Path file) throws IOException {
        return parseTrace(file.toString(), Files.readString(file));
    }

    public static List<Map<String, TlaValue>> parseTrace(String source, String text) {
        List<Map<String, TlaValue>> states = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder block = null;
        int blockLine = 0;
        int expected = 1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            Matcher m = STATE_HEAD.matcher(l);
            if (m.matches()) {
                if (block != null) {
                    states.add(parseState(source, block.toString(), blockLine));
                }
                int k = Integer.parseInt(m.group(1));
                if (k != expected) {
                    throw new ParseException(source, i + 1, 1, "expected STATE_" + expected + " but found STATE_" + k);
                }
                expected++;
                block = new StringBuilder(m.group(2)).append('\n');
                blockLine = i; // block line 1 is file line i+1
            } else if (l.startsWith("----") || l.startsWith("====")) {
                if (block != null) {
                    states.add(parseState(source, block.toString(), blockLine));
                    block = null;
                }
            } else if (block != null) {
                block.append(l).append('\n');
            } else if (!l.isBlank() && !l.strip().startsWith("\\*")) {
                throw new ParseException(source, i + 1, 1, "text outside a STATE_k block: " + l.strip());
            }
        }
        if (block != null) {
            states.add(parseState(source, block.toString(), blockLine));
        }
        if (states.isEmpty()) {
            throw new ParseException(source, 1, 1, "no STATE_k blocks");
        }
        return states;
    }

    /**
     * Parses the CONSTANTS section(s) of a .cfg file: {@code Name = value}; identifiers in
     * values are model values (so {@code Accounts = {a1, a2}} declares a1 and a2).
     * Substitutions {@code Name <- Op} are returned as a {@link TlaValue.Str} holding "<-Op".
     */
    public static Map<String, TlaValue> parseCfgConstants(Path cfg) throws IOException {
        return parseCfgConstants(cfg.toString(), Files.readString(cfg));
    }

    private static final Pattern CFG_KEYWORD = Pattern.compile(
            "\\b(CONSTANTS?|INIT|NEXT|SPECIFICATION|INVARIANTS?|PROPERTY|PROPERTIES|SYMMETRY|VIEW|CONSTRAINTS?"
                    + "|ACTION_CONSTRAINTS?|CHECK_DEADLOCK|ALIAS|POSTCONDITION)\\b");

    public static Map<String, TlaValue> parseCfgConstants(String source, String text) {
        String clean = stripComments(text);
        Map<String, TlaValue> out = new LinkedHashMap<>();
        Matcher m = CFG_KEYWORD.matcher(clean);
        List<int[]> sections = new ArrayList<>(); // [start of body, end of body] for CONSTANT(S)
        int prevBody = -1;
        while (m.find()) {
            if (prevBody >= 0) {
                sections.add(new int[] {prevBody, m.start()});
                prevBody = -1;
            }
            if (m.group(1).startsWith("CONSTANT")) {
                prevBody = m.end();
            }
        }
        if (prevBody >= 0) {
            sections.add(new int[] {prevBody, clean.length()});
        }
        for (int[] s : sections) {
            // keep line numbers: pad with the newlines before the section
            String before = clean.substring(0, s[0]);
            int lineBase = (int) before.chars().filter(c -> c == '\n').count();
            TlaParser ps = new TlaParser(source, clean.substring(s[0], s[1]), lineBase);
            while (ps.tok != T.EOF) {
                if (ps.tok != T.IDENT) {
                    throw ps.error("expected a constant name, found " + ps.describe());
                }
                String name = ps.text;
                ps.advance();
                if (ps.isSym("=")) {
                    ps.advance();
                    out.put(name, ps.value());
                } else if (ps.isSym("<-")) {
                    ps.advance();
                    if (ps.tok != T.IDENT) {
                        throw ps.error("expected an operator name after <-");
                    }
                    out.put(name, new TlaValue.Str("<-" + ps.text));
                    ps.advance();
                } else {
                    throw ps.error("expected = or <- after " + name + ", found " + ps.describe());
                }
            }
        }
        return out;
    }

    /** Removes {@code \*} line comments and {@code (* *)} block comments, keeping newlines. */
    static String stripComments(String text) {
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        int depth = 0;
        boolean inString = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            char n = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (depth > 0) {
                if (c == '(' && n == '*') {
                    depth++;
                    i += 2;
                } else if (c == '*' && n == ')') {
                    depth--;
                    i += 2;
                } else {
                    b.append(c == '\n' ? '\n' : ' ');
                    i++;
                }
            } else if (inString) {
                b.append(c);
                if (c == '\\' && n != '\0') {
                    b.append(n);
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    inString = false;
                }
                i++;
            } else if (c == '"') {
                inString = true;
                b.append(c);
                i++;
            } else if (c == '\\' && n == '*') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && n == '*') {
                depth++;
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean letter = false;
        for (char c : s.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) || c == '_') || c > 127) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter && !s.equals("TRUE") && !s.equals("FALSE");
    }

    // ---------------------------------------------------------------- grammar

    private Map<String, TlaValue> state() {
        Map<String, TlaValue> st = new LinkedHashMap<>();
        if (isSym("/\\")) {
            advance();
        }
        while (true) {
            if (tok != T.IDENT) {
                throw error("expected a variable name, found " + describe());
            }
            String var = text;
            int l = tokLine;
            int c = tokCol;
            advance();
            expectSym("=");
            TlaValue v = value();
            if (st.put(var, v) != null) {
                throw new ParseException(source, l, c, "variable " + var + " assigned twice");
            }
            if (isSym("/\\")) {
                advance();
            } else {
                return st;
            }
        }
    }

    private TlaValue value() {
        switch (tok) {
            case INT -> {
                long v;
                try {
                    v = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw error("integer out of range: " + text);
                }
                advance();
                return new TlaValue.Int(v);
            }
            case STR -> {
                String s = text;
                advance();
                return new TlaValue.Str(s);
            }
            case IDENT -> {
                String id = text;
                advance();
                return switch (id) {
                    case "TRUE" -> TlaValue.Bool.TRUE;
                    case "FALSE" -> TlaValue.Bool.FALSE;
                    default -> new TlaValue.ModelValue(id);
                };
            }
            case SYM -> {
                switch (text) {
                    case "[" -> {
                        advance();
                        TreeMap<String, TlaValue> fields = new TreeMap<>();
                        if (!isSym("]")) {
                            do {
                                if (tok != T.IDENT) {
                                    throw error("expected a field name, found " + describe());
                                }
                                String f = text;
                                advance();
                                expectSym("|->");
                                if (fields.put(f, value()) != null) {
                                    throw error("field " + f + " given twice");
                                }
                            } while (acceptSym(","));
                        }
                        expectSym("]");
                        return new TlaValue.Rec(fields);
                    }
                    case "<<" -> {
                        advance();
                        List<TlaValue> es = new ArrayList<>();
                        if (!isSym(">>")) {
                            do {
                                es.add(value());
                            } while (acceptSym(","));
                        }
                        expectSym(">>");
                        return new TlaValue.Seq(es);
                    }
                    case "{" -> {
                        advance();
                        List<TlaValue> es = new ArrayList<>();
                        if (!isSym("}")) {
                            do {
                                es.add(value());
                            } while (acceptSym(","));
                        }
                        expectSym("}");
                        return new TlaValue.SetV(es);
                    }
                    case "(" -> {
                        advance();
                        TlaValue first = value();
                        if (isSym(":>")) {
                            TreeMap<TlaValue, TlaValue> m = new TreeMap<>(TlaValue.ORDER);
                            TlaValue k = first;
                            while (true) {
                                expectSym(":>");
                                TlaValue v = value();
                                if (m.put(k, v) != null) {
                                    throw error("key " + k.toTla() + " given twice");
                                }
                                if (!acceptSym("@@")) {
                                    break;
                                }
                                k = value();
                            }
                            expectSym(")");
                            return new TlaValue.Fn(m);
                        }
                        expectSym(")");
                        return first;
                    }
                    default -> throw error("unexpected " + describe());
                }
            }
            default -> throw error("unexpected end of input, expected a value");
        }
    }

    // ---------------------------------------------------------------- lexer

    private static final String[] SYMS = {"/\\", "|->", "<<", ">>", ":>", "@@", "<-", "[", "]", "{", "}", "(", ")", ",", "="};

    private void advance() {
        // skip white space
        while (p < src.length()) {
            char c = src.charAt(p);
            if (c == '\n') {
                line++;
                p++;
                lineStart = p;
            } else if (Character.isWhitespace(c)) {
                p++;
            } else {
                break;
            }
        }
        tokLine = line + lineBase;
        tokCol = p - lineStart + 1;
        if (p >= src.length()) {
            tok = T.EOF;
            text = "";
            return;
        }
        char c = src.charAt(p);
        if (Character.isDigit(c) || (c == '-' && p + 1 < src.length() && Character.isDigit(src.charAt(p + 1)))) {
            int s = p++;
            while (p < src.length() && Character.isDigit(src.charAt(p))) {
                p++;
            }
            tok = T.INT;
            text = src.substring(s, p);
            if (p < src.length() && (Character.isLetter(src.charAt(p)) || src.charAt(p) == '_')) {
                // an identifier that starts with digits, e.g. 1a (allowed in TLA+)
                while (p < src.length() && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
                    p++;
                }
                tok = T.IDENT;
                text = src.substring(s, p);
                if (text.startsWith("-")) {
                    throw error("bad token " + text);
                }
            }
            return;
        }
        if (Character.isLetter(c) || c == '_') {
            int s = p++;
            while (p < src.length() && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
                p++;
            }
            tok = T.IDENT;
            text = src.substring(s, p);
            return;
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            p++;
            while (true) {
                if (p >= src.length()) {
                    throw error("unterminated string");
                }
                char d = src.charAt(p++);
                if (d == '"') {
                    break;
                }
                if (d == '\n') {
                    throw error("newline in string");
                }
                if (d == '\\') {
                    if (p >= src.length()) {
                        throw error("unterminated string");
                    }
                    char e = src.charAt(p++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'f' -> b.append('\f');
                        case '"' -> b.append('"');
                        case '\\' -> b.append('\\');
                        default -> throw error("bad escape \\" + e);
                    }
                } else {
                    b.append(d);
                }
            }
            tok = T.STR;
            text = b.toString();
            return;
        }
        for (String s : SYMS) {
            if (src.startsWith(s, p)) {
                p += s.length();
                tok = T.SYM;
                text = s;
                return;
            }
        }
        throw error("unexpected character '" + c + "'");
    }

    private boolean isSym(String s) {
        return tok == T.SYM && text.equals(s);
    }

    private boolean acceptSym(String s) {
        if (isSym(s)) {
            advance();
            return true;
        }
        return false;
    }

    private void expectSym(String s) {
        if (!isSym(s)) {
            throw error("expected '" + s + "', found " + describe());
        }
        advance();
    }

    private void expectEof() {
        if (tok != T.EOF) {
            throw error("unexpected " + describe() + " after the end");
        }
    }

    private String describe() {
        return switch (tok) {
            case EOF -> "end of input";
            case STR -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }

    private ParseException error(String msg) {
        return new ParseException(source, tokLine, tokCol, msg);
    }
}
