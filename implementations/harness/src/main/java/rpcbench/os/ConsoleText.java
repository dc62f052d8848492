package rpcbench.os;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Text that other programs print, decoded without ever failing. Strict UTF-8 is right on Linux and
 * for the JVMs rpc-bench starts (it asks them for UTF-8), but not for what Windows tools and a
 * localized JVM write: powercfg writes in the console's OEM code page (850, 866, 932...), a JVM's
 * own messages come in the ANSI code page (1252, 1251...). Each candidate is tried strictly, in the
 * order that fits the writer, and ISO-8859-1, which maps every byte, ends the list: a power plan
 * or a server's last log lines never vanish because one byte was not UTF-8.
 */
public final class ConsoleText {

    /** The OEM code page (console tools) that goes with each ANSI one (Windows' own pairs). */
    private static final Map<String, String> OEM_OF_ANSI = Map.of("windows-1250", "IBM852", "windows-1251", "IBM866",
            "windows-1252", "IBM850", "windows-1253", "x-IBM737", "windows-1254", "IBM857", "windows-1255", "IBM862",
            "windows-1257", "IBM775", "x-windows-874", "x-IBM874");

    private ConsoleText() {
    }

    /** What a console tool printed into a pipe (powercfg, PowerShell): BOM, UTF-8, then the console's code pages. */
    public static String ofTool(byte[] bytes) {
        return decode(bytes, candidates(System.getProperties(), true));
    }

    /** What a JVM printed (a server's log, a benchmark JVM's output): BOM, UTF-8, then the platform's code pages. */
    public static String ofJvm(byte[] bytes) {
        return decode(bytes, candidates(System.getProperties(), false));
    }

    /**
     * A JVM's output line by line, each line decoded on its own ({@link #ofJvm}): a log may hold a
     * line in the ANSI code page (written before UTF-8 took hold) among UTF-8 ones.
     */
    public static List<String> ofJvmLines(byte[] bytes) {
        return lines(bytes, candidates(System.getProperties(), false));
    }

    static List<String> lines(byte[] bytes, List<Charset> fallbacks) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (i < bytes.length || end > start) {
                    lines.add(decode(Arrays.copyOfRange(bytes, start, end), fallbacks));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /**
     * The charsets to try after UTF-8 on a machine with these system properties: the console's
     * ({@code stdout.encoding}, or JDK 17's {@code sun.stdout.encoding}), the OEM code page of
     * {@code native.encoding}, and {@code native.encoding} itself; for a JVM's text the platform's
     * own comes first.
     */
    static List<Charset> candidates(Properties props, boolean tool) {
        List<Charset> all = new ArrayList<>();
        Charset ansi = charset(props.getProperty("native.encoding"));
        Charset console = charset(props.getProperty("stdout.encoding", props.getProperty("sun.stdout.encoding")));
        Charset oem = ansi == null ? null : charset(OEM_OF_ANSI.get(ansi.name()));
        for (Charset c : tool ? Arrays.asList(console, oem, ansi) : Arrays.asList(ansi, console, oem)) {
            if (c != null && !all.contains(c) && !c.equals(StandardCharsets.UTF_8)) {
                all.add(c);
            }
        }
        return all;
    }

    /** The first of UTF-8 and {@code fallbacks} that decodes every byte; ISO-8859-1 otherwise. */
    static String decode(byte[] bytes, List<Charset> fallbacks) {
        Charset bom = byteOrderMark(bytes);
        if (bom != null) {
            int skip = bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
            return new String(bytes, skip, bytes.length - skip, bom);
        }
        List<Charset> all = new ArrayList<>();
        all.add(StandardCharsets.UTF_8);
        all.addAll(fallbacks);
        for (Charset c : all) {
            try {
                return c.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // not this one
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Are the first {@code length} bytes valid UTF-8, but for a last character that more bytes may complete? */
    public static boolean isUtf8Prefix(byte[] bytes, int length) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return !decoder.decode(ByteBuffer.wrap(bytes, 0, length), java.nio.CharBuffer.allocate(length), false).isError();
    }

    private static Charset byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static Charset charset(String name) {
        try {
            return name == null || name.isBlank() ? null : Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            return null; // unknown or unsupported here
        }
    }
}
