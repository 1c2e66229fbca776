package dev.delp.engine.deconv;

/**
 * The mirror symmetry of one axis of RL's normalisation map {@code w = Aᵀ1}: on a periodic work
 * axis of length {@code work} with the image on {@code [0, image)}, a PSF that is mirror-symmetric
 * along the axis makes {@code w(p) = w(image − 1 − p mod work)} (the image mask and the PSF are both
 * their own mirror images). Then only one of each pair of mirror coordinates is stored:
 * {@code t = (2p − (image − 1)) mod 2·work} is the signed distance from the image centre in half
 * voxels, the mirror maps {@code t → 2·work − t}, and the stored index is
 * {@code min(t, 2·work − t) / 2} — about {@code work/2 + 1} entries. Without symmetry the map is
 * the identity.
 */
final class AxisFold {
    final int[] stored;         // (work) work coordinate -> stored index
    final int[] representative; // (size) stored index -> the smallest work coordinate mapping to it
    private final int[] mirror; // (size) stored index -> the largest work coordinate mapping to it
    final int size;

    AxisFold(int work, int image, boolean fold) {
        stored = new int[work];
        int n = 0;
        for (int p = 0; p < work; p++) {
            if (fold) {
                int t = Math.floorMod(2 * p - (image - 1), 2 * work);
                stored[p] = Math.min(t, 2 * work - t) / 2;
            } else {
                stored[p] = p;
            }
            n = Math.max(n, stored[p] + 1);
        }
        size = n;
        representative = new int[n];
        mirror = new int[n];
        for (int p = work - 1; p >= 0; p--) {
            representative[stored[p]] = p;
        }
        for (int p = 0; p < work; p++) {
            mirror[stored[p]] = p;
        }
    }

    /**
     * The stored indices whose work coordinates lie in {@code [lo, hi)}, as {@code {from, to}} if
     * they form one contiguous run, else an empty run. (A range symmetric about the image centre
     * folds to a prefix; an unfolded range stays itself.)
     */
    int[] run(int lo, int hi) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (int p = Math.max(0, lo); p < Math.min(hi, stored.length); p++) {
            from = Math.min(from, stored[p]);
            to = Math.max(to, stored[p] + 1);
        }
        if (to < 0) {
            return new int[] {0, 0};
        }
        for (int k = from; k < to; k++) { // every stored index of the run must come only from [lo, hi)
            int p = representative[k];
            int q = mirror[k];
            if (p < lo || p >= hi || q < lo || q >= hi) {
                return new int[] {0, 0};
            }
        }
        return new int[] {from, to};
    }
}
