package dev.delp.engine.conv;

import dev.delp.simd.Simd;

/**
 * Storage of OTFs and spectrum products shared by {@link Otf2d} and {@link Otf3d}.
 *
 * <p>Storages: complex (the half spectrum as is); real (centrosymmetric PSF: real parts, one per
 * bin); real and folded along y and/or z (PSF also mirror-symmetric in that axis: the real OTF is
 * then even in {@code ky} / {@code kz}, {@code H(ky) = H(height − ky)}, so only
 * {@code ky ≤ height/2} is kept — a quadrant in 2D, an octant in 3D, ≈ 1/4 and 1/8 of the real
 * half spectrum). The x axis is already halved by the real FFT.
 */
final class Spectra {
    private Spectra() {
    }

    /** Stored rows along y (or z) for a work size {@code n}, folded or not. */
    static int storedLength(int n, boolean fold) {
        return fold ? n / 2 + 1 : n;
    }

    /**
     * The real parts of a half spectrum ({@code height·depth} rows of {@code half} complex bins),
     * keeping only rows {@code ky ≤ height/2} if {@code foldY} and {@code kz ≤ depth/2} if {@code foldZ}.
     */
    static float[] realParts(float[] complex, int half, int height, int depth, boolean foldY, boolean foldZ) {
        int sh = storedLength(height, foldY);
        int sd = storedLength(depth, foldZ);
        float[] re = new float[half * sh * sd];
        for (int z = 0; z < sd; z++) {
            for (int y = 0; y < sh; y++) {
                int src = 2 * half * (y + height * z);
                int dst = half * (y + sh * z);
                for (int k = 0; k < half; k++) {
                    re[dst + k] = complex[src + 2 * k];
                }
            }
        }
        return re;
    }

    /**
     * {@code spec ← spec · otf} or {@code · conj(otf)} for a complex OTF (SIMD kernels), or
     * {@code spec ← spec · otf} for a real one (its own conjugate), folded as described above.
     */
    static void multiply(float[] spec, float[] otf, boolean realOtf, boolean conjugate, int half, int height,
            int depth, boolean foldY, boolean foldZ) {
        int nComplex = half * height * depth;
        if (!realOtf) {
            if (conjugate) {
                Simd.kernels().complexMultiplyConj(spec, otf, spec, nComplex);
            } else {
                Simd.kernels().complexMultiply(spec, otf, spec, nComplex);
            }
            return;
        }
        int sh = storedLength(height, foldY);
        for (int z = 0; z < depth; z++) {
            int sz = foldZ ? Math.min(z, depth - z) : z;
            for (int y = 0; y < height; y++) {
                int sy = foldY ? Math.min(y, height - y) : y;
                int o = 2 * half * (y + height * z);
                int so = half * (sy + sh * sz);
                for (int k = 0; k < half; k++) {
                    float v = otf[so + k];
                    spec[o + 2 * k] *= v;
                    spec[o + 2 * k + 1] *= v;
                }
            }
        }
    }
}
