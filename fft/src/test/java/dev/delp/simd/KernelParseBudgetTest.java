package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Vector-API kernel of {@link VectorKernels} on DelpNet's inference path stays well under C2's
 * parse node budget ({@code NodeCountInliningCutoff}, 18,000 nodes in a product JDK 17 VM), estimated
 * from its bytecode. Past that budget C2 does not inline the rest of a unit's Vector-API
 * {@code @ForceInline} calls while parsing but defers them to late inlining, in an order that can
 * expand a store's intrinsic before the call computing the stored vector: the store then cannot
 * unbox its operand, is not intrinsified, and the whole unit runs the boxed fallback (the F(2×2)
 * input transform did so in 3 of 8 fresh JVMs, 8.6 MB per 64-patch call; bench/RESULTS.md, nn
 * session 7). C2 parses a loop body once, so the estimate is the sum over the method's call sites.
 *
 * <p>Nodes per call, measured on JDK 17.0.15 (AVX-512, 16 float lanes) with {@code -XX:+LogCompilation}
 * on synthetic methods that repeat one kind of call 100 times in a loop (the first deferred call
 * gives 18,000 / calls parsed): {@code fromArray} 310, {@code intoArray} 225, {@code broadcast} 150,
 * a binary or ternary operation on vectors ({@code add}, {@code sub}, {@code max}, {@code fma}; float or
 * int lanes) 410–430, {@code max(float)} 620 (an operation with a scalar broadcasts it), a
 * {@code reinterpretAs…} 390, {@code loopBound} about nothing. Anything else counts 680 (the average of
 * {@code rearrange}, {@code neg}, masked {@code add} and {@code not} in {@code complexMultiply}, whose
 * 34th call was the first deferred one). The
 * model predicted the first deferred call of the old kernels to within 5 % (old {@code input2Fused}:
 * predicted call 49, logged 52–53; old {@code output2Fused}: 49, logged 48–49; old {@code tile8x3}:
 * 62, logged 55–59). Small private helpers (≤ 325 bytes, inlined by C2) count with their calls.
 */
class KernelParseBudgetTest {
    static final int NODE_BUDGET = 18_000;

    /**
     * The budget share allowed: the estimate erred by up to 10 % on the old kernels and the same unit's
     * first deferred call moved by up to 8 % between processes, so 0.8 × 1.1 × 1.08 = 0.95 of the budget
     * in the worst case.
     */
    static final double MAX_SHARE = 0.80;

    /**
     * DelpNet inference's kernels (AUTO plan, and the direct / im2col layers of other plans), the
     * trainer's {@code gemm} and the element-wise kernels of Richardson–Lucy.
     */
    @Test
    void inferenceKernelsStayWellUnderTheParseNodeBudget() throws IOException {
        Map<String, Method> methods = methods(VectorKernels.class);
        for (String name : List.of("input2Fused", "output2Pooled", "output2Plain", "tile8x3", "tile8x1", "convGemm",
                "convGemmStrided", "tile8x3s", "tile8x2s", "tile8x1s", "reluMax2x2", "reluMax2x2Strided", "gemm", "gemm4Rows", "complexMultiply", "complexMultiplyConj", "multiply", "divideGuarded", "axpy",
                "fma", "widen", "sumsAndSquares8", "gatherAffine")) {
            Method m = methods.get(name);
            assertTrue(m != null, name + " not found in " + methods.keySet());
            int nodes = estimate(m, methods, 0);
            assertTrue(nodes <= MAX_SHARE * NODE_BUDGET, name + " is estimated at " + nodes + " parse nodes, more than "
                    + (int) (MAX_SHARE * 100) + " % of C2's budget of " + NODE_BUDGET + ": " + names(m.vectorCalls));
        }
    }

    /** Prints the estimate of every method that calls the Vector API. */
    @Test
    void printEstimates() throws IOException {
        Map<String, Method> methods = methods(VectorKernels.class);
        StringBuilder table = new StringBuilder("VectorKernels, estimated C2 parse nodes per compiled unit:\n");
        methods.forEach((name, m) -> {
            if (!m.vectorCalls.isEmpty() && m.codeLength > KernelRootsTest.FREQ_INLINE_SIZE) {
                int nodes = estimate(m, methods, 0);
                table.append(String.format("  %-20s %3d calls %6d nodes (%3.0f %%)%n", name, m.vectorCalls.size(), nodes,
                        100.0 * nodes / NODE_BUDGET));
            }
        });
        System.out.print(table);
        assertTrue(table.indexOf("input2Fused") > 0, table::toString);
    }

    /** The model on known call lists (guards the bytecode reader itself). */
    @Test
    void costModel() throws IOException {
        Map<String, Method> methods = methods(VectorKernels.class);
        Method in = methods.get("input2Fused");
        // 8 loads, 4 fma, 4 add/sub, 4 stores and the sign broadcast per row of the tile
        assertEquals(21, in.vectorCalls.size(), in.vectorCalls.toString());
        assertEquals(8 * 310 + 4 * 430 + 4 * 410 + 4 * 225 + 150, estimate(in, methods, 0));
    }

    private static List<String> names(List<String> calls) {
        return calls.stream().map(c -> c.substring(0, c.indexOf('('))).toList();
    }

    static int estimate(Method m, Map<String, Method> methods, int depth) {
        int nodes = 0;
        for (String call : m.vectorCalls) {
            nodes += cost(call);
        }
        for (String callee : m.ownCalls) {
            Method c = methods.get(callee);
            if (c != null && c.codeLength <= KernelRootsTest.FREQ_INLINE_SIZE && depth < 4) {
                nodes += estimate(c, methods, depth + 1); // inlined into this unit
            }
        }
        return nodes;
    }

