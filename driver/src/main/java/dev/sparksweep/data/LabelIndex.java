package dev.sparksweep.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The stable order of class names: by numeric value when every label is a number (so 2 comes before 10),
 * otherwise by text. Class index k is the k-th name.
 */
public final class LabelIndex {
    private LabelIndex() {
    }

    public static List<String> order(Collection<String> labels) {
        List<String> out = new ArrayList<>(labels);
        boolean numeric = out.stream().allMatch(LabelIndex::isNumber);
        out.sort(numeric ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder());
        return List.copyOf(out);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
