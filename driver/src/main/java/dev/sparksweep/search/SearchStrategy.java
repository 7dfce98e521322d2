package dev.sparksweep.search;

import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses what to train next. The driver asks for at most as many segments of training as it has free slots
 * and tells the strategy every result, in the order results arrive. Implementations need neither Spark nor
 * DL4J.
 */
public interface SearchStrategy {

    /** Up to {@code n} segments to start now; fewer, or none, when the strategy has no more right now. */
    List<TrialRequest> ask(int n);

    /**
     * Takes a segment's result; returns the trial's final result when the trial is over (with its status and
     * rung history set by the strategy), or empty when the strategy may continue it.
     */
    Optional<TrialResult> tell(TrialResult result);

    /**
     * True when what {@link #ask} hands out does not depend on what {@link #tell} was told (a plan decided up
     * front): the driver may then ask ahead of its free slots and queue short segments together.
     */
    default boolean plannedAhead() {
        return false;
    }

    /** True once the strategy will never hand out another new candidate. */
    boolean isExhausted();

    /** How many candidates the strategy plans to try in all, for progress; -1 when it cannot say. */
    int plannedTrials();

    /** Something the user should know about the plan (for instance a budget larger than the space), or "". */
    default String note() {
        return "";
    }

    /** Lines that say how the strategy decides, for {@code sweep validate} (halving: its rungs); none by default. */
    default List<String> describe() {
        return List.of();
    }

    /**
     * Whether --resume rebuilds this search by replaying its segment log into a new instance ({@link Replay}):
     * true for a strategy that decides only from what it is asked and told, and holds trials between segments.
     */
    default boolean replayable() {
        return false;
    }

    /** Whether --resume can continue this search from its journal alone. */
    default boolean resumable() {
        return false;
    }

    /** Leaves out candidates that already ran (a resumed search); call before the first ask. */
    default void skip(Set<String> done) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume");
    }

    /**
     * Takes the trials a resumed run's journal holds, before the first ask: by default they are skipped; a
     * model-based strategy also learns from their results.
     */
    default void resume(List<Journaled> done) {
        skip(done.stream().map(Journaled::id).collect(java.util.stream.Collectors.toSet()));
    }

    /** How the strategy came to trial {@code id}, for the journal; null when it has nothing to say. */
    default Proposal proposal(String id) {
        return null;
    }

    /**
     * Ends the search: the final results of trials the strategy still holds (paused, never continued).
     *
     * @param outOfTime true when the search ends because max_time ran out
     */
    default List<TrialResult> close(boolean outOfTime) {
        return List.of();
    }
}
