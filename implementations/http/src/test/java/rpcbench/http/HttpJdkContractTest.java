package rpcbench.http;

/** The contract suite with the JDK's java.net.http client. */
class HttpJdkContractTest extends HttpContractTest {

    @Override
    protected String client() {
        return "jdk";
    }
}
