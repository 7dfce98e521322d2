package dev.sparksweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStorageTest extends RunStorageContract {
    @Override
    RunStorage create(Path root) {
        return new LocalStorage(root);
    }

    @Test
    void aFileUriIsLocal() {
        assertEquals(new LocalStorage(Path.of("/tmp/x")), RunStorage.at("file:///tmp/x"));
        assertEquals(new LocalStorage(Path.of("runs/x")), RunStorage.at("runs/x"));
    }
}
