package dev.sparksweep.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.search.Replay;
import dev.sparksweep.worker.Candidate;
import dev.sparksweep.worker.Checkpoint;
import dev.sparksweep.worker.EpochMetrics;
import dev.sparksweep.worker.TrialRequest;
import dev.sparksweep.worker.TrialResult;
import dev.sparksweep.worker.TrialState;
import dev.sparksweep.worker.TrialTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** checkpoints/ on a real disk: what is written is read back whole, and a damaged file is told apart. */
class CheckpointFilesTest {
    @TempDir
    Path dir;

    static TrialState state(int epochs, int n) {
        float[] params = new float[n];
        float[] updater = new float[2 * n];
        for (int i = 0; i < n; i++) {
            params[i] = i * 0.5f - epochs;
            updater[i] = 1f / (i + 1);
            updater[n + i] = -i;
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(new EpochMetrics(e, 1.0 / e, 0.5, 1.5 / e, e == 2 ? Double.NaN : 0.4, 0.3 + e / 100.0,
                    e == 1 ? Double.NaN : 0.7));
        }
        return new TrialState(new Checkpoint(params, updater, epochs, 17L * epochs), history, 0.25, epochs - 1,
                params.clone(), 1, 17L * epochs);
    }

    static void assertSame(TrialState a, TrialState b) {
        assertArrayEquals(a.checkpoint().params(), b.checkpoint().params());
        assertArrayEquals(a.checkpoint().updaterState(), b.checkpoint().updaterState());
        assertEquals(a.checkpoint().epochs(), b.checkpoint().epochs());
        assertEquals(a.checkpoint().iterations(), b.checkpoint().iterations());
        assertEquals(a.history(), b.history());
        assertEquals(a.best(), b.best());
        assertEquals(a.bestEpoch(), b.bestEpoch());
        assertArrayEquals(a.bestParams(), b.bestParams());
        assertEquals(a.epochsWithoutImprovement(), b.epochsWithoutImprovement());
        assertEquals(a.steps(), b.steps());
    }

    @Test
    void aVersion1FileReadsWithoutMacroF1AndAuc() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeBoolean(false);
        out.writeInt(1);
        out.writeInt(1);
        for (double d : new double[] {2.0, 0.25, 1.9, 0.3}) {
            out.writeDouble(d);
        }
        out.writeDouble(0.3);
        out.writeInt(1);
        out.writeBoolean(false);
        out.writeInt(0);
        out.writeLong(12);
        byte[] payload = bytes.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(payload);
        byte[] file = java.nio.ByteBuffer.allocate(8 + 8 + payload.length + 8)
                .put("SSCKPT1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(payload.length)
                .put(payload).putLong(crc.getValue()).array();
        TrialState s = CheckpointFiles.decode(file);
        assertEquals(List.of(new EpochMetrics(1, 2.0, 0.25, 1.9, 0.3)), s.history());
        assertTrue(Double.isNaN(s.history().get(0).valMacroF1()) && Double.isNaN(s.history().get(0).valAuc()));
        assertEquals(12, s.steps());
    }

    @Test
    void aStateIsReadBackBitForBitAndTheNewestWithinReachIsTaken() {
        CheckpointFiles store = new RunDirectory(dir).checkpoints();
        TrialState one = state(1, 203_530);
        TrialState three = state(3, 203_530);
        store.save("c0123456789", one);
        store.save("c0123456789", three);
        List<String> problems = new ArrayList<>();
        assertSame(three, store.load("c0123456789", 9, problems::add).orElseThrow());
        assertSame(one, store.load("c0123456789", 2, problems::add).orElseThrow());
        assertTrue(problems.isEmpty());
        store.dropBefore("c0123456789", 3);
        assertEquals(Optional.empty(), store.load("c0123456789", 2, problems::add));
        assertTrue(Files.isRegularFile(dir.resolve("checkpoints/c0123456789.e3.ckpt")));
        store.delete("c0123456789");
        assertFalse(store.has("c0123456789"));
    }