    /** Parse nodes of one Vector-API call, {@code name + descriptor}. */
    static int cost(String call) {
        String name = call.substring(0, call.indexOf('('));
        String args = call.substring(call.indexOf('(') + 1, call.indexOf(')'));
        switch (name) {
            case "fromArray": return 310;
            case "intoArray": return 225;
            case "broadcast": case "zero": return 150;
            case "reinterpretAsInts": case "reinterpretAsFloats": return 390;
            case "loopBound": case "length": return 20; // plain Java on a constant species
            case "fma": return args.startsWith("F") ? 620 : 430;
            case "add": case "sub": case "mul": case "max": case "min": case "div":
                return args.startsWith("F") ? 620 : 410;
            default: return 680; // rearrange, neg, masked add, compare, blend, not: 675 on average (complexMultiply)
        }
    }

    /** A method's bytecode length, its calls into jdk.incubator.vector (name + descriptor) and into its own class. */
    record Method(int codeLength, List<String> vectorCalls, List<String> ownCalls) {
    }

    /** Method name → the largest overload's calls, read from the class file of {@code c}. */
    static Map<String, Method> methods(Class<?> c) throws IOException {
        String self = c.getName().replace('.', '/');
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            DataInputStream d = new DataInputStream(in);
            d.readInt(); // magic
            d.readUnsignedShort(); // minor
            d.readUnsignedShort(); // major
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] ref1 = new int[count];
            int[] ref2 = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 7, 8, 16, 19, 20 -> ref1[i] = d.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> {
                        ref1[i] = d.readUnsignedShort();
                        ref2[i] = d.readUnsignedShort();
                    }
                    case 3, 4 -> d.skipBytes(4);
                    case 5, 6 -> {
                        d.skipBytes(8);
                        i++; // takes two slots
                    }
                    case 15 -> d.skipBytes(3);
                    default -> throw new IOException("constant pool tag " + tag + " at " + i);
                }
            }
            d.skipBytes(6); // access, this, super
            d.skipBytes(2 * d.readUnsignedShort()); // interfaces
            for (int f = d.readUnsignedShort(); f > 0; f--) { // fields
                d.skipBytes(6);
                for (int a = d.readUnsignedShort(); a > 0; a--) {
                    d.skipBytes(2);
                    d.skipBytes(d.readInt());
                }
            }
            Map<String, Method> methods = new LinkedHashMap<>();
            for (int m = d.readUnsignedShort(); m > 0; m--) {
                d.skipBytes(2);
                String name = utf8[d.readUnsignedShort()];
                d.skipBytes(2);
                for (int a = d.readUnsignedShort(); a > 0; a--) {
                    String attr = utf8[d.readUnsignedShort()];
                    int len = d.readInt();
                    if (!attr.equals("Code")) {
                        d.skipBytes(len);
                        continue;
                    }
                    d.skipBytes(4); // max_stack, max_locals
                    byte[] code = new byte[d.readInt()];
                    d.readFully(code);
                    d.skipBytes(len - 8 - code.length);
                    List<String> vector = new ArrayList<>();
                    List<String> own = new ArrayList<>();
                    for (int pc = 0; pc < code.length; pc += length(code, pc)) {
                        int op = code[pc] & 0xff;
                        if (op >= 0xb6 && op <= 0xb9) { // invokevirtual, special, static, interface
                            int ref = ((code[pc + 1] & 0xff) << 8) | (code[pc + 2] & 0xff);
                            String owner = utf8[ref1[ref1[ref]]];
                            int nat = ref2[ref];
                            String call = utf8[ref1[nat]] + utf8[ref2[nat]];
                            if (owner.startsWith("jdk/incubator/vector/")) {
                                vector.add(call);
                            } else if (owner.equals(self)) {
                                own.add(utf8[ref1[nat]]);
                            }
                        }
                    }
                    Method prev = methods.get(name);
                    if (prev == null || prev.codeLength < code.length) {
                        methods.put(name, new Method(code.length, vector, own));
                    }
                }
            }
            return methods;
        }
    }

    /** Length of the instruction at {@code pc} (JVMS §6.5). */
    static int length(byte[] code, int pc) {
        int op = code[pc] & 0xff;
        switch (op) {
            case 0xaa: { // tableswitch
                int p = (pc + 4) & ~3;
                int low = readInt(code, p + 4), high = readInt(code, p + 8);
                return p + 12 + 4 * (high - low + 1) - pc;
            }
            case 0xab: { // lookupswitch
                int p = (pc + 4) & ~3;
                return p + 8 + 8 * readInt(code, p + 4) - pc;
            }
            case 0xc4: // wide
                return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
            case 0x10: case 0x12: case 0xa9: case 0xbc:
                return 2;
            case 0x11: case 0x13: case 0x14: case 0x84: case 0xbb: case 0xbd: case 0xc0: case 0xc1: case 0xc6: case 0xc7:
                return 3;
            case 0xc5:
                return 4;
            case 0xb9: case 0xba: case 0xc8: case 0xc9:
                return 5;
            default:
                if (op >= 0x15 && op <= 0x19 || op >= 0x36 && op <= 0x3a) {
                    return 2; // load / store with a local index
                }
                if (op >= 0x99 && op <= 0xa8 || op >= 0xb2 && op <= 0xb8) {
                    return 3; // branches, field access, invokes
                }
                return 1;
        }
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
