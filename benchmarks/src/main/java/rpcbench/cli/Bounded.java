package rpcbench.cli;

import picocli.CommandLine;

/** Whole-number options with a range, whose error names the range. */
abstract class Bounded implements CommandLine.ITypeConverter<Integer> {

    private final int min;
    private final int max;

    Bounded(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer convert(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not a number in " + min + ".." + max);
    }

    static final class Clients extends Bounded {
        Clients() {
            super(1, 4096);
        }
    }

    static final class Calls extends Bounded {
        Calls() {
            super(1, 100_000_000);
        }
    }

    static final class Seconds extends Bounded {
        Seconds() {
            super(1, 86_400);
        }
    }

    /** A TCP port: 0 (any free one) to 65535. */
    static final class Port extends Bounded {
        Port() {
            super(0, 65535);
        }
    }

    /** A client count of a benchmark run's {@code --clients} sweep. */
    static final class SweepClients extends Bounded {
        SweepClients() {
            super(1, RunPlan.MAX_CLIENTS);
        }
    }
}
