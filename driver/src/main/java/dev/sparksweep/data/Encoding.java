package dev.sparksweep.data;

import dev.sparksweep.common.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What turns loaded features into the network's inputs, fitted on the training rows only: a categorical
 * feature becomes one input per category seen in training (one-hot, plus a "(missing)" input if training had
 * empty cells), and under {@code missing: impute} an empty numeric feature becomes the training median. A
 * category training never saw becomes all zeros.
 *
 * @param medians per loaded feature, the training median of a numeric one (0 for a categorical one)
 * @param oneHot the categorical features, in order
 */
public record Encoding(boolean impute, float[] medians, List<OneHot> oneHot) {
    public static final String MISSING_NAME = "(missing)";

    /**
     * @param position the feature's index among the loaded features
     * @param feature the index of its column among the feature columns (as {@code read_as} lists them)
     * @param categories the categories seen in training, sorted; input k is {@code categories[k]}
     * @param missingSlot whether an input for an empty cell follows them
     */
    public record OneHot(int position, int feature, String column, List<String> categories, boolean missingSlot) {
        public OneHot {
            categories = List.copyOf(categories);
        }

        public int width() {
            return categories.size() + (missingSlot ? 1 : 0);
        }
    }

    /** The inputs, and how many of the rows had a category that training never saw (or an unseen empty cell). */
    public record Encoded(float[] x, int rowsWithUnseen) {
    }

    public Encoding {
        oneHot = List.copyOf(oneHot);
    }

    /** Null when there is nothing to encode: no categorical feature and no imputation. */
    public static Encoding fit(Dataset d, int[] train, boolean impute) {
        if (d.categorical().isEmpty() && !impute) {
            return null;
        }
        int f = d.numFeatures();
        float[] medians = new float[f];
        boolean[] categorical = new boolean[f];
        List<OneHot> oneHot = new ArrayList<>();
        for (Dataset.CategoricalFeature c : d.categorical()) {
            categorical[c.position()] = true;
            TreeSet<Integer> seen = new TreeSet<>();
            boolean missing = false;
            for (int r : train) {
                int code = (int) d.x()[r * f + c.position()];
                if (code >= 0) {
                    seen.add(code);
                } else if (code == (int) RowParser.MISSING_CODE) {
                    missing = true;
                }
            }
            List<String> categories = seen.stream().map(c.categories()::get).toList();
            oneHot.add(new OneHot(c.position(), c.column(), c.name(), categories, missing));
        }
        if (impute) {
            float[] column = new float[train.length];
            for (int j = 0; j < f; j++) {
                if (!categorical[j]) {
                    medians[j] = median(d.x(), f, j, train, column);
                }
            }
        }
        return new Encoding(impute, medians, oneHot);
    }

    private static float median(float[] x, int f, int j, int[] rows, float[] buf) {
        int n = 0;
        for (int r : rows) {
            float v = x[r * f + j];
            if (!Float.isNaN(v)) {
                buf[n++] = v;
            }
        }
        if (n == 0) {
            return 0f;
        }
        Arrays.sort(buf, 0, n);
        return n % 2 == 1 ? buf[n / 2] : (float) ((buf[n / 2 - 1] + (double) buf[n / 2]) / 2);
    }

    public int loadedFeatures() {
        return medians.length;
    }

    /** The number of network inputs. */
    public int width() {
        return loadedFeatures() - oneHot.size() + oneHot.stream().mapToInt(OneHot::width).sum();
    }

    /** One name per input: a numeric feature's own, "column=category" for a one-hot input. */
    public List<String> inputNames(List<String> featureNames) {
        List<String> names = new ArrayList<>();
        int h = 0;
        for (int j = 0; j < loadedFeatures(); j++) {
            if (h < oneHot.size() && oneHot.get(h).position() == j) {
                OneHot o = oneHot.get(h++);
                o.categories().forEach(c -> names.add(o.column() + "=" + c));
                if (o.missingSlot()) {
                    // a real category may be spelled "(missing)"; the names must stay distinct
                    names.add(o.column() + "=" + (o.categories().contains(MISSING_NAME) ? "(empty cell)"
                            : MISSING_NAME));
                }
            } else {
                names.add(featureNames.get(j));
            }
        }
        return names;
    }

