package dev.sparksweep.data;

import java.io.Serializable;

/**
 * The first thing wrong with a row, found on an executor.
 *
 * @param offset the row's position among the rows of {@code file} in its partition (0-based)
 * @param column the column as messages name it, or null when the problem is the whole row
 */
public record RowProblem(Kind kind, String file, long offset, String column, String value) implements Serializable {

    /** What can be wrong with one row; the order is the order of the checks. */
    public enum Kind {
        RAGGED("has a different number of fields from the header (or the first row)"),
        NOT_A_NUMBER("is not a number"),
        MISSING("is empty (set data.missing: drop to leave such rows out)"),
        NOT_FINITE("is NaN or infinite (set data.missing: drop to leave such rows out)"),
        MISSING_LABEL("has no label (set data.missing: drop to leave such rows out)"),
        UNKNOWN_LABEL("is a label that does not occur in data.source"),
        WRONG_WIDTH("is a vector of a different length from the first row's"),
        NOT_LIBSVM("is not a LibSVM line (label index:value ...)"),
        LABEL_NOT_A_NUMBER("is not a number (data.task: regression needs a numeric label)"),
        LABEL_NOT_FINITE("is a label that is NaN or infinite (set data.missing: drop to leave such rows out)");

        final String rule;

        Kind(String rule) {
            this.rule = rule;
        }

        /** Whether {@code missing: drop} leaves the row out instead of refusing the data. */
        boolean droppable() {
            return this == MISSING || this == NOT_FINITE || this == MISSING_LABEL || this == LABEL_NOT_FINITE;
        }
    }
}
