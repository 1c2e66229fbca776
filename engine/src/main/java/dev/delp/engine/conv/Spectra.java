package dev.delp.engine.conv;

import dev.delp.simd.Simd;

/** Spectrum products and PSF symmetry checks shared by {@link Otf2d} and {@link Otf3d}. */
final class Spectra {
    private Spectra() {
    }

    /**
     * True when {@code h(i) = h(n−1−i)} along every axis within 1e-6 of the peak, i.e. the PSF is
     * symmetric about its centre pixel (only possible for odd sizes, where the centre is size/2).
     */
    static boolean centrosymmetric(float[] h, int w, int hgt, int d) {
        if (w % 2 == 0 || hgt % 2 == 0 || d % 2 == 0) {
            return false;
        }
        float peak = 0;
        for (float v : h) {
            peak = Math.max(peak, Math.abs(v));
        }
        float tol = 1e-6f * peak;
        int n = h.length;
        for (int i = 0; i < n; i++) {
            if (Math.abs(h[i] - h[n - 1 - i]) > tol) { // the flip of all axes reverses the index
                return false;
            }
        }
        return true;
    }

    /** The real parts of an interleaved complex array. */
    static float[] realParts(float[] complex) {
        float[] re = new float[complex.length / 2];
        for (int i = 0; i < re.length; i++) {
            re[i] = complex[2 * i];
        }
        return re;
    }

    /**
     * {@code spec ← spec · otf} or {@code · conj(otf)}; a real OTF scales both parts (and is its own
     * conjugate). Complex products use the SIMD kernels.
     */
    static void multiply(float[] spec, float[] otf, boolean realOtf, boolean conjugate, int nComplex) {
        if (!realOtf) {
            if (conjugate) {
                Simd.kernels().complexMultiplyConj(spec, otf, spec, nComplex);
            } else {
                Simd.kernels().complexMultiply(spec, otf, spec, nComplex);
            }
            return;
        }
        for (int i = 0; i < nComplex; i++) {
            float o = otf[i];
            spec[2 * i] *= o;
            spec[2 * i + 1] *= o;
        }
    }
}
