package rpcbench.orchestration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code --profile smoke|quick|standard|full}: a named set of JMH settings, expanded into JMH's own
 * options before JMH parses the command line. An option the user also gives explicitly wins (for
 * {@code -p}, per parameter name), wherever it stands, so {@code --profile quick -i 5} is quick
 * with 5 iterations.
 */
public enum Profile {

    /** Every benchmark once with small sizes: does everything work? Not a measurement. */
    SMOKE("-f 1 -wi 0 -i 1 -w 200ms -r 200ms -p size=1024 -p fileSize=200000 -p chunkSize=16384 -p inFlight=16"),
    /** Short warm-up and measurement, two sizes: indicative numbers in minutes. */
    QUICK("-f 1 -wi 2 -w 1s -i 3 -r 1s -p size=1024,1048576 -p inFlight=1,16"),
    /** The benchmarks' own defaults (their annotations): nothing is added. */
    STANDARD(""),
    /** Publication grade: three forks, long warm-up, ten measurement iterations. */
    FULL("-f 3 -wi 5 -w 10s -i 10 -r 2s");

    static final String OPTION = "--profile";
    private static final List<String> VALUED = List.of("-f", "-wi", "-i", "-w", "-r", "-p");

    private final List<String> jmh;

    Profile(String jmh) {
        this.jmh = jmh.isEmpty() ? List.of() : List.of(jmh.split(" "));
    }

    /** JMH options this profile stands for. */
    public List<String> jmhOptions() {
        return jmh;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A profile by name; throws IllegalArgumentException naming the valid choices. */
    public static Profile byName(String name) {
        for (Profile p : values()) {
            if (p.label().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(OPTION + ": unknown profile '" + name + "' (valid choices: smoke, quick,"
                + " standard, full)");
    }

    /** A command line and the profile it named (null when none). */
    public record Expanded(Profile profile, String[] args) {
    }

    /** Replaces {@code --profile NAME} by the profile's JMH options, less those the user gives. */
    public static Expanded expand(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf(OPTION);
        if (at < 0) {
            return new Expanded(null, args);
        }
        if (at + 1 >= rest.size()) {
            throw new IllegalArgumentException(OPTION + " needs a name (valid choices: smoke, quick, standard, full)");
        }
        Profile profile = byName(rest.get(at + 1));
        rest.subList(at, at + 2).clear();
        List<String> expanded = new ArrayList<>();
        List<String> words = profile.jmh;
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (!givenByUser(rest, words.get(i), words.get(i + 1))) {
                expanded.add(words.get(i));
                expanded.add(words.get(i + 1));
            }
        }
        expanded.addAll(rest);
        return new Expanded(profile, expanded.toArray(String[]::new));
    }

    /** Does the user's command line give {@code option} (for -p: the same parameter name)? */
    private static boolean givenByUser(List<String> args, String option, String value) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(option) && VALUED.contains(option)) {
                if (!option.equals("-p") || args.get(i + 1).startsWith(value.substring(0, value.indexOf('=') + 1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
