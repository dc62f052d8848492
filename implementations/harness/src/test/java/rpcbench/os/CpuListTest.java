package rpcbench.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuListTest {

    @Test
    void listsAreReadAndWrittenAsTasksetWritesThem() {
        assertEquals("0", CpuList.parse("0").text());
        assertEquals("0,2", CpuList.parse("2,0").text());
        assertEquals("0-3,6", CpuList.parse("0-2,3,6").text());
        assertEquals("1,3-4", CpuList.parse(" 1 , 3-4 ").text());
        assertEquals(6, CpuList.parse("0-3,6").highest());
    }

    @Test
    void whatIsNotACpuListIsOneLineNamingIt() {
        for (String bad : new String[] {"", "a", "3-1", "1-2-3", "-1", "0,,1", "1.5", "99999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "' is not a CPU list"), e.getMessage());
        }
    }

    @Test
    void cpuNIsBitNOfTheWindowsMask() {
        assertEquals(1, CpuList.parse("0").mask());
        assertEquals(5, CpuList.parse("0,2").mask());
        assertEquals(0xF0, CpuList.parse("4-7").mask());
        assertEquals(Long.MIN_VALUE, CpuList.parse("63").mask());
        assertEquals(-1L, CpuList.parse("0-63").mask());
        assertEquals("0,2", CpuList.ofMask(5).text());
        assertEquals("0-63", CpuList.ofMask(-1L).text());
    }

    @Test
    void cpusFromSixtyFourOnAreRefusedInsteadOfWrappingOntoBitZero() {
        // Windows PowerShell's [long]1 -shl 64 is 1: CPU 64 used to land on CPU 0.
        for (String beyond : new String[] {"64", "0,64", "60-70", "127"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(beyond).mask());
            assertTrue(e.getMessage().contains("beyond the 64 CPUs") && e.getMessage().contains("0-63"), e.getMessage());
        }
    }
}
