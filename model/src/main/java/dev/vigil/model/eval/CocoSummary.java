package dev.vigil.model.eval;

/**
 * pycocotools' 12 bbox summary numbers ({@code COCOeval.stats}), -1 where undefined. AP is averaged over IoU
 * .50:.05:.95 unless named for one threshold; "small", "medium" and "large" are {@link AreaRange}s; AR1/10/100
 * cap detections per image and category.
 */
public record CocoSummary(
        double ap,
        double ap50,
        double ap75,
        double apSmall,
        double apMedium,
        double apLarge,
        double ar1,
        double ar10,
        double ar100,
        double arSmall,
        double arMedium,
        double arLarge) {

    /** The numbers in {@code COCOeval.stats} order. */
    public double[] toArray() {
        return new double[] {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge};
    }
}
