package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.delp.cli.io.Fixtures;

/**
 * Runs the shaded, minimised {@code delp.jar} in a subprocess (failsafe, after {@code package}):
 * it must read every TIFF kind (minimizeJar must not have dropped a codec), run on both SIMD paths
 * and stay within 3 MB.
 */
class DelpJarIT {
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        String p = System.getProperty("delp.jar");
        Assumptions.assumeTrue(p != null && Files.isRegularFile(Path.of(p)), "delp.jar not built");
        jar = Path.of(p);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run java(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        File out = File.createTempFile("delp-out", ".txt");
        File err = File.createTempFile("delp-err", ".txt");
        pb.redirectOutput(out).redirectError(err);
        Process proc = pb.start();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "delp.jar timed out: " + cmd);
        Run r = new Run(proc.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
        out.delete();
        err.delete();
        return r;
    }

    @Test
    void jarIsAtMostThreeMegabytes() throws IOException {
        long size = Files.size(jar);
        assertTrue(size <= 3L * 1024 * 1024, "delp.jar is " + size + " bytes");
    }

    @Test
    void minimisedJarReadsEveryTiffKind() throws Exception {
        String[] names = {"u16-none-le.tif", "u16-none-be.tif", "u16-lzw-strips.tif", "u16-lzw-pred-be.tif",
            "u16-deflate-pred.tif", "u16-packbits.tif", "u16-deflate-tiles.tif", "u8-none.tif", "u8-lzw-pred.tif",
            "u8-packbits-be.tif", "f32-none-le.tif", "f32-deflate-be.tif", "f32-deflate-fpred.tif", "u16-stack3-imagej.tif"};
        List<String> args = new ArrayList<>(List.of("info", "--json"));
        for (String n : names) {
            args.add(Fixtures.tiff(n).toString());
        }
        Run r = java(List.of(), args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        double s16 = 0, s8 = 0, sf = 0;
        for (float f : Fixtures.crop16f()) {
            s16 += f;
        }
        for (float f : Fixtures.crop8()) {
            s8 += f;
        }
        for (float f : Fixtures.cropFloat()) {
            sf += f;
        }
        double stack = 3 * s16 + 64 * 48 * (0 + 100 + 200);
        Map<String, Double> expected = Map.of("u16", s16, "u8-", s8, "f32", sf, "stack", stack);
        Pattern line = Pattern.compile("\\{\"file\":\"([^\"]+)\".*\"sum\":([-0-9.E]+)\\}");
        int seen = 0;
        for (String l : r.out().split("\n")) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), l);
            String file = Path.of(m.group(1)).getFileName().toString();
            double want = file.contains("stack") ? expected.get("stack") : expected.get(file.substring(0, 3));
            // same values summed in the same order in double: equal to the last bits of a double print
            assertEquals(want, Double.parseDouble(m.group(2)), Math.abs(want) * 1e-12, file);
            seen++;
        }
        assertEquals(names.length, seen);
    }

    @Test
    void aFieldTooLargeForTheHeapIsRefusedBeforeClassifying() throws Exception {
        // 3000x3000 at -Xmx200m classified for minutes and then died "out of memory" with exit 1
        int side = 3000;
        float[] v = new float[side * side];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + (i % 97) + (i / side) % 89;
        }
        Path in = dir.resolve("big.tif");
        dev.delp.cli.io.ImageFiles.write(in, new dev.delp.cli.io.Volume(side, side, 1, v,
                new dev.delp.cli.io.Calibration(0.65, Double.NaN), "uint16"), dev.delp.cli.io.TiffVolumeWriter.Bits.UINT16,
                List.of(), false);
        v = null;
        Path out = dir.resolve("out.tif");
        long t0 = System.nanoTime();
        Run r = java(List.of("-Xmx200m"), "deconvolve", in.toString(), "-o", out.toString(), "--threads", "2");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("delp deconvolve: " + in + ": deconvolving a 3000x3000 image (awdvd, stride 42) needs about "),
                r.err());
        assertTrue(last.contains("MiB is free; give Java more heap (JAVA_OPTS=-Xmx") && last.contains("--threads"), last);
        assertTrue(!r.err().contains("classify ["), "refused before classifying: " + r.err());
        assertTrue(!Files.exists(out));
        assertTrue(seconds < 60, seconds + " s");
    }

    @Test
    void plainJavaJarRunsScalarAndSaysOnceHowToEnableSimd() throws Exception {
        Run r = java(List.of(), "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("simd: scalar"), r.out());
        int hints = r.err().split("--add-modules jdk.incubator.vector", -1).length - 1;
        assertEquals(1, hints, r.err());
    }

    @Test
    void withTheModuleTheJarUsesTheVectorPath() throws Exception {
        Run r = java(List.of("--add-modules", "jdk.incubator.vector"), "--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("simd: vector"), r.out());
    }

    @Test
    void launcherScriptRunsTheJarWithTheVectorModule() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("delp");
        Assumptions.assumeTrue(Files.isRegularFile(launcher), "launcher not in this checkout");
        ProcessBuilder pb = new ProcessBuilder("sh", launcher.toString(), "--version");
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("simd: vector"), out); // JDK 17+ ships jdk.incubator.vector
        assertTrue(out.contains("delp " + System.getProperty("delp.version", "0.1.0")), out);
    }

    @Test
    void jarRunsTheReadmeCommandsOnTheSample() throws Exception {
        Path sample = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("fixtures/src/main/resources/dev/delp/fixtures/images/bbbc006-a01-defocused-256.tif");
        Assumptions.assumeTrue(Files.exists(sample), "sample image not in this checkout");
        Path out = dir.resolve("restored.tif");
        Run r = java(List.of("--add-modules", "jdk.incubator.vector"), "deconvolve", sample.toString(), "--level", "4",
                "--iterations", "5", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out) > 256 * 256 * 4);
        Run bad = java(List.of(), "deconvolve", dir.resolve("missing.tif").toString(), "--level", "4", "-o",
                dir.resolve("x.tif").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().endsWith("delp deconvolve: " + dir.resolve("missing.tif") + ": no such file\n"), bad.err());
        // the README's first command: AWDVD with the DelpNet weights bundled in the jar (if this build has them)
        Path awdvd = dir.resolve("restored-awdvd.tif");
        Run a = java(List.of("--add-modules", "jdk.incubator.vector"), "deconvolve", sample.toString(), "-o",
                awdvd.toString());
        if (a.err().contains("no default DelpNet weights")) {
            Assumptions.abort("no default weights in this build");
        }
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains(": awdvd, DelpNet levels per patch"), a.out());
        assertTrue(Files.size(awdvd) > 256 * 256 * 4);
    }
}
