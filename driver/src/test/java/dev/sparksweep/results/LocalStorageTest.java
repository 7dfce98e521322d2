package dev.sparksweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

class LocalStorageTest extends RunStorageContract {
    @Override
    RunStorage create(Path root) {
        return new LocalStorage(root);
    }

    @Test
    void aTornLastLineIsCutOff() throws Exception {
        storage.mkdirs("");
        Files.writeString(tmp.resolve("run/segments.jsonl"), "{\"seq\":0}\n{\"seq\":1,\"ev", StandardOpenOption.CREATE);
        assertEquals(12, storage.repair("segments.jsonl"));
        assertEquals("{\"seq\":0}\n", Files.readString(tmp.resolve("run/segments.jsonl")));
    }

    @Test
    void aFileUriIsLocal() {
        assertEquals(new LocalStorage(Path.of("/tmp/x")), RunStorage.at("file:///tmp/x"));
        assertEquals(new LocalStorage(Path.of("runs/x")), RunStorage.at("runs/x"));
    }
}
