package dev.delp.simd;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Chooses the {@link FloatKernels} implementation once, in a lazy holder (as Lucene's
 * vectorization provider does). The Vector-API implementation is loaded by name only when the
 * {@code jdk.incubator.vector} module is in the boot layer; {@code -Ddelp.simd=scalar} forces the
 * scalar fallback. Any refusal falls back to scalar with one warning naming the fix.
 */
public final class Simd {
    /** System property that selects the implementation: {@code auto} (default) or {@code scalar}. */
    public static final String PROPERTY = "delp.simd";

    private static final String VECTOR_CLASS = "dev.delp.simd.VectorKernels";
    private static final String VECTOR_FFT_CLASS = "dev.delp.simd.VectorFftKernels";
    private static final System.Logger LOG = System.getLogger(Simd.class.getName());

    private Simd() {
    }

    /** The active kernels, chosen at first use. */
    public static FloatKernels kernels() {
        return Holder.ACTIVE;
    }

    /** One line saying which implementation is active, e.g. {@code "simd: vector 512-bit"}. */
    public static String describe() {
        return "simd: " + kernels().description();
    }

    /** The scalar reference implementation (for tests and benchmarks). */
    public static FloatKernels scalar() {
        return new ScalarKernels("requested");
    }

    /** The Vector-API implementation, if it can be loaded in this JVM (for tests and benchmarks). */
    public static Optional<FloatKernels> vector() {
        try {
            return Optional.of(loadVector());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The active batched FFT butterflies: vector when {@link #kernels()} is vector, else scalar. */
    public static FftKernels fftKernels() {
        return FftHolder.ACTIVE;
    }

    /** The scalar reference FFT butterflies (for tests and benchmarks). */
    public static FftKernels scalarFft() {
        return new ScalarFftKernels("scalar (requested)");
    }

    /** The Vector-API FFT butterflies, if they can be loaded in this JVM (for tests and benchmarks). */
    public static Optional<FftKernels> vectorFft() {
        try {
            return Optional.of(loadVectorFft());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static FftKernels loadVectorFft() throws ReflectiveOperationException {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new ClassNotFoundException("jdk.incubator.vector not in the boot layer");
        }
        return (FftKernels) Class.forName(VECTOR_FFT_CLASS).getDeclaredConstructor().newInstance();
    }

    private static FftKernels chooseFft() {
        if (kernels().vectorBitSize() > 0) {
            try {
                return loadVectorFft();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "delp FFT butterflies run on the scalar path: " + e);
            }
        }
        return new ScalarFftKernels(kernels().description());
    }

    private static FloatKernels loadVector() throws ReflectiveOperationException {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new ClassNotFoundException("jdk.incubator.vector not in the boot layer");
        }
        return (FloatKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
    }

    private static FloatKernels choose() {
        String mode = System.getProperty(PROPERTY, "auto").trim();
        if (mode.equalsIgnoreCase("scalar")) {
            return new ScalarKernels("forced by -D" + PROPERTY + "=scalar");
        }
        if (!mode.equalsIgnoreCase("auto") && !mode.equalsIgnoreCase("vector")) {
            LOG.log(System.Logger.Level.WARNING, "-D" + PROPERTY + "=" + mode
                    + " is not one of auto, vector, scalar; using auto");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            String reason = "jdk.incubator.vector not enabled";
            LOG.log(System.Logger.Level.WARNING, "delp runs on the scalar path; for SIMD start java with "
                    + "--add-modules jdk.incubator.vector");
            return new ScalarKernels(reason);
        }
        try {
            FloatKernels k = loadVector();
            LOG.log(System.Logger.Level.DEBUG, "delp " + k.description());
            return k;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            LOG.log(System.Logger.Level.WARNING, "delp runs on the scalar path: Vector API refused ("
                    + cause.getMessage() + ")");
            return new ScalarKernels("Vector API refused: " + cause.getMessage());
        }
    }

    private static final class Holder {
        static final FloatKernels ACTIVE = choose();
    }

    private static final class FftHolder {
        static final FftKernels ACTIVE = chooseFft();
    }
}
