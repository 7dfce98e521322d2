package dev.sparksweep.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every RunStorage must do; each implementation's test runs this suite on a real file system. */
abstract class RunStorageContract {
    @TempDir
    Path tmp;
    RunStorage storage;

    abstract RunStorage create(Path root) throws IOException;

    @BeforeEach
    void open() throws IOException {
        storage = create(tmp.resolve("run"));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenFileReadsBackWholeAndReplacesTheOldOneWithNoTmpLeft() throws IOException {
        assertFalse(storage.isDirectory(""));
        storage.write("best/model.zip", out -> out.write(utf8("one")));
        storage.write("best/model.zip", out -> out.write(utf8("two")));
        assertArrayEquals(utf8("two"), storage.read("best/model.zip"));
        assertTrue(storage.isFile("best/model.zip"));
        assertTrue(storage.isDirectory("best"));
        assertFalse(storage.isFile("best"));
        assertEquals(List.of("model.zip"), storage.list("best"));
        assertEquals(List.of("best"), storage.list(""));
        assertEquals("run", storage.name());
        assertTrue(storage.where("best/model.zip").endsWith("run/best/model.zip"), storage.where("best/model.zip"));
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTmp() throws IOException {
        storage.write("report.html", out -> out.write(utf8("old")));
        assertThrows(IOException.class, () -> storage.write("report.html", out -> {
            out.write(utf8("half"));
            throw new IOException("disk full");
        }));
        assertArrayEquals(utf8("old"), storage.read("report.html"));
        assertEquals(List.of("report.html"), storage.list(""));
    }

    @Test
    void createNewRefusesAFileThatExists() throws IOException {
        storage.mkdirs("");
        assertTrue(storage.createNew(".sparksweep-lock", utf8("me")));
        assertFalse(storage.createNew(".sparksweep-lock", utf8("you")));
        assertArrayEquals(utf8("me"), storage.read(".sparksweep-lock"));
        storage.delete(".sparksweep-lock");
        storage.delete(".sparksweep-lock");
        assertFalse(storage.isFile(".sparksweep-lock"));
    }

    @Test
    void aLogReadsBackEveryLineInOrderAcrossReopeningAndIsDeletedWhole() throws IOException {
        storage.mkdirs("");
        assertFalse(storage.hasLog("trials.jsonl"));
        try (RunStorage.Appender a = storage.appender("trials.jsonl")) {
            a.append(utf8("{\"n\":1}\n"));
            a.append(utf8("{\"n\":2}\n"));
        }
        try (RunStorage.Appender a = storage.appender("trials.jsonl")) {
            a.append(utf8("{\"n\":3}\n"));
        }
        assertTrue(storage.hasLog("trials.jsonl"));
        assertEquals("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", new String(storage.readLog("trials.jsonl"),
                StandardCharsets.UTF_8));
        assertEquals(0, storage.repair("trials.jsonl"));
        storage.deleteLog("trials.jsonl");
        assertFalse(storage.hasLog("trials.jsonl"));
        assertEquals(List.of(), storage.list(""));
    }

    @Test
    void aTornLastLineIsCutOff() throws IOException {
        storage.mkdirs("");
        java.nio.file.Files.writeString(tmp.resolve("run/segments.jsonl"), "{\"seq\":0}\n{\"seq\":1,\"ev");
        assertEquals(12, storage.repair("segments.jsonl"));
        assertEquals("{\"seq\":0}\n", java.nio.file.Files.readString(tmp.resolve("run/segments.jsonl")));
        assertEquals(List.of("segments.jsonl"), storage.list(""));
    }

    @Test
    void aDirectoryWithFilesInItIsNotDeleted() throws IOException {
        storage.write("models/a.zip", out -> out.write(1));
        assertThrows(IOException.class, () -> storage.delete("models"));
        assertTrue(storage.isFile("models/a.zip"));
    }

    @Test
    void aMissingFileIsNotThere() throws IOException {
        assertFalse(storage.isFile("run.json"));
        assertEquals(List.of(), storage.list("checkpoints"));
        assertThrows(IOException.class, () -> storage.read("run.json"));
    }
}