    /** Per input, whether it is numeric (scaled) rather than one-hot (left as 0/1). */
    public boolean[] numericInputs() {
        boolean[] numeric = new boolean[width()];
        int k = 0;
        int h = 0;
        for (int j = 0; j < loadedFeatures(); j++) {
            if (h < oneHot.size() && oneHot.get(h).position() == j) {
                k += oneHot.get(h++).width();
            } else {
                numeric[k++] = true;
            }
        }
        return numeric;
    }

    /** Per categorical feature column, its categories: how predict reads rows, so that a code is an input. */
    public java.util.Map<Integer, List<String>> readCategories() {
        java.util.Map<Integer, List<String>> m = new java.util.LinkedHashMap<>();
        oneHot.forEach(o -> m.put(o.feature(), o.categories()));
        return m;
    }

    /** The categories codes index when rows were read with this encoding's own categories (predict). */
    public List<List<String>> ownCategories() {
        return oneHot.stream().map(OneHot::categories).toList();
    }

    /** The categories codes index in rows of {@code d} (read with the main source's categories). */
    /**
     * Refuses {@code d} if its inputs after encoding would pass {@code maxSizeMb}, or one Java array.
     *
     * @param key the setting that sets the limit, named in the message
     * @param advice what the user can do, in parentheses at the end of the message
     */
    public void checkSize(Dataset d, String key, long maxSizeMb, String advice) {
        int w = width();
        double mib = d.rows() * (double) w * Float.BYTES / (1024.0 * 1024.0);
        if (mib > maxSizeMb || d.rows() * (long) w > MAX_ARRAY) {
            throw new BadInputException(String.format(Locale.ROOT, "%s: the data must fit in %d MiB as float32 to "
                    + "be collected and broadcast, but %s has %d rows x %d inputs after one-hot encoding = %.1f MiB "
                    + "(%s)", key, maxSizeMb, d.source(), d.rows(), w, mib, advice));
        }
    }

    /** The most elements a Java array can be relied on to hold. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    public static List<List<String>> categoriesOf(Dataset d) {
        return d.categorical().stream().map(Dataset.CategoricalFeature::categories).toList();
    }

    /**
     * The given rows of {@code x} (loaded features, row-major) as inputs.
     *
     * @param codes per categorical feature, the categories its codes index
     */
    public Encoded apply(float[] x, int[] rows, List<List<String>> codes) {
        int f = loadedFeatures();
        int w = width();
        int[][] slot = new int[oneHot.size()][];
        for (int h = 0; h < oneHot.size(); h++) {
            List<String> dict = codes.get(h);
            slot[h] = new int[dict.size()];
            for (int i = 0; i < dict.size(); i++) {
                int s = Collections.binarySearch(oneHot.get(h).categories(), dict.get(i));
                slot[h][i] = s >= 0 ? s : -1;
            }
        }
        if (rows.length * (long) w > MAX_ARRAY) {
            throw new BadInputException("data: " + rows.length + " rows x " + w + " inputs after one-hot encoding "
                    + "pass the " + MAX_ARRAY + " values one array can hold (lower data.max_categories, or leave "
                    + "columns out with data.features)");
        }
        float[] out = new float[rows.length * w];
        int unseen = 0;
        for (int i = 0; i < rows.length; i++) {
            int in = rows[i] * f;
            int o = i * w;
            int h = 0;
            boolean rowUnseen = false;
            for (int j = 0; j < f; j++) {
                float v = x[in + j];
                if (h < oneHot.size() && oneHot.get(h).position() == j) {
                    OneHot hot = oneHot.get(h);
                    int code = (int) v;
                    int s = code >= 0 ? slot[h][code]
                            : code == (int) RowParser.MISSING_CODE && hot.missingSlot() ? hot.categories().size() : -1;
                    if (s >= 0) {
                        out[o + s] = 1f;
                    } else {
                        rowUnseen = true;
                    }
                    o += hot.width();
                    h++;
                } else {
                    out[o++] = Float.isNaN(v) ? medians[j] : v;
                }
            }
            unseen += rowUnseen ? 1 : 0;
        }
        return new Encoded(out, unseen);
    }
}
