package dev.sparksweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.config.DataConfig.Scaling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-hot on the training rows' categories, medians for empty numbers, and the scaler leaving one-hot inputs. */
class EncodingTest {
    static final float NAN = Float.NaN;
    static final float MISSING = RowParser.MISSING_CODE;
    static final float UNSEEN = RowParser.UNSEEN_CODE;

    /** x (numeric), colour (codes into [blue, green, red, teal]); rows 0-3 train, 4-5 validation. */
    static Dataset dataset() {
        float[] x = {
            1f, 0f,
            NAN, 2f,
            3f, MISSING,
            10f, 2f,
            NAN, 3f,      // teal: in the source, never in the training rows
            4f, UNSEEN,   // a value of another source that data.source does not have
        };
        return new Dataset("csv:t.csv", x, new int[] {0, 1, 0, 1, 0, 1}, 2, List.of("a", "b"), List.of("x", "colour"),
                "h", 0, List.of(new Dataset.CategoricalFeature(1, 1, "colour", List.of("blue", "green", "red",
                        "teal"))));
    }

    @Test
    void oneHotOnTrainingCategoriesWithAMissingInputAndMedians() {
        Dataset d = dataset();
        Encoding e = Encoding.fit(d, new int[] {0, 1, 2, 3}, true);
        assertEquals(List.of(new Encoding.OneHot(1, 1, "colour", List.of("blue", "red"), true)), e.oneHot());
        assertArrayEquals(new float[] {3f, 0f}, e.medians(), "median of 1, 3, 10 (the empty cell left out)");
        assertEquals(4, e.width());
        assertEquals(List.of("x", "colour=blue", "colour=red", "colour=(missing)"), e.inputNames(d.featureNames()));
        assertArrayEquals(new boolean[] {true, false, false, false}, e.numericInputs());

        Encoding.Encoded train = e.apply(d.x(), new int[] {0, 1, 2, 3}, Encoding.categoriesOf(d));
        assertArrayEquals(new float[] {
            1f, 1f, 0f, 0f,
            3f, 0f, 1f, 0f,
            3f, 0f, 0f, 1f,
            10f, 0f, 1f, 0f,
        }, train.x());
        assertEquals(0, train.rowsWithUnseen());
        Encoding.Encoded val = e.apply(d.x(), new int[] {4, 5}, Encoding.categoriesOf(d));
        assertArrayEquals(new float[] {3f, 0f, 0f, 0f, 4f, 0f, 0f, 0f}, val.x());
        assertEquals(2, val.rowsWithUnseen());
    }

    @Test
    void predictInputCodedByTheEncodingsOwnCategories() {
        Encoding e = Encoding.fit(dataset(), new int[] {0, 1, 2, 3}, true);
        Encoding.Encoded p = e.apply(new float[] {NAN, 1f, 5f, MISSING, 6f, UNSEEN}, new int[] {0, 1, 2},
                e.ownCategories());
        assertArrayEquals(new float[] {3f, 0f, 1f, 0f, 5f, 0f, 0f, 1f, 6f, 0f, 0f, 0f}, p.x());
        assertEquals(1, p.rowsWithUnseen());
    }

    @Test
    void aCategorySpelledLikeTheMissingInputKeepsTheNamesDistinct() {
        Dataset d = new Dataset("csv:t.csv", new float[] {0f, MISSING, 1f}, new int[] {0, 1, 0}, 1,
                List.of("a", "b"), List.of("c"), "h", 0,
                List.of(new Dataset.CategoricalFeature(0, 0, "c", List.of("(missing)", "x"))));
        Encoding e = Encoding.fit(d, new int[] {0, 1, 2}, true);
        assertEquals(List.of("c=(missing)", "c=x", "c=(empty cell)"), e.inputNames(d.featureNames()));
    }

    @Test
    void everySourceIsCheckedAgainstTheSizeLimitAfterEncoding() {
        Encoding e = Encoding.fit(dataset(), new int[] {0, 1, 2, 3}, true);
        Dataset big = new Dataset("csv:v.csv", new float[2 * 70_000], new int[70_000], 2, List.of("a", "b"),
                List.of("x", "colour"), "h", 0, dataset().categorical());
        e.checkSize(dataset(), "data.max_size_mb", 1, "advice");
        BadInputException err = assertThrows(BadInputException.class,
                () -> e.checkSize(big, "data.max_size_mb", 1, "advice"));
        assertEquals("data.max_size_mb: the data must fit in 1 MiB as float32 to be collected and broadcast, but "
                + "csv:v.csv has 70000 rows x 4 inputs after one-hot encoding = 1.1 MiB (advice)", err.getMessage());
    }

    @Test
    void nothingToEncodeWithoutCategoriesOrImputation() {
        Dataset d = new Dataset("csv:t.csv", new float[] {1f, 2f}, new int[] {0, 1}, 1, List.of("a", "b"),
                List.of("x"), "h", 0);
        assertNull(Encoding.fit(d, new int[] {0, 1}, false));
    }

    @Test
    void theScalerLeavesOneHotInputsAlone() {
        float[] x = {2f, 1f, 0f, -4f, 0f, 1f};
        Scaler max = Scaler.fit(Scaling.MAX, x, new int[] {0, 1}, 3, new boolean[] {true, false, false});
        assertArrayEquals(new float[] {4f, 1f, 1f}, max.scale(), "MAX over the numeric input only");
        Scaler std = Scaler.fit(Scaling.STANDARD, x, new int[] {0, 1}, 3, new boolean[] {true, false, false});
        assertArrayEquals(new float[] {-1f, 0f, 0f}, std.offset());
        assertArrayEquals(new float[] {3f, 1f, 1f}, std.scale());
    }
}
