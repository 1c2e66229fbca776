package dev.delp.nn;

import dev.delp.simd.FloatKernels;
import dev.delp.simd.Simd;
import java.util.ArrayList;
import java.util.List;

/**
 * 2D convolution (cross-correlation, as in every DL framework) with square kernel, stride,
 * zero padding and dilation, computed as im2col + {@link FloatKernels#gemm}. Weights are
 * {@code [out][in·k·k]} (PyTorch order {@code out, in, ky, kx}); an optional bias {@code [out]}.
 */
public final class Conv2d extends Layer {
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int pad;
    private final int dilation;
    private final boolean hasBias;
    private Param weight;
    private Param bias;
    private int cols;     // in·k·k (GEMM inner dimension)
    private int outPlane; // Ho·Wo

    /**
     * @param outChannels output channels (≥ 1)
     * @param kernel      kernel size k (≥ 1)
     * @param stride      stride (≥ 1)
     * @param pad         zero padding on each side (≥ 0)
     * @param dilation    dilation (≥ 1)
     * @param hasBias     whether a bias is added (false when batch-norm follows)
     */
    public Conv2d(int outChannels, int kernel, int stride, int pad, int dilation, boolean hasBias) {
        if (outChannels < 1 || kernel < 1 || stride < 1 || pad < 0 || dilation < 1) {
            throw new IllegalArgumentException("conv2d out=" + outChannels + " k=" + kernel + " stride=" + stride
                    + " pad=" + pad + " dilation=" + dilation + ": need out,k,stride,dilation >= 1 and pad >= 0");
        }
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
        this.dilation = dilation;
        this.hasBias = hasBias;
    }

    int outChannels() {
        return outChannels;
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    int pad() {
        return pad;
    }

    int dilation() {
        return dilation;
    }

    @Override
    protected Shape computeOutputShape(Shape in) {
        int span = dilation * (kernel - 1) + 1;
        int ho = (in.height() + 2 * pad - span) / stride + 1;
        int wo = (in.width() + 2 * pad - span) / stride + 1;
        if (in.height() + 2 * pad < span || in.width() + 2 * pad < span) {
            throw new IllegalArgumentException("conv2d kernel span " + span + " exceeds padded input "
                    + in + " (pad " + pad + ")");
        }
        return new Shape(outChannels, ho, wo);
    }

    @Override
    protected void allocate(Shape in, Shape out) {
        cols = in.channels() * kernel * kernel;
        outPlane = out.plane();
        weight = new Param(prefix() + ".weight", true, true, outChannels, in.channels(), kernel, kernel);
        bias = hasBias ? new Param(prefix() + ".bias", true, false, outChannels) : null;
    }

    @Override
    public String spec() {
        return "conv2d out=" + outChannels + " k=" + kernel + " stride=" + stride + " pad=" + pad
                + " dilation=" + dilation + " bias=" + hasBias;
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        p.add(weight);
        if (bias != null) {
            p.add(bias);
        }
        return p;
    }

    @Override
    public long multiplyAdds() {
        return (long) outChannels * cols * outPlane;
    }

    /** The weight tensor {@code [out][in][k][k]}. */
    public Param weight() {
        return weight;
    }

    /** The bias, or {@code null}. */
    public Param bias() {
        return bias;
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        // The samples of the range are laid side by side in one im2col matrix [cols][m·P], so the
        // GEMM has m·P columns even when the planes are small (5×5 in the last block).
        FloatKernels kr = Simd.kernels();
        int inSize = inputShape().size();
        int outSize = outputShape().size();
        float[] w = weight.value();
        for (int s0 = from; s0 < to; s0 += GROUP) {
            int m = Math.min(GROUP, to - s0);
            int wide = m * outPlane;
            float[] col = new float[cols * wide];
            for (int s = 0; s < m; s++) {
                im2col(x, (s0 + s) * inSize, col, s * outPlane, wide);
            }
            float[] out = new float[outChannels * wide];
            if (bias != null) {
                for (int co = 0; co < outChannels; co++) {
                    java.util.Arrays.fill(out, co * wide, (co + 1) * wide, bias.value()[co]);
                }
            }
            kr.gemm(outChannels, wide, cols, w, 0, cols, col, 0, wide, out, 0, wide);
            for (int s = 0; s < m; s++) {
                int yo = (s0 + s) * outSize;
                for (int co = 0; co < outChannels; co++) {
                    System.arraycopy(out, co * wide + s * outPlane, y, yo + co * outPlane, outPlane);
                }
            }
        }
    }

    /** Below this many GEMM columns the weight gradient uses transpose + GEMM instead of dot products (measured). */
    private static final int DOT_MIN_WIDE = 1024;

    /** Samples per im2col group (bounds scratch memory; any value gives the same result). */
    private static final int GROUP = 8;

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        FloatKernels kr = Simd.kernels();
        int inSize = inputShape().size();
        int outSize = outputShape().size();
        float[] wT = null;
        if (dx != null) { // W^T [cols][out] for dcol = W^T · dy
            float[] w = weight.value();
            wT = new float[cols * outChannels];
            for (int co = 0; co < outChannels; co++) {
                for (int k = 0; k < cols; k++) {
                    wT[k * outChannels + co] = w[co * cols + k];
                }
            }
        }
        float[] gw = gradPartial[0];
        float[] gb = bias == null ? null : gradPartial[1];
        for (int s0 = from; s0 < to; s0 += GROUP) {
            int m = Math.min(GROUP, to - s0);
            int wide = m * outPlane;
            // dY gathered as [out][m·P]
            float[] dyw = new float[outChannels * wide];
            for (int s = 0; s < m; s++) {
                int yo = (s0 + s) * outSize;
                for (int co = 0; co < outChannels; co++) {
                    System.arraycopy(dy, yo + co * outPlane, dyw, co * wide + s * outPlane, outPlane);
                }
            }
            // dW[co][k] += Σ_p dY[co][p] · col[k][p]: dot products over the m·P columns
            float[] col = new float[cols * wide];
            for (int s = 0; s < m; s++) {
                im2col(x, (s0 + s) * inSize, col, s * outPlane, wide);
            }
            if (wide >= DOT_MIN_WIDE) { // long rows: one dot product per weight
                for (int co = 0; co < outChannels; co++) {
                    for (int k = 0; k < cols; k++) {
                        gw[co * cols + k] += (float) kr.dot(dyw, co * wide, col, k * wide, wide);
                    }
                }
            } else { // short rows (small planes): blocked transpose, then dW += dY · col^T as one GEMM
                float[] colT = new float[wide * cols];
                for (int k0 = 0; k0 < cols; k0 += 16) {
                    for (int p0 = 0; p0 < wide; p0 += 16) {
                        for (int k = k0, ke = Math.min(cols, k0 + 16); k < ke; k++) {
                            for (int p = p0, pe = Math.min(wide, p0 + 16); p < pe; p++) {
                                colT[p * cols + k] = col[k * wide + p];
                            }
                        }
                    }
                }
                kr.gemm(outChannels, cols, wide, dyw, 0, wide, colT, 0, cols, gw, 0, cols);
            }
            if (gb != null) {
                for (int co = 0; co < outChannels; co++) {
                    double sum = 0;
                    for (int p = 0; p < wide; p++) {
                        sum += dyw[co * wide + p];
                    }
                    gb[co] += (float) sum;
                }
            }
            if (dx != null) {
                float[] dcol = new float[cols * wide];
                kr.gemm(cols, wide, outChannels, wT, 0, outChannels, dyw, 0, wide, dcol, 0, wide);
                for (int s = 0; s < m; s++) {
                    col2im(dcol, s * outPlane, wide, dx, (s0 + s) * inSize);
                }
            }
        }
    }

