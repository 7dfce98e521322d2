package dev.sparksweep.results;

import dev.sparksweep.common.RunFault;
import dev.sparksweep.search.CheckpointStore;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.TrialState;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Paused trials' states in the run directory: {@code checkpoints/ID.eEPOCHS.ckpt}, engine-neutral (a
 * {@link TrialState}: DL4J's parameter and updater layouts, the history and the early-stopping state). A file
 * is {@code SSCKPT3\n}, the payload's length (8 bytes), the payload, and its CRC-32 (8 bytes). Numbers are
 * big-endian (Java's DataOutput), except the float arrays, which are little-endian as in {@code ParameterBytes}.
 * A file is written beside its name, forced, renamed into place and its directory forced, so a reader sees all
 * of it or none. A file that is cut short or fails its CRC is reported and passed over.
 */
public final class CheckpointFiles implements CheckpointStore {
    static final String DIR = "checkpoints";
    /**
     * Version 2 adds each epoch's validation macro F1 and AUC, version 3 its RMSE, MAE and R²; older files still
     * read, with what they lack NaN.
     */
    private static final byte[] MAGIC = "SSCKPT3\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V2 = "SSCKPT2\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V1 = "SSCKPT1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("(.+)\\.e(\\d+)\\.ckpt");

    private final RunStorage storage;
    private final String dir;

    CheckpointFiles(RunStorage storage, String dir) {
        this.storage = storage;
        this.dir = dir;
    }

    String file(String id, int epochs) {
        return dir + "/" + id + ".e" + epochs + ".ckpt";
    }

    @Override
    public void save(String id, TrialState state) {
        String target = file(id, state.epochs());
        try {
            byte[] payload = encode(state);
            CRC32 crc = new CRC32();
            crc.update(payload);
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 8).put(MAGIC).putLong(payload.length);
            ByteBuffer tail = ByteBuffer.allocate(8).putLong(crc.getValue());
            storage.write(target, out -> {
                out.write(head.array());
                out.write(payload);
                out.write(tail.array());
            });
        } catch (IOException e) {
            throw RunFault.of(storage.where(target), e);
        }
    }

    @Override
    public Optional<TrialState> load(String id, int maxEpochs, Consumer<String> unreadable) {
        for (int epochs : stored(id)) {
            if (epochs > maxEpochs) {
                continue;
            }
            String f = file(id, epochs);
            try {
                return Optional.of(decode(storage.read(f)));
            } catch (Unreadable e) {
                unreadable.accept(storage.where(f) + ": " + e.getMessage());
            } catch (NoSuchFileException | FileNotFoundException e) {
                // gone since listed
            } catch (IOException e) {
                throw RunFault.of(storage.where(f), e);
            }
        }
        return Optional.empty();
    }

    @Override
    public void dropBefore(String id, int epochs) {
        for (int e : stored(id)) {
            if (e < epochs) {
                remove(file(id, e));
            }
        }
    }

    @Override
    public void delete(String id) {
        for (int e : stored(id)) {
            remove(file(id, e));
        }
    }

    @Override
    public boolean has(String id) {
        return !stored(id).isEmpty();
    }

    /** Deletes every checkpoint file (and half-written one) and the directory when nothing else is in it. */
    void clear() {
        try {
            if (!storage.isDirectory(dir)) {
                return;
            }
            for (String n : storage.list(dir)) {
                if (ours(n)) {
                    remove(dir + "/" + n);
                }
            }
            if (storage.list(dir).isEmpty()) {
                storage.delete(dir);
            }
        } catch (IOException e) {
            throw RunFault.of(storage.where(dir), e);
        }
    }

    static boolean ours(String name) {
        return NAME.matcher(name).matches() || name.startsWith(".") && name.endsWith(".ckpt.tmp");
    }

    /** The epochs at which {@code id} has a file, most first. */
    private List<Integer> stored(String id) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String n : storage.list(dir)) {
                Matcher m = NAME.matcher(n);
                if (m.matches() && m.group(1).equals(id)) {
                    out.add(Integer.parseInt(m.group(2)));
                }
            }
        } catch (IOException e) {
            throw RunFault.of(storage.where(dir), e);
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    private void remove(String name) {
        try {
            storage.delete(name);
        } catch (IOException e) {
            throw RunFault.of(storage.where(name), e);
        }
    }

    private static final class Unreadable extends Exception {
        Unreadable(String why) {
            super(why);
        }
    }

    /** A checkpoint is read whole into one array, so its payload stays below 2 GiB (about 130M Adam parameters). */
    static byte[] encode(TrialState s) throws IOException {
        long floats = (s.checkpoint() == null ? 0 : (long) s.checkpoint().params().length
                + s.checkpoint().updaterState().length) + (s.bestParams() == null ? 0 : s.bestParams().length);
        if (floats * 4 + 64L * s.history().size() + 1024 > Integer.MAX_VALUE - 64) {
            throw new IOException("a checkpoint must stay below 2 GiB, but got " + floats + " floats");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Checkpoint c = s.checkpoint();
        out.writeBoolean(c != null);
        if (c != null) {
            floats(out, c.params());
            floats(out, c.updaterState());
            out.writeInt(c.epochs());
            out.writeLong(c.iterations());
        }
        out.writeInt(s.history().size());
        for (EpochMetrics m : s.history()) {
            out.writeInt(m.epoch());
            out.writeDouble(m.trainLoss());
            out.writeDouble(m.trainAccuracy());
            out.writeDouble(m.valLoss());
            out.writeDouble(m.valAccuracy());
            out.writeDouble(m.valMacroF1());
            out.writeDouble(m.valAuc());
            out.writeDouble(m.valRmse());
            out.writeDouble(m.valMae());
            out.writeDouble(m.valR2());
        }
        out.writeDouble(s.best());
        out.writeInt(s.bestEpoch());
        out.writeBoolean(s.bestParams() != null);
        if (s.bestParams() != null) {
            floats(out, s.bestParams());
        }
        out.writeInt(s.epochsWithoutImprovement());
        out.writeLong(s.steps());
        out.flush();
        return bytes.toByteArray();
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        out.write(b.array());
    }

    static TrialState decode(byte[] file) throws Unreadable {
        int head = MAGIC.length + 8;
        boolean v1 = file.length >= head && java.util.Arrays.equals(file, 0, MAGIC.length, MAGIC_V1, 0, MAGIC.length);
        boolean v2 = file.length >= head && java.util.Arrays.equals(file, 0, MAGIC.length, MAGIC_V2, 0, MAGIC.length);
        if (file.length < head || !v1 && !v2
                && !java.util.Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Unreadable("is not a SparkSweep checkpoint (" + file.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        long length = b.getLong(MAGIC.length);
        if (length < 0 || file.length < head + length + 8) {
            throw new Unreadable("cut short (" + file.length + " of " + (head + length + 8) + " bytes)");
        }
        if (file.length > head + length + 8) {
            throw new Unreadable("must be " + (head + length + 8) + " bytes as its header says, but got "
                    + file.length);
        }
        CRC32 crc = new CRC32();
        crc.update(file, head, (int) length);
        long stored = b.getLong(head + (int) length);
        if (crc.getValue() != stored) {
            throw new Unreadable("fails its CRC-32 check (stored " + Long.toHexString(stored) + ", computed "
                    + Long.toHexString(crc.getValue()) + ")");
        }
        b.position(head);
        try {
            Checkpoint c = null;
            if (b.get() != 0) {
                float[] params = floats(b);
                float[] updater = floats(b);
                c = new Checkpoint(params, updater, b.getInt(), b.getLong());
            }
            int n = b.getInt();
            List<EpochMetrics> history = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                history.add(v1 ? new EpochMetrics(b.getInt(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble())
                        : v2 ? new EpochMetrics(b.getInt(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(),
                        b.getDouble(), b.getDouble())
                        : new EpochMetrics(b.getInt(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(),
                        b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble()));
            }
            double best = b.getDouble();
            int bestEpoch = b.getInt();
            float[] bestParams = b.get() != 0 ? floats(b) : null;
            return new TrialState(c, history, best, bestEpoch, bestParams, b.getInt(), b.getLong());
        } catch (RuntimeException e) {
            throw new Unreadable("is damaged (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static float[] floats(ByteBuffer b) {
        float[] a = new float[b.getInt()];
        ByteBuffer le = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        le.asFloatBuffer().get(a);
        b.position(b.position() + a.length * 4);
        return a;
    }
}
