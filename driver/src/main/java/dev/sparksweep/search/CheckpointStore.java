package dev.sparksweep.search;

import dev.sparksweep.worker.TrialState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where a paused trial's state waits between its segments, so that the driver holds only its parked form: in
 * memory, or in the run directory's {@code checkpoints/} (which a resumed run reads back). A trial may have
 * states at several epochs for a while; the runner lets the older ones go once a newer one is decided on.
 */
public interface CheckpointStore {

    /** Stores the state a segment of trial {@code id} ended with; durable on return. */
    void save(String id, TrialState state);

    /**
     * The readable state of {@code id} with the most epochs, at most {@code maxEpochs}; empty when there is none.
     * A stored state that cannot be read (a file cut short) is skipped, and {@code unreadable} told why.
     */
    Optional<TrialState> load(String id, int maxEpochs, Consumer<String> unreadable);

    /** Forgets {@code id}'s states of fewer than {@code epochs} epochs. */
    void dropBefore(String id, int epochs);

    /** Forgets {@code id}'s states; the trial has ended. */
    void delete(String id);

    /** Whether some state of {@code id} is stored. */
    boolean has(String id);

    /** A store in the driver's memory. */
    static CheckpointStore inMemory() {
        Map<String, TreeMap<Integer, TrialState>> held = new HashMap<>();
        return new CheckpointStore() {
            @Override
            public void save(String id, TrialState state) {
                held.computeIfAbsent(id, k -> new TreeMap<>()).put(state.epochs(), state);
            }

            @Override
            public Optional<TrialState> load(String id, int maxEpochs, Consumer<String> unreadable) {
                TreeMap<Integer, TrialState> at = held.get(id);
                return at == null ? Optional.empty()
                        : Optional.ofNullable(at.floorEntry(maxEpochs)).map(Map.Entry::getValue);
            }

            @Override
            public void dropBefore(String id, int epochs) {
                TreeMap<Integer, TrialState> at = held.get(id);
                if (at != null) {
                    at.headMap(epochs).clear();
                }
            }

            @Override
            public void delete(String id) {
                held.remove(id);
            }

            @Override
            public boolean has(String id) {
                return held.containsKey(id) && !held.get(id).isEmpty();
            }
        };
    }
}
