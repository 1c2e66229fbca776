package dev.delp.bench;

import java.util.Map;
import java.util.TreeMap;

/** Where a probe's thread spends its time: the allocation probes use it to name the kernel that boxes. */
public final class StackSampler {
    private StackSampler() {
    }

    /**
     * Runs {@code op} repeatedly while another thread samples the caller's stack 200 times (every 10 ms);
     * prints the 10 commonest stacks, each from its first delp frame, {@code frames} frames deep, with
     * the topmost frame (e.g. the Vector API's Java fallback) in brackets.
     */
    public static void sample(Runnable op, int frames) throws InterruptedException {
        Thread main = Thread.currentThread();
        Map<String, Integer> hist = new TreeMap<>();
        Thread sampler = new Thread(() -> {
            for (int k = 0; k < 200; k++) {
                StackTraceElement[] st = main.getStackTrace();
                StringBuilder sb = new StringBuilder();
                int shown = 0;
                for (StackTraceElement e : st) {
                    if (shown > 0 || e.getClassName().startsWith("dev.delp")) {
                        sb.append(e.getClassName().replace("dev.delp.", "")).append('.').append(e.getMethodName())
                                .append(':').append(e.getLineNumber()).append(" < ");
                        if (++shown == frames) {
                            break;
                        }
                    }
                }
                String top = st.length > 0 ? st[0].getClassName() + "." + st[0].getMethodName() : "?";
                synchronized (hist) {
                    hist.merge(sb + " [top " + top + "]", 1, Integer::sum);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        while (sampler.isAlive()) {
            op.run();
        }
        synchronized (hist) {
            hist.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(10)
                    .forEach(en -> System.out.println("  " + en.getValue() + " " + en.getKey()));
        }
    }
}
