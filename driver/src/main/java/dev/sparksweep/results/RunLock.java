package dev.sparksweep.results;

import dev.sparksweep.common.BadInputException;
import dev.sparksweep.common.Json;
import dev.sparksweep.common.RunFault;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per run directory: an exclusive {@link FileChannel#tryLock()} on {@code .sparksweep-lock}, held
 * for the whole run. The file names its holder (pid, host, application id, start) and is emptied, never
 * deleted, on release, so a holder that died is told apart from one that finished: a file that still names a
 * holder on this host whose process is gone is a stale lock, reclaimed and reported. One naming another host is
 * kept, since that host's processes cannot be seen from here.
 * <p>On a Hadoop file system, which has no file locks, the lock is the file itself: created only if absent
 * (atomic on HDFS; check-then-write on an object store) and deleted on release.
 */
public final class RunLock implements AutoCloseable {
    /** What the lock file says about its holder. */
    public record Holder(long pid, String host, String appId, String startedAt) {
        @Override
        public String toString() {
            return "pid " + pid + " on " + host + (appId == null || appId.isEmpty() ? "" : ", application " + appId)
                    + ", since " + startedAt;
        }
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final Holder stale;
    private final RunDirectory remote;

    private RunLock(FileChannel channel, FileLock lock, Holder stale, RunDirectory remote) {
        this.channel = channel;
        this.lock = lock;
        this.stale = stale;
        this.remote = remote;
    }

    /** Takes the run directory's lock, or refuses with one line naming the holder. */
    public static RunLock acquire(RunDirectory dir, String appId) {
        if (dir.local().isEmpty()) {
            return acquireRemote(dir, appId);
        }
        Path file = dir.local().get().resolve(RunDirectory.LOCK);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir.local().get());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM
            }
            Holder before = read(ch);
            // a holder on another host cannot be asked whether it still runs: its lock is kept
            if (lock == null || before != null && (isAliveHere(before) || !before.host().equals(host()))) {
                if (lock != null) {
                    lock.release();
                }
                ch.close();
                throw new BadInputException(inUse(dir, before));
            }
            ch.truncate(0);
            Holder me = new Holder(ProcessHandle.current().pid(), host(), appId, Instant.now().toString());
            ch.write(ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(me)), 0);
            ch.force(true);
            return new RunLock(ch, lock, before, null);
        } catch (IOException e) {
            closeQuietly(ch);
            throw RunFault.of(file, e);
        }
    }

    private static RunLock acquireRemote(RunDirectory dir, String appId) {
        RunStorage st = dir.storage();
        try {
            st.mkdirs("");
            Holder before = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                Holder me = new Holder(ProcessHandle.current().pid(), host(), appId, Instant.now().toString());
                if (st.createNew(RunDirectory.LOCK, Json.MAPPER.writeValueAsBytes(me))) {
                    return new RunLock(null, null, before, dir);
                }
                before = parse(st.read(RunDirectory.LOCK));
                if (before != null && (isAliveHere(before) || !before.host().equals(host())
                        || before.pid() == ProcessHandle.current().pid())) {
                    break;
                }
                st.delete(RunDirectory.LOCK); // its holder died on this host (or never finished writing it)
            }
            throw new BadInputException(inUse(dir, before));
        } catch (IOException e) {
            throw RunFault.of(dir.where(RunDirectory.LOCK), e);
        }
    }

    /** The one line that refuses a second writer. */
    public static String inUse(RunDirectory dir, Holder holder) {
        return dir.where("") + ": is in use by another SparkSweep run (" + (holder == null ? "holder unknown" : holder)
                + "); wait for it to end, or give another --output" + (holder == null || holder.host().equals(host())
                ? "" : " (if it has ended, delete " + dir.where(RunDirectory.LOCK) + ")");
    }

    /** The holder of a stale lock this one replaced (its process had died), or null. */
    public Holder reclaimed() {
        return stale;
    }

    /**
     * The live holder of a run directory's lock, or null when nobody holds it. Takes no lock itself beyond a
     * moment's shared one, and works on a read-only directory.
     */
    public static Holder holder(RunDirectory dir) {
        if (dir.local().isEmpty()) {
            try {
                if (!dir.has(RunDirectory.LOCK)) {
                    return null;
                }
                Holder h = parse(dir.storage().read(RunDirectory.LOCK));
                return h != null && (isAliveHere(h) || !h.host().equals(host())) ? h : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        Path file = dir.local().get().resolve(RunDirectory.LOCK);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Holder h = read(ch);
            FileLock probe;
            try {
                probe = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return h; // this JVM holds it
            }
            if (probe == null) {
                return h;
            }
            probe.release();
            return h != null && (isAliveHere(h) || !h.host().equals(host())) ? h : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (remote != null) {
            try {
                remote.storage().delete(RunDirectory.LOCK);
            } catch (IOException e) {
                // the next run finds a lock whose holder has ended, and reclaims it
            }
            return;
        }
        try {
            channel.truncate(0);
            channel.force(true);
            if (lock != null) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            closeQuietly(channel);
        }
    }

    private static Holder read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || size > 65536) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        ch.read(b, 0);
        return parse(java.util.Arrays.copyOf(b.array(), b.position()));
    }

    private static Holder parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(new String(bytes, StandardCharsets.UTF_8), Holder.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** A holder on this host whose process still runs (and is not this one, which never holds two locks). */
    private static boolean isAliveHere(Holder h) {
        return h.host().equals(host()) && h.pid() != ProcessHandle.current().pid()
                && ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
    }
}
