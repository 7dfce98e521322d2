package dev.sparksweep.results;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Jackson and ModelSerializer close what they write to; the storage closes a file itself, after forcing it. */
final class NonClosingStream extends FilterOutputStream {
    NonClosingStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
