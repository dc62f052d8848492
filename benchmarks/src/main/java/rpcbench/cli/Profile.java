package rpcbench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;

import rpcbench.bench.BenchParam;

/**
 * {@code --profile smoke|quick|standard|full}: a named set of JMH settings, put in front of JMH's
 * own options before JMH parses the command line. An option the user also gives explicitly wins
 * (for {@code -p}, per parameter name), wherever it stands, so {@code --profile quick -i 5} is
 * quick with 5 iterations. The parameter values of smoke and quick come from the catalogue's
 * {@link BenchParam}s.
 */
enum Profile {

    /** Every benchmark once with small sizes: does everything work? Not a measurement. */
    SMOKE("-f 1 -wi 0 -i 1 -w 200ms -r 200ms"),
    /** Short warm-up and measurement, two sizes: indicative numbers in minutes. */
    QUICK("-f 1 -wi 2 -w 1s -i 3 -r 1s"),
    /** The benchmarks' own defaults (their annotations): nothing is added. */
    STANDARD(""),
    /** Publication grade: three forks, long warm-up, ten measurement iterations. */
    FULL("-f 3 -wi 5 -w 10s -i 10 -r 2s");

    private static final List<String> VALUED = List.of("-f", "-wi", "-i", "-w", "-r", "-p");

    private final List<String> runOptions;

    Profile(String runOptions) {
        this.runOptions = runOptions.isEmpty() ? List.of() : List.of(runOptions.split(" "));
    }

    /** JMH options this profile stands for. */
    List<String> jmhOptions() {
        List<String> all = new ArrayList<>(runOptions);
        for (BenchParam p : BenchParam.values()) {
            List<String> values = this == SMOKE ? p.smokeValues() : this == QUICK ? p.quickValues() : List.of();
            if (!values.isEmpty()) {
                all.add("-p");
                all.add(p.jmhName() + "=" + String.join(",", values));
            }
        }
        return all;
    }

    /** A profile by name, in any case; throws IllegalArgumentException naming the valid choices. */
    static Profile byName(String name) {
        for (Profile p : values()) {
            if (p.label().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (valid choices: smoke, quick, standard,"
                + " full)");
    }

    /** picocli's way to {@link #byName}. */
    static final class Converter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String name) {
            try {
                return byName(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code jmh} with this profile's options in front, less those the user gives. */
    String[] apply(String[] jmh) {
        List<String> rest = Arrays.asList(jmh);
        List<String> expanded = new ArrayList<>();
        List<String> words = jmhOptions();
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (!givenByUser(rest, words.get(i), words.get(i + 1))) {
                expanded.add(words.get(i));
                expanded.add(words.get(i + 1));
            }
        }
        expanded.addAll(rest);
        return expanded.toArray(String[]::new);
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
