package dev.sparksweep.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** A run directory on the local disk: files forced to disk, renamed into place, the directory forced after. */
public record LocalStorage(Path root) implements RunStorage {

    public Path path(String name) {
        return name.isEmpty() ? root : root.resolve(name);
    }

    @Override
    public String where(String name) {
        return path(name).toString();
    }

    @Override
    public String name() {
        Path n = root.toAbsolutePath().normalize().getFileName();
        return n == null ? root.toString() : n.toString();
    }

    @Override
    public boolean isFile(String name) {
        return Files.isRegularFile(path(name));
    }

    @Override
    public boolean isDirectory(String name) {
        return Files.isDirectory(path(name));
    }

    @Override
    public boolean hasLog(String name) {
        return isFile(name);
    }

    @Override
    public List<String> list(String name) throws IOException {
        if (!isDirectory(name)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(path(name))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public byte[] read(String name) throws IOException {
        return Files.readAllBytes(path(name));
    }

    @Override
    public byte[] readLog(String name) throws IOException {
        return read(name);
    }

    @Override
    public void write(String name, Body body) throws IOException {
        Path target = path(name);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.createDirectories(dir);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself survives a power cut
        }
    }

    @Override
    public boolean createNew(String name, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(path(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    @Override
    public void deleteLog(String name) throws IOException {
        delete(name);
    }

    @Override
    public void mkdirs(String name) throws IOException {
        Files.createDirectories(path(name));
    }

    @Override
    public Appender appender(String name) throws IOException {
        FileChannel ch = FileChannel.open(path(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new Appender() {
            @Override
            public void append(byte[] line) throws IOException {
                long before = ch.size();
                try {
                    ByteBuffer b = ByteBuffer.wrap(line);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(false);
                } catch (IOException e) {
                    try {
                        ch.truncate(before); // a failed write (disk full) leaves whole lines only
                    } catch (IOException ignored) {
                        // a torn last line is cut by the next reader
                    }
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public long repair(String name) throws IOException {
        try (FileChannel ch = FileChannel.open(path(name), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            ch.truncate(end);
            ch.force(true);
            return size - end;
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
