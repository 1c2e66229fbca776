package dev.delp.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr with rate and ETA. On a terminal it redraws one line in place
 * ({@code \r}) at most 10 times a second; otherwise it prints a plain line at most every
 * {@code plainIntervalMs} (and at the end), so logs stay short. Silent when quiet.
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 24;

    private final PrintStream err;
    private final String label;
    private final String unit;
    private final long total;
    private final boolean terminal;
    private final boolean enabled;
    private final LongSupplier clockNanos;
    private final long plainIntervalNanos;
    private final long start;
    private long done;
    private long lastPrint;
    private boolean printed;
    private long printedDone = -1;

    Progress(PrintStream err, String label, long total, String unit, boolean terminal, boolean enabled,
             LongSupplier clockNanos, long plainIntervalMs) {
        this(err, label, total, unit, terminal, enabled, clockNanos, plainIntervalMs, clockNanos.getAsLong());
    }

    /** As above, timing from {@code startNanos} (a stage that began before its first report). */
    Progress(PrintStream err, String label, long total, String unit, boolean terminal, boolean enabled,
             LongSupplier clockNanos, long plainIntervalMs, long startNanos) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.terminal = terminal;
        this.enabled = enabled;
        this.clockNanos = clockNanos;
        this.plainIntervalNanos = plainIntervalMs * 1_000_000L;
        this.start = startNanos;
        this.lastPrint = clockNanos.getAsLong();
    }

    /** Adds {@code n} finished units. Thread-safe. */
    public synchronized void advance(long n) {
        done = Math.min(total, done + n);
        if (!enabled) {
            return;
        }
        long now = clockNanos.getAsLong();
        long interval = terminal ? 100_000_000L : plainIntervalNanos;
        if (now - lastPrint >= interval || (done == total && terminal)) {
            lastPrint = now;
            print(now, false);
        }
    }

    /** Sets the finished count. */
    public synchronized void set(long finished) {
        advance(finished - done);
    }

    /** Units finished so far. */
    public synchronized long done() {
        return done;
    }

    /** Finishes the line (terminal) or prints the final plain line. */
    @Override
    public synchronized void close() {
        close(clockNanos.getAsLong());
    }

    /** {@link #close()} as of {@code endNanos} (when the work really ended). */
    public synchronized void close(long endNanos) {
        if (!enabled) {
            return;
        }
        if (terminal) {
            if (printed || done > 0) {
                print(endNanos, true);
                err.print('\n');
            }
        } else if ((printed || done > 0) && printedDone != done) {
            print(endNanos, true);
        }
        err.flush();
    }

    /** The text of one progress line, e.g. {@code "deconvolve [#####.....] 20/100 it  4.1 it/s  ETA 0:19"}. */
    String line(long nowNanos) {
        double sec = Math.max(1e-9, (nowNanos - start) / 1e9);
        double rate = done / sec;
        StringBuilder sb = new StringBuilder(label).append(" [");
        int fill = (int) (BAR * done / total);
        sb.append("#".repeat(fill)).append(".".repeat(BAR - fill)).append("] ");
        sb.append(done).append('/').append(total).append(' ').append(unit);
        sb.append(String.format(Locale.ROOT, "  %.3g %s/s", rate, unit));
        if (done < total && done > 0) {
            sb.append("  ETA ").append(clock((total - done) / rate));
        } else if (done == total) {
            sb.append("  in ").append(clock(sec));
        }
        return sb.toString();
    }

    private void print(long now, boolean last) {
        String text = line(now);
        if (terminal) {
            err.print("\r" + text + "\u001b[K");
        } else {
            err.println(text);
        }
        printed = true;
        printedDone = done;
        if (!last) {
            err.flush();
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
