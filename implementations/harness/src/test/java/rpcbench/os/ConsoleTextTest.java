package rpcbench.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Output of Windows tools and JVMs in other code pages (fixtures in fixtures/windows, see its
 * README), decoded as a machine with those code pages would: nothing is lost, nothing throws.
 */
class ConsoleTextTest {

    @Test
    void powercfgInTheConsolesOemCodePage() throws IOException {
        assertEquals("Power Scheme GUID: 381b4222-f694-41f0-9685-ff5bb260df2e  (Balanced)",
                tool("powercfg-en.txt", "Cp1252"));
        assertTrue(tool("powercfg-fr-cp850.txt", "Cp1252").endsWith("(Performances élevées)"));
        assertTrue(tool("powercfg-de-cp850.txt", "Cp1252").endsWith("(Höchstleistung)"));
        assertTrue(tool("powercfg-ru-cp866.txt", "Cp1251").startsWith("GUID схемы питания: 381b4222"));
        assertTrue(tool("powercfg-ja-cp932.txt", "MS932").endsWith("(バランス)"));
    }

    @Test
    void aByteOrderMarkDecidesWhateverTheCodePage() throws IOException {
        assertEquals("Power Scheme GUID: e9a42b02-d5df-448d-aa00-03f14749eb61  (Ultimate Performance)",
                tool("powercfg-utf16le-bom.txt", "Cp1252"));
    }

    @Test
    void theConsolesOwnCodePageComesFirstWhenTheJvmKnowsIt() {
        Properties p = props("Cp1252");
        p.setProperty("stdout.encoding", "IBM437");
        assertEquals("IBM437", ConsoleText.candidates(p, true).get(0).name());
        assertEquals("windows-1252", ConsoleText.candidates(p, false).get(0).name());
    }

    @Test
    void aServerLogMayMixTheAnsiCodePageAndUtf8LineByLine() throws IOException {
        List<String> lines = ConsoleText.lines(fixture("server-log-fr-cp1252-then-utf8.txt"),
                ConsoleText.candidates(props("Cp1252"), false));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("adresse réseau/port) est habituellement autorisée"), lines.get(0));
        assertTrue(lines.get(1).endsWith("adresse déjà utilisée (µs ±)"), lines.get(1));
    }

    @Test
    void strictUtf8WouldThrowHereButNothingDoes() {
        byte[] bytes = new byte[4096];
        new SplittableRandom(13).nextBytes(bytes);
        assertNotNull(ConsoleText.ofTool(bytes));
        assertNotNull(ConsoleText.ofJvm(bytes));
        assertEquals(List.of("a", "", "b"), ConsoleText.ofJvmLines("a\r\n\nb".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aUtf8PrefixMayEndInsideACharacter() {
        byte[] micro = "µ".getBytes(StandardCharsets.UTF_8);
        assertTrue(ConsoleText.isUtf8Prefix(micro, 1));
        assertTrue(ConsoleText.isUtf8Prefix(micro, 2));
        assertFalse(ConsoleText.isUtf8Prefix(new byte[] {(byte) 0xE9, 'x'}, 2)); // é in Cp1252
    }

    private static String tool(String fixture, String ansi) throws IOException {
        return ConsoleText.decode(fixture(fixture), ConsoleText.candidates(props(ansi), true)).trim();
    }

    /** A Windows machine's properties when its output is a pipe, not a console: only native.encoding. */
    private static Properties props(String ansi) {
        Properties p = new Properties();
        p.setProperty("native.encoding", ansi);
        return p;
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ConsoleTextTest.class.getResourceAsStream("/fixtures/windows/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }
}
