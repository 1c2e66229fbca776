package dev.delp.engine.deconv;

/** Multiplies a half spectrum in place by an OTF or its conjugate ({@code Otf2d::multiply}, {@code Otf3d::multiply}). */
@FunctionalInterface
interface OtfProduct {
    void multiply(float[] spectrum, boolean conjugate);
}
