package dev.bulwark.conformance;

import java.util.Collection;
import java.util.Map;

/** Minimal JSON writing for reports (no dependency beyond the JDK). */
final class Json {
    private Json() {
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Writes maps, collections, strings, numbers, booleans and null; a {@link Raw} is copied as is. */
    static String write(Object o) {
        StringBuilder b = new StringBuilder();
        write(b, o, "");
        return b.toString();
    }

    record Raw(String json) {
    }

    private static void write(StringBuilder b, Object o, String indent) {
        String in = indent + "  ";
        if (o == null) {
            b.append("null");
        } else if (o instanceof Raw r) {
            b.append(r.json().strip().replace("\n", "\n" + indent));
        } else if (o instanceof String s) {
            b.append(quote(s));
        } else if (o instanceof Number || o instanceof Boolean) {
            b.append(o);
        } else if (o instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ",\n").append(in).append(quote(String.valueOf(e.getKey()))).append(": ");
                write(b, e.getValue(), in);
                first = false;
            }
            b.append('\n').append(indent).append('}');
        } else if (o instanceof Collection<?> c) {
            if (c.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append("[\n");
            boolean first = true;
            for (Object x : c) {
                b.append(first ? "" : ",\n").append(in);
                write(b, x, in);
                first = false;
            }
            b.append('\n').append(indent).append(']');
        } else {
            b.append(quote(o.toString()));
        }
    }
}
