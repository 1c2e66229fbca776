package dev.delp.engine.conv;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * A small thread-safe LRU cache of OTFs keyed by (PSF content, work shape). The key holds a copy
 * of a small PSF's values, or the SHA-256 digest of a large one's (see {@code Key}), so a PSF
 * array mutated after use cannot return a stale OTF. The OTF is
 * computed once per key; concurrent requests for the same key may compute it twice (harmless,
 * the results are identical). OTFs are {@link Otf2d#compact compact}: use their {@code multiply}.
 */
public final class OtfCache {
    private final int capacity;
    private final Map<Key, Object> map;

    /** A cache holding at most {@code capacity} OTFs. */
    public OtfCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("OTF cache capacity " + capacity + " must be >= 1");
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
                return size() > OtfCache.this.capacity;
            }
        };
    }

    /** The OTF of {@code psf} on a {@code workWidth x workHeight} grid, cached. */
    public Otf2d otf(Image2d psf, int workWidth, int workHeight, ForkJoinPool pool) {
        Key key = new Key(new int[] {psf.width(), psf.height(), 1, workWidth, workHeight, 1}, psf.data());
        Object hit;
        synchronized (map) {
            hit = map.get(key);
        }
        if (hit != null) {
            return (Otf2d) hit;
        }
        Otf2d otf = Otf2d.compact(psf, workWidth, workHeight, pool);
        synchronized (map) {
            map.put(key.owned(), otf);
        }
        return otf;
    }

    /** The OTF of {@code psf} on a {@code workWidth x workHeight x workDepth} grid, cached. */
    public Otf3d otf(Stack3d psf, int workWidth, int workHeight, int workDepth, ForkJoinPool pool) {
        Key key = new Key(new int[] {psf.width(), psf.height(), psf.depth(), workWidth, workHeight, workDepth},
                psf.data());
        Object hit;
        synchronized (map) {
            hit = map.get(key);
        }
        if (hit != null) {
            return (Otf3d) hit;
        }
        Otf3d otf = Otf3d.compact(psf, workWidth, workHeight, workDepth, pool);
        synchronized (map) {
            map.put(key.owned(), otf);
        }
        return otf;
    }

    /** Number of cached OTFs. */
    public int size() {
        synchronized (map) {
            return map.size();
        }
    }

    /**
     * Dimensions plus the PSF's content: a copy of the values for PSFs up to {@link #COPY_LIMIT}
     * floats (cheap to compare, e.g. the dataset builder's per-patch lookups), the SHA-256 digest
     * of their bits for larger ones, so that a big 3D PSF (179×179×79: 10 MB) is not kept alive by
     * the cache. Two different large PSFs share a key only on a SHA-256 collision.
     */
    private static final class Key {
        private static final int COPY_LIMIT = 1 << 16;
        private final int[] dims;
        private final float[] values; // small PSFs: the values (the caller's array until owned())
        private final byte[] digest;  // large PSFs: SHA-256 of the values' bits
        private final int hash;

        Key(int[] dims, float[] values) {
            this(dims, values.length <= COPY_LIMIT ? values : null, values.length <= COPY_LIMIT ? null : digest(values));
        }

        private Key(int[] dims, float[] values, byte[] digest) {
            this.dims = dims;
            this.values = values;
            this.digest = digest;
            this.hash = 31 * Arrays.hashCode(dims) + (values != null ? Arrays.hashCode(values) : Arrays.hashCode(digest));
        }

        Key owned() {
            return values == null ? this : new Key(dims, values.clone(), null);
        }

        private static byte[] digest(float[] values) {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
            ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                if (!buf.hasRemaining()) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putInt(Float.floatToIntBits(v));
            }
            md.update(buf.array(), 0, buf.position());
            return md.digest();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(dims, k.dims)
                    && Arrays.equals(values, k.values) && Arrays.equals(digest, k.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "OtfCache.Key" + Arrays.toString(dims) + Objects.hash(hash);
        }
    }
}
