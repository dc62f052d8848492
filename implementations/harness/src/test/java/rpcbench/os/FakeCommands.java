package rpcbench.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Another machine's tools: records every command and answers from a function (tests reach Windows' paths). */
public final class FakeCommands implements Commands {

    private final Function<List<String>, Result> answers;
    private final List<List<String>> ran = new ArrayList<>();

    public FakeCommands(Function<List<String>, Result> answers) {
        this.answers = answers;
    }

    /** Every command answers exit 0 and {@code out}. */
    public static FakeCommands printing(String out) {
        return new FakeCommands(command -> ok(out));
    }

    public static Result ok(String out) {
        return new Result(0, out.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    public static Result failing(int exit, String err) {
        return new Result(exit, new byte[0], err.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized Result run(List<String> command) throws IOException {
        ran.add(List.copyOf(command));
        Result r = answers.apply(command);
        if (r == null) {
            throw new IOException("Cannot run program \"" + command.get(0) + "\": not installed");
        }
        return r;
    }

    /** The commands run so far, in order. */
    public synchronized List<List<String>> ran() {
        return List.copyOf(ran);
    }
}
