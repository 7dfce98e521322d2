package dev.sparksweep.results;

import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.NetworkFactory;
import dev.sparksweep.worker.ParameterBytes;
import dev.sparksweep.worker.TrialResult;
import java.io.IOException;
import dev.sparksweep.common.RunFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private final Comparator<TrialRecord> order;
    private final List<TrialRecord> kept = new ArrayList<>();

    public ModelStore(RunDirectory run, int keep, int numFeatures, int numClasses, Comparator<TrialRecord> order) {
        this.run = run;
        this.keep = keep;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.order = order;
    }

    public void offer(TrialResult result, TrialRecord record) {
        if (result.bestParams().length == 0) {
            return;
        }
        kept.add(record);
        kept.sort(order);
        if (kept.size() > keep) {
            TrialRecord dropped = kept.remove(kept.size() - 1);
            if (dropped == record) {
                return;
            }
            delete(file(dropped.id()));
        }
        write(result, file(record.id()));
    }

    /** Takes over a journalled trial whose model file a previous driver wrote (on resume). */
    public void adopt(TrialRecord record) {
        if (!Files.exists(file(record.id()))) {
            return;
        }
        kept.add(record);
        kept.sort(order);
        while (kept.size() > keep) {
            delete(file(kept.remove(kept.size() - 1).id()));
        }
    }

    private Path file(String id) {
        return run.model(id);
    }

    public MultiLayerNetwork load(String id) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file(id).toFile(), false);
        } catch (IOException e) {
            throw RunFault.of(file(id), e);
        }
    }

    private void write(TrialResult r, Path target) {
        Candidate c = r.candidate();
        MultiLayerNetwork net = NetworkFactory.build(c, numFeatures, numClasses);
        net.setParams(Nd4j.create(ParameterBytes.toFloats(r.bestParams())).reshape(1, net.numParams()));
        Path tmp = target.resolveSibling(r.id() + ".zip.tmp");
        try {
            Files.createDirectories(target.getParent());
            ModelSerializer.writeModel(net, tmp.toFile(), false);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first error is the one reported
            }
            throw RunFault.of(target, e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw RunFault.of(p, e);
        }
    }
}
