package rpcbench.orchestration;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A java {@code @argument file}: how {@code run} starts the benchmark JVM ({@code java @FILE}),
 * so that its words reach it whole on every OS. On Windows a command line is one string that each
 * program splits by its own rules, and Java's launcher of processes leaves a double quote inside an
 * argument unescaped; an argument file is read by the JDK's own launcher, the same way everywhere.
 * Each word is one double-quoted line, with {@code \}, {@code "} and line breaks escaped. It stays
 * in the results folder: {@code java @benchmark.args} repeats the run.
 */
final class ArgFile {

    private ArgFile() {
    }

    /** The file's text: one quoted word a line. */
    static String format(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append('"');
            for (char c : w.toCharArray()) {
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            sb.append('"').append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * Writes {@code words} to {@code file} in the charset java's launcher reads argument files in:
     * the platform's ({@code sun.jnu.encoding}, the ANSI code page on Windows).
     */
    static void write(Path file, List<String> words) throws IOException {
        Files.writeString(file, format(words), launcherCharset());
    }

    static Charset launcherCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
