package rpcbench.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the arguments part of a Windows command line into words the way java.exe does (the
 * Microsoft C runtime's rules, which the JDK's launcher follows): white space separates words
 * outside double quotes; 2n backslashes before a quote are n backslashes and the quote opens or
 * closes a quoted part, 2n+1 are n backslashes and a literal quote; a quote right after a closing
 * one is a literal quote; other backslashes are themselves. run-bench.cmd hands its arguments over
 * exactly as typed ({@code %*}), so they become the same words they would be for {@code java ... %*}.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    static List<String> split(String tail) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        boolean justClosed = false;
        int backslashes = 0;
        for (char c : tail.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                word = word == null ? new StringBuilder() : word;
                justClosed = false;
                continue;
            }
            if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                word.append("\\".repeat(backslashes / 2));
                boolean escaped = backslashes % 2 == 1;
                backslashes = 0;
                if (escaped) {
                    word.append('"');
                    justClosed = false;
                } else if (!quoted && justClosed) {
                    word.append('"'); // "" inside quotes: one literal quote, still quoted
                    quoted = true;
                    justClosed = false;
                } else {
                    justClosed = quoted;
                    quoted = !quoted;
                }
                continue;
            }
            if (backslashes > 0) {
                word.append("\\".repeat(backslashes));
                backslashes = 0;
            }
            justClosed = false;
            if ((c == ' ' || c == '\t') && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            word.append("\\".repeat(backslashes));
            words.add(word.toString());
        }
        return words;
    }
}