    @Test
    void aFileCutShortOrDamagedIsPassedOverSayingWhyAndTheOlderStateTaken() throws Exception {
        CheckpointFiles store = new RunDirectory(dir).checkpoints();
        TrialState one = state(1, 100);
        store.save("c1", one);
        store.save("c1", state(3, 100));
        Path three = dir.resolve("checkpoints/c1.e3.ckpt");
        byte[] whole = Files.readAllBytes(three);
        Files.write(three, java.util.Arrays.copyOf(whole, 1000));
        List<String> problems = new ArrayList<>();
        assertSame(one, store.load("c1", 3, problems::add).orElseThrow());
        assertEquals(List.of(dir.resolve("checkpoints/c1.e3.ckpt") + ": cut short (1000 of " + whole.length + " bytes)"), problems);

        whole[whole.length / 2] ^= 1;
        Files.write(three, whole);
        problems.clear();
        assertSame(one, store.load("c1", 3, problems::add).orElseThrow());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).matches(java.util.regex.Pattern.quote(dir.resolve("checkpoints/c1.e3.ckpt")
                + ": fails its CRC-32 check (stored ") + "[0-9a-f]+, computed [0-9a-f]+\\)"), problems.get(0));

        Files.write(dir.resolve("checkpoints/c1.e1.ckpt"), new byte[3]);
        problems.clear();
        assertEquals(Optional.empty(), store.load("c1", 3, problems::add));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith(dir.resolve("checkpoints/c1.e3.ckpt") + ": fails its CRC-32 check"));
        assertEquals(dir.resolve("checkpoints/c1.e1.ckpt") + ": is not a SparkSweep checkpoint (3 bytes)",
                problems.get(1));

        store.save("c1", state(2, 10));
        Path two = dir.resolve("checkpoints/c1.e2.ckpt");
        byte[] good = Files.readAllBytes(two);
        Files.write(two, java.util.Arrays.copyOf(good, good.length + 5));
        problems.clear();
        assertEquals(Optional.empty(), store.load("c1", 2, problems::add));
        assertEquals(List.of(two + ": must be " + good.length + " bytes as its header says, but got "
                + (good.length + 5), dir.resolve("checkpoints/c1.e1.ckpt") + ": is not a SparkSweep checkpoint (3 "
                + "bytes)"), problems);
    }

    @Test
    void clearingDeletesOnlyCheckpointFiles() throws Exception {
        RunDirectory run = new RunDirectory(dir);
        run.checkpoints().save("c2", state(1, 4));
        Path mine = dir.resolve("checkpoints/notes.txt");
        Files.writeString(mine, "the user's");
        Files.writeString(dir.resolve("checkpoints/.c3.e1.ckpt.tmp"), "half");
        run.clearCheckpoints();
        assertEquals(List.of(mine), Files.list(dir.resolve("checkpoints")).toList());
        Files.delete(mine);
        run.checkpoints().save("c2", state(1, 4));
        run.clearCheckpoints();
        assertFalse(Files.exists(dir.resolve("checkpoints")));
    }

    @Test
    void aSegmentLogLineReadsBackAsTheStepItRecords() {
        RunDirectory run = new RunDirectory(dir);
        TrialState s = state(3, 2);
        Candidate c = Candidate.builder("c9").build();
        TrialResult r = new TrialResult(c, TrialResult.Verdict.complete(),
                new TrialResult.Training("jvm", s.history(), 2, 51, new byte[0]),
                new TrialResult.Placement("h", "3", 1), TrialTimings.worker(1, 2, 3, 6), s.parked());
        try (SegmentLog log = run.openSegments()) {
            log.append(SegmentLine.start(4, new TrialRequest(c, state(1, 2).parked(), 3)));
            log.append(SegmentLine.end(4, r));
            log.append(SegmentLine.told(4, r, Optional.empty()));
        }
        List<SegmentLine> lines = run.segments();
        assertEquals(List.of("start", "end", "told"), lines.stream().map(SegmentLine::event).toList());
        assertEquals(new Replay.Start(4, "c9", 3, true), lines.get(0).step().orElseThrow());
        assertEquals(1, lines.get(0).from());
        Replay.End e = (Replay.End) lines.get(1).step().orElseThrow();
        assertEquals(r.verdict(), e.verdict());
        assertEquals(s.history(), e.training().history());
        assertEquals(51, e.training().steps());
        assertEquals(r.placement(), e.placement());
        assertEquals(r.timings(), e.timings());
        assertEquals(s.parked().history(), e.parked().history());
        assertEquals(List.of(s.best(), (double) s.bestEpoch(), (double) s.epochsWithoutImprovement(),
                (double) s.steps()), List.of(e.parked().best(), (double) e.parked().bestEpoch(),
                (double) e.parked().epochsWithoutImprovement(), (double) e.parked().steps()));
        assertTrue(e.parked().isParked());
        assertEquals("paused", lines.get(2).decision());
    }
}
