package rpcbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of {@code run} as the Windows wrappers hand them over, made into its command line:
 * <ul>
 * <li>{@code --args-env VAR}: run-bench.ps1's arguments, in an environment variable, separated by
 * U+001F. No command line carries them, so no quoting (Windows PowerShell 5.1 leaves embedded quotes
 * unescaped and lets a trailing backslash swallow the next argument) can change them.
 * <li>{@code --cmdline-env VAR}: run-bench.cmd's {@code %*}, exactly as typed, split here the way
 * java.exe would split it ({@link WindowsCommandLine}); no variable is no arguments (cmd cannot set
 * an empty one).
 * <li>What PowerShell breaks in two: {@code -Profile:smoke} arrives as {@code -Profile:} and
 * {@code smoke} and is joined again for run's own options; an unquoted {@code -Dname.key=value}
 * arrives as {@code -Dname} and {@code .key=value}, which is refused with the quoting that works.
 * </ul>
 */
final class RunArguments {

    static final String ARGS_ENV = "--args-env";
    static final String CMDLINE_ENV = "--cmdline-env";
    /** Separates run-bench.ps1's words in {@code --args-env}'s variable (no argument holds it). */
    static final char SEPARATOR = '\u001F';
    private static final Pattern NAME_COLON = Pattern.compile("(-{1,2}[A-Za-z][A-Za-z-]*):(.*)", Pattern.DOTALL);

    private RunArguments() {
    }

    /**
     * {@code run}'s words with the wrappers' variables read and PowerShell's splits mended.
     *
     * @param options run's own option names (any case)
     * @throws IllegalArgumentException for a missing variable or a -D option PowerShell split
     */
    static List<String> prepare(List<String> words, UnaryOperator<String> env, Set<String> options) {
        return mend(expand(words, env, 0), options);
    }

    private static List<String> expand(List<String> words, UnaryOperator<String> env, int depth) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean args = w.equalsIgnoreCase(ARGS_ENV);
            if ((args || w.equalsIgnoreCase(CMDLINE_ENV)) && i + 1 < words.size() && depth < 2) {
                String name = words.get(++i);
                String value = env.apply(name);
                if (value == null && !args) {
                    value = "";
                }
                if (value == null) {
                    throw new IllegalArgumentException(w + " " + name + ": no such environment variable (the"
                            + " run-bench scripts set it)");
                }
                List<String> inner = args ? split(value) : WindowsCommandLine.split(value);
                out.addAll(expand(inner, env, depth + 1));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> split(String value) {
        List<String> words = new ArrayList<>();
        if (value.isEmpty()) {
            return words;
        }
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == SEPARATOR) {
                words.add(value.substring(start, i));
                start = i + 1;
            }
        }
        return words;
    }

    private static List<String> mend(List<String> words, Set<String> options) {
        Set<String> names = lower(options);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Matcher m = NAME_COLON.matcher(w);
            if (m.matches() && names.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                out.add(m.group(1));
                out.add(m.group(2).isEmpty() && i + 1 < words.size() ? words.get(++i) : m.group(2));
                continue;
            }
            if (i > 0 && (w.startsWith(".") || w.startsWith("=")) && isBareDefine(words.get(i - 1))) {
                String given = words.get(i - 1) + w;
                throw new IllegalArgumentException("'" + words.get(i - 1) + "' '" + w + "': PowerShell splits an"
                        + " unquoted " + given + " at its first " + w.charAt(0) + "; quote it: '" + given + "'");
            }
            out.add(w);
        }
        return out;
    }

    /** {@code -Dname} with no value: what PowerShell leaves of {@code -Dname.key=value}. */
    private static boolean isBareDefine(String w) {
        return w.startsWith("-D") && w.length() > 2 && w.indexOf('=') < 0;
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> lower = new java.util.HashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
