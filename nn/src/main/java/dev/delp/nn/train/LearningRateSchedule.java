package dev.delp.nn.train;

/** Learning rate as a function of the step: linear warm-up then cosine decay to a floor. */
public record LearningRateSchedule(double peak, double floor, long warmupSteps, long totalSteps) {
    /** Validates {@code 0 <= floor <= peak}, {@code 0 <= warmup <= total}, {@code total >= 1}. */
    public LearningRateSchedule {
        if (!(peak > 0) || !(floor >= 0 && floor <= peak) || warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("lr schedule peak=" + peak + " floor=" + floor + " warmup=" + warmupSteps
                    + " total=" + totalSteps + ": need peak > 0, 0 <= floor <= peak, 0 <= warmup <= total, total >= 1");
        }
    }

    /** Learning rate at step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double t = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * t));
    }
}
