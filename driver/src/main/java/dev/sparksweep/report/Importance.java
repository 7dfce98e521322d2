package dev.sparksweep.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * Hyperparameter importance by functional ANOVA (Hutter, Hoos and Leyton-Brown, 2014) on a random-forest
 * surrogate, as Optuna's default evaluator computes it: a bagged forest of regression trees (Tribuo's CART) is
 * fitted to the objective of the trials, and for each tree the variance of its prediction over the whole space
 * (each dimension uniform over its domain) is split into the variance of each dimension's marginal. A
 * dimension's importance is that share, averaged over the trees: the fraction of the objective's variation that
 * the dimension explains on its own. What the shares leave of 1 is interactions between dimensions.
 *
 * @param names the dimensions, in input order
 * @param shares the mean first-order share of variance of each, over the trees
 * @param spreads the standard deviation of that share over the trees
 * @param trials how many trials the forest was fitted to
 */
public record Importance(List<String> names, double[] shares, double[] spreads, int trials) {
    static final int TREES = 64;
    // Tribuo logs each tree it builds through java.util.logging; held here so the level sticks
    private static final java.util.logging.Logger TRIBUO = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(java.util.logging.Level.WARNING);
    }

    static final int MAX_DEPTH = 64;

    /**
     * @param x one row per trial, each dimension encoded as a number inside {@code domains}
     * @param domains per dimension {lo, hi}: the range the space samples uniformly (log-scaled dimensions
     *     already as logarithms, choices as their indices with a width of 1 each)
     */
    public static Importance fanova(List<String> names, double[][] x, double[] y, double[][] domains, long seed) {
        int d = names.size();
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("trials", factory),
                factory);
        String[] features = new String[d];
        for (int k = 0; k < d; k++) {
            features[k] = "f" + k;
        }
        for (int i = 0; i < x.length; i++) {
            double[] row = new double[d];
            for (int k = 0; k < d; k++) {
                // shifted to at least 1: a sparse feature of value 0 would read as absent
                row[k] = x[i][k] - domains[k][0] + 1;
            }
            data.add(new ArrayExample<>(new Regressor("objective", y[i]), features, row));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(MAX_DEPTH, 1f, 0f, 1f, false, new MeanSquaredError(), seed);
        EnsembleModel<Regressor> forest = new BaggingTrainer<>(tree, new AveragingCombiner(), TREES, seed).train(data);
        double[][] shifted = new double[d][];
        for (int k = 0; k < d; k++) {
            shifted[k] = new double[] {1, domains[k][1] - domains[k][0] + 1};
        }
        List<double[]> perTree = new ArrayList<>();
        for (Model<Regressor> m : forest.getModels()) {
            TreeModel<Regressor> t = (TreeModel<Regressor>) m;
            Map<Integer, Integer> dimOf = new HashMap<>();
            for (int k = 0; k < d; k++) {
                int id = t.getFeatureIDMap().getID(features[k]);
                if (id >= 0) {
                    dimOf.put(id, k);
                }
            }
            // CART's regression trees keep one root per output dimension; there is one here
            Node<Regressor> root = t instanceof org.tribuo.regression.rtree.IndependentRegressionTreeModel m1
                    ? m1.getRoots().values().iterator().next() : t.getRoot();
            double[] s = shares(root, dimOf, shifted);
            if (s != null) {
                perTree.add(s);
            }
        }
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int k = 0; k < d; k++) {
            final int kk = k;
            mean[k] = perTree.stream().mapToDouble(s -> s[kk]).average().orElse(0);
            sd[k] = Math.sqrt(perTree.stream().mapToDouble(s -> (s[kk] - mean[kk]) * (s[kk] - mean[kk]))
                    .average().orElse(0));
        }
        return new Importance(List.copyOf(names), mean, sd, x.length);
    }

    /** A leaf's box: per dimension {lo, hi}, and its prediction. */
    private record Leaf(double[][] box, double value) {
    }

    /** Each dimension's first-order share of one tree's variance over the space; null for a constant tree. */
    static double[] shares(Node<Regressor> root, Map<Integer, Integer> dimOf, double[][] domains) {
        int d = domains.length;
        List<Leaf> leaves = new ArrayList<>();
        double[][] box = new double[d][];
        for (int k = 0; k < d; k++) {
            box[k] = domains[k].clone();
        }
        collect(root, box, dimOf, leaves);
        double volume = 1;
        for (double[] dom : domains) {
            volume *= dom[1] - dom[0];
        }
        double mean = 0;
        for (Leaf l : leaves) {
            mean += l.value() * volume(l.box()) / volume;
        }
        double variance = 0;
        for (Leaf l : leaves) {
            variance += volume(l.box()) / volume * (l.value() - mean) * (l.value() - mean);
        }
        if (variance <= 1e-300) {
            return null;
        }
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            final int kk = k;
            double[] cuts = leaves.stream().flatMapToDouble(l -> Arrays.stream(l.box()[kk])).distinct().sorted()
                    .toArray();
            double width = domains[k][1] - domains[k][0];
            double marginalVariance = 0;
            for (int j = 0; j + 1 < cuts.length; j++) {
                double lo = cuts[j];
                double hi = cuts[j + 1];
                if (hi <= lo) {
                    continue;
                }
                // the marginal on (lo, hi]: each leaf covering it, weighted by its volume in the other dimensions
                double marginal = 0;
                for (Leaf l : leaves) {
                    if (l.box()[k][0] <= lo && l.box()[k][1] >= hi) {
                        marginal += l.value() * volume(l.box()) / (l.box()[k][1] - l.box()[k][0]) * width / volume;
                    }
                }
                marginalVariance += (hi - lo) / width * (marginal - mean) * (marginal - mean);
            }
            out[k] = marginalVariance / variance;
        }
        return out;
    }

    private static void collect(Node<Regressor> node, double[][] box, Map<Integer, Integer> dimOf, List<Leaf> out) {
        if (node.isLeaf()) {
            double[][] copy = new double[box.length][];
            for (int k = 0; k < box.length; k++) {
                copy[k] = box[k].clone();
            }
            out.add(new Leaf(copy, ((LeafNode<Regressor>) node).getOutput().getValues()[0]));
            return;
        }
        SplitNode<Regressor> split = (SplitNode<Regressor>) node;
        Integer k = dimOf.get(split.getFeatureID());
        if (k == null) {
            collect(split.getLessThanOrEqual(), box, dimOf, out);
            return;
        }
        double t = split.splitValue();
        double[] saved = box[k].clone();
        // a split outside the box's current range leaves one side empty
        if (t > saved[0]) {
            box[k][1] = Math.min(saved[1], t);
            collect(split.getLessThanOrEqual(), box, dimOf, out);
            box[k] = saved.clone();
        }
        if (t < saved[1]) {
            box[k][0] = Math.max(saved[0], t);
            collect(split.getGreaterThan(), box, dimOf, out);
        }
        box[k] = saved;
    }

    private static double volume(double[][] box) {
        double v = 1;
        for (double[] b : box) {
            v *= b[1] - b[0];
        }
        return v;
    }

    /** Dimension indices from the most important down. */
    public List<Integer> ranked() {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> -shares[k]).thenComparing(names::get));
        return order;
    }

    /** The shares' sum: the first-order part of the variance; 1 minus it is interactions. */
    public double firstOrder() {
        return Arrays.stream(shares).sum();
    }
}
