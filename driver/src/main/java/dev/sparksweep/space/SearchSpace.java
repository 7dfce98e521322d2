package dev.sparksweep.space;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The dimensions of a search, in config order, with every hyperparameter present (missing keys are Fixed at
 * their defaults, after the configured ones).
 */
public record SearchSpace(List<Dimension> dimensions) {

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
    }

    /** Completes the configured dimensions with Fixed defaults for every key left out. */
    public static SearchSpace withDefaults(List<Dimension> configured) {
        List<Dimension> all = new ArrayList<>(configured);
        boolean perLayer = configured.stream().anyMatch(d -> d.name().equals(CandidateFactory.layerWidthKey(0)));
        for (Hyperparameter h : Hyperparameter.values()) {
            if (h == Hyperparameter.WIDTH && perLayer) {
                continue;
            }
            if (configured.stream().noneMatch(d -> d.name().equals(h.key()))) {
                all.add(new Dimension.Fixed(h.key(), h.defaultValue()));
            }
        }
        return new SearchSpace(all);
    }

    /** This space with {@code d} in place of the dimension of the same name. */
    public SearchSpace with(Dimension d) {
        return new SearchSpace(dimensions.stream().map(x -> x.name().equals(d.name()) ? d : x).toList());
    }

    public boolean isDiscrete() {
        return dimensions.stream().allMatch(Dimension::isDiscrete);
    }

    /** The number of grid points; only for discrete spaces. Saturates at Long.MAX_VALUE. */
    public long gridSize() {
        long n = 1;
        for (Dimension d : dimensions) {
            n = Math.multiplyExact(n, d.values().size());
        }
        return n;
    }

    /** Dimensions that take more than one value, the ones a leaderboard reader cares about. */
    public List<Dimension> varying() {
        return dimensions.stream().filter(d -> !(d instanceof Dimension.Fixed)).toList();
    }

    /**
     * One point drawn at random: a choice uniformly among its options, {@code uniform}/{@code int} uniformly in
     * [low, high], {@code log_uniform}/{@code int_log} uniformly in log space (integers: every value in
     * [low, high] reachable, larger ones rarer).
     */
    public Map<String, Object> sample(Random rng) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            point.put(d.name(), draw(d, rng));
        }
        return point;
    }

    private static Object draw(Dimension d, Random rng) {
        if (d instanceof Dimension.DoubleRange r) {
            double u = rng.nextDouble();
            return r.log() ? Math.exp(Math.log(r.low()) + u * (Math.log(r.high()) - Math.log(r.low())))
                    : r.low() + u * (r.high() - r.low());
        }
        if (d instanceof Dimension.IntRange r) {
            if (!r.log()) {
                return r.low() + rng.nextInt(r.high() - r.low() + 1);
            }
            double lo = Math.log(r.low());
            double hi = Math.log(r.high() + 1.0);
            int v = (int) Math.floor(Math.exp(lo + rng.nextDouble() * (hi - lo)));
            return Math.max(r.low(), Math.min(r.high(), v));
        }
        List<Object> values = d.values();
        return values.get(rng.nextInt(values.size()));
    }

    /**
     * Every point of a discrete space, the first dimension outermost and the last varying fastest (as
     * itertools.product and sklearn's ParameterGrid do).
     */
    public List<Map<String, Object>> grid() {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<Map<String, Object>> next = new ArrayList<>(points.size() * d.values().size());
            for (Map<String, Object> p : points) {
                for (Object v : d.values()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(d.name(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }
}
