package rpcbench.remote;

import java.io.IOException;

/** Why servers cannot run on the remote host, in one line for the user (no stack trace needed). */
public final class RemoteFailure extends IOException {

    private static final long serialVersionUID = 1L;

    public RemoteFailure(String oneLine) {
        super(oneLine);
    }
}
