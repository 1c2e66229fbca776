package dev.delp.engine.awdvd;

/** Builds {@link WeightMaps} from explicit maps for tests (same package). */
final class WeightMapsAccess {
    private WeightMapsAccess() {
    }

    static WeightMaps of(int w, int h, int[] labels, float[][] maps) {
        return WeightMaps.explicit(w, h, labels, maps);
    }
}
