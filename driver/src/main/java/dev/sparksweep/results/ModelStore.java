package dev.sparksweep.results;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.NetworkFactory;
import dev.sparksweep.worker.ParameterBytes;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.common.RunFault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps {@code models/<id>.zip} (a DL4J ModelSerializer file) for the best {@code keep} trials so far, written
 * as each enters the top and deleted as it drops out. Files are written whole, then moved into place.
 */
public final class ModelStore {
    private final RunDirectory run;
    private final int keep;
    private final int numFeatures;
    private final int numClasses;
    private final boolean regression;
    private final Comparator<TrialRecord> order;
    private final List<TrialRecord> kept = new ArrayList<>();

    public ModelStore(RunDirectory run, int keep, int numFeatures, int numClasses, Comparator<TrialRecord> order) {
        this(run, keep, numFeatures, numClasses, false, order);
    }

    /** @param regression whether the nets have one linear output with mean squared error */
    public ModelStore(RunDirectory run, int keep, int numFeatures, int numClasses, boolean regression,
                      Comparator<TrialRecord> order) {
        this.run = run;
        this.keep = keep;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.regression = regression;
        this.order = order;
    }

    public void offer(TrialResult result, TrialRecord record) {
        if (result.bestParams().length == 0) {
            return;
        }
        kept.add(record);
        kept.sort(order);
        TrialRecord dropped = kept.size() > keep ? kept.remove(kept.size() - 1) : null;
        if (dropped == record) {
            return;
        }
        write(result, file(record.id()));
        if (dropped != null) {
            delete(file(dropped.id()));
        }
    }

    /** Takes over a journalled trial whose model file a previous driver wrote (on resume). */
    public void adopt(TrialRecord record) {
        if (!run.has(file(record.id()))) {
            return;
        }
        kept.add(record);
        kept.sort(order);
        while (kept.size() > keep) {
            delete(file(kept.remove(kept.size() - 1).id()));
        }
    }

    private String file(String id) {
        return run.model(id);
    }

    public MultiLayerNetwork load(String id) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(run.read(file(id))), false);
        } catch (IOException e) {
            throw RunFault.of(run.where(file(id)), e);
        }
    }

    private void write(TrialResult r, String target) {
        Candidate c = r.candidate();
        MultiLayerNetwork net = NetworkFactory.build(c, numFeatures, numClasses, regression);
        net.setParams(Nd4j.create(ParameterBytes.toFloats(r.bestParams())).reshape(1, net.numParams()));
        run.write(target, out -> ModelSerializer.writeModel(net, new NonClosingStream(out), false));
    }

    private void delete(String name) {
        run.delete(name);
    }
}
