package rpcbench.api;

/**
 * A call that did not complete: the server is gone, did not answer within the call timeout, or
 * answered something the contract does not allow. The message names the transport and the call.
 */
public class RpcException extends RuntimeException {

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
