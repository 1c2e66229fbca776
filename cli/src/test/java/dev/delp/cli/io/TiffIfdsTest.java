package dev.delp.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.tiff.TiffContents;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffReader;
import org.junit.jupiter.api.Test;

/** Our IFD walker must see exactly what Commons Imaging's TiffReader sees, on every fixture and real file. */
class TiffIfdsTest {
    @Test
    void agreesWithCommonsImagingOnEveryFixture() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(Fixtures.tiff("u8-none.tif").getParent())) {
            s.filter(p -> p.toString().endsWith(".tif")).sorted().forEach(files::add);
        }
        for (String real : new String[] {"/work/shared/data/bbbc006/defocused/a01_s1_defocused.tif",
                "/work/shared/data/bbbc006/infocus/BBBC006_z_aligned__a01__s1__w1_10.tif"}) {
            if (Files.exists(Path.of(real))) {
                files.add(Path.of(real));
            }
        }
        assertEquals(true, files.size() >= 14, files.toString());
        for (Path f : files) {
            compare(f);
        }
    }

    private static void compare(Path f) throws IOException {
        TiffContents ci = new TiffReader(true).readDirectories(ByteSource.path(f), false, FormatCompliance.getDefault());
        byte[] h = Files.readAllBytes(f);
        ByteOrder order = h[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        long first = java.nio.ByteBuffer.wrap(h, 4, 4).order(order).getInt() & 0xFFFFFFFFL;
        List<TiffIfds.Ifd> ours;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ours = TiffIfds.read(ch, f.toString(), h.length, order, first);
        }
        List<TiffDirectory> theirs = ci.directories.stream().filter(d -> d.type >= 0).toList();
        assertEquals(theirs.size(), ours.size(), f.toString());
        for (int i = 0; i < ours.size(); i++) {
            int seen = 0;
            for (TiffField field : theirs.get(i).getDirectoryEntries()) {
                if (!TiffIfds.USED.contains(field.getTag())) {
                    continue;
                }
                TiffIfds.Entry e = ours.get(i).entries().get(field.getTag());
                assertNotNull(e, f + " IFD " + i + " tag " + field.getTag());
                String where = f.getFileName() + " IFD " + i + " tag " + field.getTag();
                seen++;
                if (e.text() != null) {
                    assertEquals(field.getStringValue(), e.text(), where);
                } else if (e.reals() != null) {
                    assertEquals(rational(field), e.reals()[0], 1e-12 * Math.abs(e.reals()[0]), where);
                } else {
                    assertArrayEquals(ints(field), e.integers(), where);
                }
            }
            assertEquals(seen, ours.get(i).entries().size(), f + " IFD " + i + ": no extra entries");
        }
    }

    private static double rational(TiffField f) throws ImagingException {
        Object v = f.getValue();
        RationalNumber r = v instanceof RationalNumber one ? one : ((RationalNumber[]) v)[0];
        return r.doubleValue();
    }

    private static long[] ints(TiffField f) throws ImagingException {
        Object v = f.getValue();
        if (v instanceof Number n) {
            long x = n.longValue();
            return new long[] {v instanceof Short ? x & 0xFFFF : v instanceof Integer ? x & 0xFFFFFFFFL : v instanceof Byte ? x & 0xFF : x};
        }
        if (v instanceof short[] a) {
            long[] r = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] & 0xFFFF;
            }
            return r;
        }
        if (v instanceof int[] a) {
            long[] r = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] & 0xFFFFFFFFL;
            }
            return r;
        }
        byte[] a = (byte[]) v;
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] & 0xFF;
        }
        return r;
    }
}
