package rpcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** run-bench.cmd's %* split as java.exe splits its command line (the Microsoft C runtime's rules). */
class WindowsCommandLineTest {

    @Test
    void whiteSpaceQuotesAndBackslashes() {
        split("-Profile smoke  -Clients 1,16,128", "-Profile", "smoke", "-Clients", "1,16,128");
        split("-ClientJvmArgs \"-Xmx4g -Dx.y=1\" -Out \"C:\\my results\"", "-ClientJvmArgs", "-Xmx4g -Dx.y=1",
                "-Out", "C:\\my results");
        split("a\"b c d\"e", "ab c de");
        split("ab\\\"cd", "ab\"cd");
        split("a\\\\\\c", "a\\\\\\c");
        split("\"a b c d\\\\\"", "a b c d\\");
        split("ab\\\\\\\"cd", "ab\\\"cd");
        split("\"C:\\TEST A\\\\\"", "C:\\TEST A\\");
        split("\t\"\" x  ", "", "x");
        split("");
    }

    /** A trailing backslash inside quotes escapes the quote: the rest of the line joins the word, as in java.exe. */
    @Test
    void aPathEndingInABackslashSwallowsWhatFollowsUnlessDoubled() {
        split("-Out \"C:\\my dir\\\" -Profile smoke", "-Out", "C:\\my dir\" -Profile smoke");
        split("-Out \"C:\\my dir\\\\\" -Profile smoke", "-Out", "C:\\my dir\\", "-Profile", "smoke");
    }

    @Test
    void doubledQuotesInsideQuotesAreOneLiteralQuote() {
        split("\"a b c\"\"", "a b c\"");
        split("\"\"a b c\"\"", "a", "b", "c");
        split("\"\"\"a b c\"\"\"", "\"a b c\"");
        split("-ServerPrefix \"ssh \"\"my host\"\"\"", "-ServerPrefix", "ssh \"my host\"");
        split("-ServerPrefix \"ssh \\\"my host\\\"\"", "-ServerPrefix", "ssh \"my host\"");
    }

    private static void split(String tail, String... words) {
        assertEquals(List.of(words), WindowsCommandLine.split(tail), tail);
    }
}
