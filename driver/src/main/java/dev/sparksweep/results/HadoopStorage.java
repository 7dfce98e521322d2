package dev.sparksweep.results;

import dev.sparksweep.common.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * A run directory on a Hadoop file system, through its {@link FileSystem} API.
 * <ul>
 * <li>One that appends (HDFS): a log is one file, each line written and {@code hsync}ed before append returns; a
 * whole file is written beside its name, {@code hsync}ed and renamed over it (atomic on HDFS).</li>
 * <li>One that cannot append (an object store such as {@code s3a://}): a log is a folder {@code NAME.d/} of one
 * small object per line, read in the order of their numbers; a whole file is one object, which appears whole
 * when it is closed. Renames are never used there, since an object store copies for them.</li>
 * </ul>
 * A driver that died leaves its log files open on HDFS; their leases are recovered before they are read for
 * --resume.
 */
public final class HadoopStorage implements RunStorage {
    /** Hadoop setting that overrides whether logs are appended to (default: the file system says). */
    public static final String APPEND_KEY = "sparksweep.fs.append";
    private static final int LEASE_WAIT_SECONDS = 120;

    private final FileSystem fs;
    private final Path root;
    private final boolean appends;

    HadoopStorage(FileSystem fs, Path root, boolean appends) {
        this.fs = fs;
        this.root = root;
        this.appends = appends;
    }

    static HadoopStorage open(String location) {
        Configuration conf = configuration();
        try {
            Path root = new Path(URI.create(location.endsWith("/") && location.length() > 1
                    ? location.substring(0, location.length() - 1) : location));
            FileSystem fs = root.getFileSystem(conf);
            Path qualified = fs.makeQualified(root);
            String forced = conf.get(APPEND_KEY);
            boolean appends = forced != null ? Boolean.parseBoolean(forced)
                    : fs.hasPathCapability(qualified, CommonPathCapabilities.FS_APPEND);
            return new HadoopStorage(fs, qualified, appends);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(location + ": the run directory must be a path or a URI, but it is not one ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(location + ": the run directory's file system cannot be reached: "
                    + firstLine(e));
        }
    }

    /** Hadoop's defaults and *-site.xml files, with the spark.hadoop.* settings of this driver on top. */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String k = String.valueOf(e.getKey());
            if (k.startsWith("spark.hadoop.")) {
                conf.set(k.substring("spark.hadoop.".length()), String.valueOf(e.getValue()));
            }
        }
        return conf;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().lines().findFirst().orElse(m);
    }

    public boolean appends() {
        return appends;
    }

    private Path path(String name) {
        return name.isEmpty() ? root : new Path(root, name);
    }

    private Path events(String name) {
        return path(name + ".d");
    }

    @Override
    public String where(String name) {
        return path(name).toString();
    }

    @Override
    public String name() {
        return root.getName().isEmpty() ? root.toString() : root.getName();
    }

    private FileStatus status(Path p) throws IOException {
        try {
            return fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    private FileStatus statusOf(String name) {
        try {
            return status(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isFile(String name) {
        FileStatus s = statusOf(name);
        return s != null && s.isFile();
    }

    @Override
    public boolean isDirectory(String name) {
        FileStatus s = statusOf(name);
        return s != null && s.isDirectory();
    }

    @Override
    public boolean hasLog(String name) {
        return isFile(name) || !appends && isDirectory(name + ".d");
    }

    @Override
    public List<String> list(String name) throws IOException {
        try {
            return Arrays.stream(fs.listStatus(path(name))).map(s -> s.getPath().getName()).sorted().toList();
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    @Override
    public byte[] read(String name) throws IOException {
        try (FSDataInputStream in = fs.open(path(name))) {
            return in.readAllBytes();
        }
    }

    @Override
    public byte[] readLog(String name) throws IOException {
        if (appends || isFile(name)) {
            return read(name);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String event : list(name + ".d")) {
            if (event.matches("\\d+\\.json")) {
                all.write(read(name + ".d/" + event));
            }
        }
        return all.toByteArray();
    }

    @Override
    public void write(String name, Body body) throws IOException {
        Path target = path(name);
        if (!appends) {
            // the object appears when its stream closes, so a body that fails must not reach it
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            body.writeTo(whole);
            try (FSDataOutputStream out = fs.create(target, true)) {
                whole.writeTo(out);
            }
            return;
        }
        // a name of its own: a tmp file a killed driver left open is under its lease for a while
        Path tmp = new Path(target.getParent(), "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "." + target.getName() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                body.writeTo(out);
                out.hsync();
            }
            FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
    }

    @Override
    public boolean createNew(String name, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(path(name), false)) {
            out.write(bytes);
            out.hsync();
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (isFile(name)) {
                return false; // some file systems say so in an IOException of another class
            }
            throw e;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        FileStatus s = status(path(name));
        if (s == null) {
            return;
        }
        if (s.isDirectory() && fs.listStatus(s.getPath()).length > 0) {
            throw new IOException(where(name) + ": Directory not empty");
        }
        fs.delete(s.getPath(), false);
    }

    @Override
    public void deleteLog(String name) throws IOException {
        delete(name);
        if (isDirectory(name + ".d")) {
            for (String event : list(name + ".d")) {
                if (event.matches("\\d+\\.json")) {
                    delete(name + ".d/" + event);
                }
            }
            delete(name + ".d");
        }
    }

    @Override
    public void mkdirs(String name) throws IOException {
        fs.mkdirs(path(name));
    }

    @Override
    public Appender appender(String name) throws IOException {
        if (!appends) {
            return objectAppender(name);
        }
        Path p = path(name);
        FSDataOutputStream out = status(p) != null ? fs.append(p) : fs.create(p, false);
        return new Appender() {
            @Override
            public void append(byte[] line) throws IOException {
                out.write(line);
                out.hsync();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private Appender objectAppender(String name) throws IOException {
        fs.mkdirs(events(name));
        long last = -1;
        for (String event : list(name + ".d")) {
            if (event.matches("\\d+\\.json")) {
                last = Math.max(last, Long.parseLong(event.substring(0, event.length() - 5)));
            }
        }
        long first = last + 1;
        return new Appender() {
            long next = first;

            @Override
            public void append(byte[] line) throws IOException {
                try (FSDataOutputStream out = fs.create(new Path(events(name), String.format("%012d.json", next)),
                        false)) {
                    out.write(line);
                }
                next++;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long repair(String name) throws IOException {
        if (!appends && !isFile(name)) {
            return 0; // an object is whole or absent
        }
        recoverLease(path(name));
        byte[] all = read(name);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end == all.length) {
            return 0;
        }
        int keep = end;
        write(name, out -> out.write(all, 0, keep));
        return all.length - keep;
    }

    /** Waits until HDFS has closed a file that a driver which died left open, so it can be read and appended. */
    private void recoverLease(Path p) throws IOException {
        if (!(fs instanceof DistributedFileSystem dfs) || dfs.isFileClosed(p)) {
            return;
        }
        long deadline = System.nanoTime() + LEASE_WAIT_SECONDS * 1_000_000_000L;
        while (!dfs.recoverLease(p)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(p + ": HDFS has not recovered the lease of the driver that died within "
                        + LEASE_WAIT_SECONDS + " s; try --resume again later");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + p + "'s lease");
            }
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
