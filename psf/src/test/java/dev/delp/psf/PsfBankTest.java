package dev.delp.psf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class PsfBankTest {
    static final Optics OPT = Optics.defaults();

    @Test
    void sameBytesForOneAndManyThreads() {
        PsfBank one = new PsfBank(OPT, 0), many = new PsfBank(OPT, 0);
        ForkJoinPool p1 = new ForkJoinPool(1), p4 = new ForkJoinPool(4);
        try {
            one.buildAll(p1);
            many.buildAll(p4);
        } finally {
            p1.shutdown();
            p4.shutdown();
        }
        BornWolf bw = new BornWolf(OPT);
        for (int l = 0; l < PsfBank.LEVELS; l++) {
            Psf2d a = one.level(l), b = many.level(l);
            assertArrayEquals(a.values(), b.values(), "level " + l);
            assertEquals(2.0 * l, a.defocusUm());
            assertEquals(bw.autoSize(2.0 * l), a.size(), "auto size per level");
            assertEquals(1.0, a.sum(), 1e-6);
        }
        assertTrue(one.level(10).size() > one.level(0).size());
    }

    @Test
    void cachesAndSharesOneInstancePerDefocusUnderConcurrency() throws Exception {
        PsfBank bank = new PsfBank(OPT, 33);
        List<Thread> threads = new ArrayList<>();
        Psf2d[] got = new Psf2d[6];
        for (int t = 0; t < got.length; t++) {
            final int i = t;
            Thread th = new Thread(() -> got[i] = bank.psf(3.3));
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        for (Psf2d p : got) {
            assertSame(got[0], p);
        }
        assertEquals(33, got[0].size());
        assertSame(bank.psf(0.0), bank.psf(-0.0));
        assertSame(bank.level(3), bank.psf(6.0));
        assertArrayEquals(new BornWolf(OPT).slice(3.3, 33).values(), got[0].values());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new PsfBank(OPT, 4));
        assertThrows(IllegalArgumentException.class, () -> new PsfBank(OPT, -1));
        assertThrows(IllegalArgumentException.class, () -> new PsfBank(null, 5));
        PsfBank b = new PsfBank(OPT, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.level(11));
        assertTrue(e.getMessage().contains("11") && e.getMessage().contains("[0, 10]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.level(-1));
        assertThrows(IllegalArgumentException.class, () -> b.psf(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.buildAll(null));
        // a failed computation is not cached as a failure forever, and the error propagates
        PsfBank auto = new PsfBank(OPT, 0);
        assertThrows(IllegalArgumentException.class, () -> auto.psf(500));
        assertThrows(IllegalArgumentException.class, () -> auto.psf(500));
    }

    @Test
    void psf2dFactoryAndPadding() {
        Psf2d p = Psf2d.normalized(3, new float[] {0, 1, 0, 1, 4, 1, 0, 1, 0}, Double.NaN);
        assertEquals(0.5f, p.get(1, 1));
        assertEquals(1.0, p.sum(), 1e-7);
        Psf2d q = p.padTo(7);
        assertEquals(7, q.size());
        assertEquals(0.5f, q.get(3, 3));
        assertEquals(0.125f, q.get(2, 3));
        assertEquals(0f, q.get(1, 3));
        assertEquals(1.0, q.sum(), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> q.padTo(5));
        assertThrows(IllegalArgumentException.class, () -> Psf2d.normalized(2, new float[4], 0));
        assertThrows(IllegalArgumentException.class, () -> Psf2d.normalized(3, new float[8], 0));
        assertThrows(IllegalArgumentException.class, () -> Psf2d.normalized(3, new float[9], 0));
        float[] neg = new float[9];
        neg[4] = 1;
        neg[0] = -1e-3f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Psf2d.normalized(3, neg, 0));
        assertTrue(e.getMessage().contains("(0,0)"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> p.get(3, 0));
        float[] copy = p.values();
        copy[4] = 99;
        assertEquals(0.5f, p.get(1, 1), "values() returns a copy");
    }
}
