package rpcbench.http;

/** The contract suite with Jetty's HttpClient. */
class HttpJettyContractTest extends HttpContractTest {

    @Override
    protected String client() {
        return "jetty";
    }
}
