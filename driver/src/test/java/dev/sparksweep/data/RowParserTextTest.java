package dev.sparksweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How a cell becomes a category's text: integers exactly, decimals without trailing zeros, blanks as missing. */
class RowParserTextTest {
    @Test
    void largeIntegersStayDistinct() {
        assertEquals("12345678901234567", RowParser.text(12345678901234567L));
        assertEquals("12345678901234568", RowParser.text(12345678901234568L));
        assertEquals("-7", RowParser.text(-7));
        assertEquals("3", RowParser.text((short) 3));
        assertEquals("4", RowParser.text((byte) 4));
    }

    @Test
    void decimalsLoseTrailingZerosOnly() {
        assertEquals("1.5", RowParser.text(new BigDecimal("1.50")));
        assertEquals("120", RowParser.text(new BigDecimal("1.2E+2")));
        assertEquals("12345678901234567.25", RowParser.text(new BigDecimal("12345678901234567.250")));
        assertEquals("0", RowParser.text(new BigDecimal("0.000")));
    }

    @Test
    void doublesReadAsTheirIntegerWhenWhole() {
        assertEquals("3", RowParser.text(3.0));
        assertEquals("2.5", RowParser.text(2.5));
    }

    @Test
    void textIsTrimmedAndBlankIsMissing() {
        assertEquals("a b", RowParser.text("  a b "));
        assertNull(RowParser.text("   "));
    }
}