    /** col[(c·k + ky)·k + kx][oy·Wo + ox] = x[c][oy·stride − pad + ky·dil][ox·stride − pad + kx·dil] (0 outside). */
    private void im2col(float[] x, int xOff, float[] col, int p0, int ld) {
        Shape in = inputShape();
        int h = in.height(), w = in.width();
        int ho = outputShape().height(), wo = outputShape().width();
        int row = 0;
        for (int c = 0; c < in.channels(); c++) {
            int plane = xOff + c * h * w;
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++, row++) {
                    int base = row * ld + p0;
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * stride - pad + ky * dilation;
                        int dst = base + oy * wo;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(col, dst, dst + wo, 0f);
                            continue;
                        }
                        int src = plane + iy * w;
                        int ix0 = kx * dilation - pad;
                        if (stride == 1) {
                            int oxLo = Math.max(0, -ix0);
                            int oxHi = Math.min(wo, w - ix0);
                            for (int ox = 0; ox < oxLo; ox++) {
                                col[dst + ox] = 0f;
                            }
                            if (oxHi > oxLo) {
                                System.arraycopy(x, src + ix0 + oxLo, col, dst + oxLo, oxHi - oxLo);
                            }
                            for (int ox = Math.max(oxLo, oxHi); ox < wo; ox++) {
                                col[dst + ox] = 0f;
                            }
                            continue;
                        }
                        for (int ox = 0; ox < wo; ox++) {
                            int ix = ox * stride + ix0;
                            col[dst + ox] = ix >= 0 && ix < w ? x[src + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** Adjoint of {@link #im2col}: scatters-adds dcol into dx (which the caller has zeroed). */
    private void col2im(float[] dcol, int p0, int ld, float[] dx, int xOff) {
        Shape in = inputShape();
        int h = in.height(), w = in.width();
        int ho = outputShape().height(), wo = outputShape().width();
        int row = 0;
        for (int c = 0; c < in.channels(); c++) {
            int plane = xOff + c * h * w;
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++, row++) {
                    int base = row * ld + p0;
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * stride - pad + ky * dilation;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int src = plane + iy * w;
                        int ix0 = kx * dilation - pad;
                        int d = base + oy * wo;
                        // valid ox: 0 <= ox·stride + ix0 < w
                        int oxLo = ix0 >= 0 ? 0 : (-ix0 + stride - 1) / stride;
                        int oxHi = Math.min(wo, (w - 1 - ix0) / stride + 1);
                        if (stride == 1) {
                            for (int ox = oxLo, ix = src + oxLo + ix0; ox < oxHi; ox++, ix++) {
                                dx[ix] += dcol[d + ox];
                            }
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) {
                                dx[src + ox * stride + ix0] += dcol[d + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
