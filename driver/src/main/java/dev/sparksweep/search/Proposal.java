package dev.sparksweep.search;

/**
 * How a model-based strategy came to a trial, for the journal.
 *
 * @param order the trial's place in the strategy's proposals, from 0
 * @param by what proposed it, e.g. "startup" (random, before the model) or "model"
 */
public record Proposal(int order, String by) {
}
