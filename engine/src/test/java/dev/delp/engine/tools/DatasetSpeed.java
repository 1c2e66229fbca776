package dev.delp.engine.tools;

import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.LabelledPatch;
import dev.delp.engine.dataset.PsfSources;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import dev.delp.psf.PsfBank;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/** Dev tool: patches per second of the dataset builder with Born–Wolf PSFs. */
public final class DatasetSpeed {
    public static void main(String[] args) {
        PsfBank bank = new PsfBank(Optics.defaults(), 0);
        for (int l = 0; l <= 10; l++) {
            System.out.println("level " + l + " psf size " + bank.level(l).size());
        }
        DatasetBuilder b = DatasetBuilder.fromGenerator(new SpecimenGenerator(), 256, 256, PsfSources.of(bank),
                DatasetConfig.defaults());
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        ForkJoinPool pool = new ForkJoinPool(threads);
        b.blocks(1, 0, 20, pool);
        long t = System.nanoTime();
        List<LabelledPatch> ps = b.blocks(2, 0, 100, pool);
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("%d patches in %.2f s = %.0f patches/s (%d threads)%n", ps.size(), s, ps.size() / s, threads);
    }
}
