package dev.sparksweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparksweep.common.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/** HadoopStorage on Hadoop's own local file system (no checksum files), with logs appended to. */
class HadoopStorageTest extends RunStorageContract {
    static HadoopStorage on(Path root, boolean appends) throws IOException {
        FileSystem raw = FileSystem.getLocal(new Configuration()).getRaw();
        return new HadoopStorage(raw, raw.makeQualified(new org.apache.hadoop.fs.Path(root.toUri())), appends);
    }

    @Override
    RunStorage create(Path root) throws IOException {
        return on(root, true);
    }

    @Test
    void aSchemeWithoutAFileSystemIsRefusedNamingIt() {
        BadInputException e = assertThrows(BadInputException.class, () -> RunStorage.at("nofs://host/runs/x"));
        assertEquals("nofs://host/runs/x: the run directory's file system cannot be reached: No FileSystem for "
                + "scheme \"nofs\"", e.getMessage());
    }

    @Test
    void aRunDirectoryOnAFileSystemThatCannotBeReachedIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunDirectory.at("hdfs://localhost:1/runs/x").reachable());
        assertTrue(e.getMessage().startsWith("hdfs://localhost:1/runs/x: the run directory's file system cannot be "
                + "reached: Call From "), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }

    /** Where appending is off (an object store), each line is an object of its own under NAME.d/. */
    static class Objects extends RunStorageContract {
        @Override
        RunStorage create(Path root) throws IOException {
            return on(root, false);
        }

        @Test
        void theLogIsAFolderOfNumberedObjects() throws IOException {
            storage.mkdirs("");
            try (RunStorage.Appender a = storage.appender("trials.jsonl")) {
                a.append(utf8("{}\n"));
                a.append(utf8("{}\n"));
            }
            assertFalse(storage.isFile("trials.jsonl"));
            assertEquals(List.of("000000000000.json", "000000000001.json"), storage.list("trials.jsonl.d"));
            assertTrue(storage.hasLog("trials.jsonl"));
        }
    }
}
