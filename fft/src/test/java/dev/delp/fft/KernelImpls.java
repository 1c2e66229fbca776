package dev.delp.fft;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.ArrayList;
import java.util.List;

/** The FFT kernel implementations a test runs on: scalar, and vector when the module is present. */
final class KernelImpls {
    private KernelImpls() {
    }

    static List<FftKernels> fft() {
        List<FftKernels> list = new ArrayList<>();
        list.add(Simd.scalarFft());
        Simd.vectorFft().ifPresent(list::add);
        return list;
    }
}
