package io.jenkins.plugins.dbrunbooks.engine.artifact;

import io.jenkins.plugins.dbrunbooks.engine.progress.ProgressMeter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts what passes and reports it to a meter. */
final class CountingOutputStream extends FilterOutputStream {
    private final ProgressMeter meter;
    private long count;

    CountingOutputStream(OutputStream out, ProgressMeter meter) {
        super(out);
        this.meter = meter;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
        meter.add(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
        meter.add(len);
    }

    long count() {
        return count;
    }
}
