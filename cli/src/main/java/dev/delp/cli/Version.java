package dev.delp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import dev.delp.simd.Simd;

/** The {@code --version} text: delp version, JDK, SIMD path and width, threads. */
final class Version {
    private Version() {
    }

    /** delp's version from the Maven-filtered {@code version.properties}. */
    static String delp() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/delp/cli/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String text(int threads) {
        return "delp " + delp() + "\n"
                + "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")\n"
                + Simd.describe() + "\n"
                + "threads: " + threads + "\n";
    }
}
