package dev.sparksweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Ranges check their own bounds; the config reader shows the bounds as they were written. */
class DimensionTest {
    @Test
    void aRangeNeedsLowBelowHighAndAPositiveLowOnALogScale() {
        assertEquals("low < high must hold", assertThrows(InvalidValueException.class,
                () -> new Dimension.IntRange("width", 8, 8, false)).rule());
        assertEquals("low < high must hold", assertThrows(InvalidValueException.class,
                () -> new Dimension.DoubleRange("dropout", 0.5, 0.1, false)).rule());
        assertEquals("a log scale needs low > 0", assertThrows(InvalidValueException.class,
                () -> new Dimension.DoubleRange("l2", 0.0, 0.01, true)).rule());
        assertEquals(8, new Dimension.IntRange("width", 8, 256, true).low());
    }
}
