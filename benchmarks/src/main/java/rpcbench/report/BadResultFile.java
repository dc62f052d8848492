package rpcbench.report;

/**
 * A file a command cannot use: missing, not JSON, not JMH output, empty, or (for a baseline)
 * sharing nothing with the result. The message is the one line shown to the user and names the file.
 */
public final class BadResultFile extends Exception {

    public BadResultFile(String message) {
        super(message);
    }
}
