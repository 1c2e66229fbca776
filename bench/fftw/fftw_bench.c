/*
 * Times FFTW single precision (FFTW_MEASURE) on the delp benchmark shapes: one forward plus one
 * inverse transform per operation, same as the JMH benchmarks. Not part of the product, the
 * tests or CI; built and run by bench/run-fft.sh.
 *
 *   fftw_bench r2d W H THREADS      2D real: r2c then c2r (out of place)
 *   fftw_bench r3d W H D THREADS    3D real
 *   fftw_bench c1d N THREADS        1D complex: forward then backward (out of place)
 *
 * Prints two lines "kind shape threads fftw-wall ms" and "kind shape threads fftw-cpu ms": time per
 * operation, best of 7 batches of at least 0.2 s each, as wall-clock time and as this thread's CPU
 * time (the latter is robust to other processes on a shared machine; meaningful for 1 thread).
 */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s r2d W H THREADS | r3d W H D THREADS | c1d N THREADS\n", argv[0]);
        return 2;
    }
    const char *kind = argv[1];
    int dims[3] = {1, 1, 1}, rank = strcmp(kind, "r3d") == 0 ? 3 : strcmp(kind, "r2d") == 0 ? 2 : 1;
    for (int i = 0; i < rank; i++) {
        dims[i] = atoi(argv[2 + i]);
        if (dims[i] < 1) {
            fprintf(stderr, "bad size %s\n", argv[2 + i]);
            return 2;
        }
    }
    int threads = atoi(argv[2 + rank]);
    fftwf_init_threads();
    fftwf_plan_with_nthreads(threads < 1 ? 1 : threads);

    long n = (long) dims[0] * dims[1] * dims[2];
    fftwf_plan fwd, inv;
    float *rin = NULL, *rout = NULL;
    fftwf_complex *cin = NULL, *spec;
    if (rank == 1) {
        cin = fftwf_alloc_complex(n);
        spec = fftwf_alloc_complex(n);
        fwd = fftwf_plan_dft_1d(dims[0], cin, spec, FFTW_FORWARD, FFTW_MEASURE);
        inv = fftwf_plan_dft_1d(dims[0], spec, cin, FFTW_BACKWARD, FFTW_MEASURE);
        for (long i = 0; i < n; i++) {
            cin[i][0] = (float) (i % 17) / 17.0f;
            cin[i][1] = (float) (i % 5) / 5.0f;
        }
    } else {
        long half = (long) (dims[0] / 2 + 1) * dims[1] * dims[2];
        rin = fftwf_alloc_real(n);
        rout = fftwf_alloc_real(n);
        spec = fftwf_alloc_complex(half);
        /* FFTW takes the slowest-varying dimension first: (H, W) and (D, H, W). */
        if (rank == 2) {
            fwd = fftwf_plan_dft_r2c_2d(dims[1], dims[0], rin, spec, FFTW_MEASURE);
            inv = fftwf_plan_dft_c2r_2d(dims[1], dims[0], spec, rout, FFTW_MEASURE);
        } else {
            fwd = fftwf_plan_dft_r2c_3d(dims[2], dims[1], dims[0], rin, spec, FFTW_MEASURE);
            inv = fftwf_plan_dft_c2r_3d(dims[2], dims[1], dims[0], spec, rout, FFTW_MEASURE);
        }
        for (long i = 0; i < n; i++) {
            rin[i] = (float) (i % 17) / 17.0f;
        }
    }
    if (getenv("FFTW_PRINT_PLAN") != NULL) { /* the plans FFTW_MEASURE chose, to stderr (a hint for delp's own schedule) */
        fftwf_fprint_plan(fwd, stderr);
        fprintf(stderr, "\n");
        fftwf_fprint_plan(inv, stderr);
        fprintf(stderr, "\n");
    }
    /* warm-up and batch size: at least 0.2 s per batch */
    long reps = 1;
    for (;;) {
        double t0 = now();
        for (long r = 0; r < reps; r++) {
            fftwf_execute(fwd);
            fftwf_execute(inv);
        }
        if (now() - t0 >= 0.2) break;
        reps *= 2;
    }
    double best = 1e30, bestCpu = 1e30;
    for (int b = 0; b < 7; b++) {
        double t0 = now(), c0 = cpu();
        for (long r = 0; r < reps; r++) {
            fftwf_execute(fwd);
            fftwf_execute(inv);
        }
        double ms = (now() - t0) * 1e3 / reps, cms = (cpu() - c0) * 1e3 / reps;
        if (ms < best) best = ms;
        if (cms < bestCpu) bestCpu = cms;
    }
    /* sanity (real kinds): the unnormalised round trip returns n times the input */
    if (rank > 1) {
        double err = 0, norm = 0;
        for (long i = 0; i < n; i++) {
            double want = rin[i] * (double) n;
            err += (rout[i] - want) * (rout[i] - want);
            norm += want * want;
        }
        if (err > 1e-8 * norm) {
            fprintf(stderr, "FFTW round trip check failed\n");
            return 1;
        }
    }
    char shape[64];
    if (rank == 1) {
        snprintf(shape, sizeof shape, "%d", dims[0]);
    } else if (rank == 2) {
        snprintf(shape, sizeof shape, "%dx%d", dims[0], dims[1]);
    } else {
        snprintf(shape, sizeof shape, "%dx%dx%d", dims[0], dims[1], dims[2]);
    }
    printf("%s %s %d fftw-wall %.5f\n", kind, shape, threads, best);
    printf("%s %s %d fftw-cpu %.5f\n", kind, shape, threads, bestCpu);
    fftwf_destroy_plan(fwd);
    fftwf_destroy_plan(inv);
    return 0;
}
