package dev.vigil.model.teacher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which teacher labels the images: the SSD (Open Images), CenterNet (COCO) or both fused ({@link EnsembleTeacher}).
 * One label map serves all of them: each teacher takes the entries of its own labels (Open Images labels are
 * capitalised, COCO's are not, so they never clash).
 */
public enum TeacherChoice {
    SSD,
    CENTERNET,
    ENSEMBLE;

    /**
     * The default: the ensemble, best in COCO AP on the hand-checked vtest.avi frames (0.552, CenterNet 0.510, the SSD
     * 0.457) and at score 0.35 as precise as CenterNet on persons (0.95) while finding the cars CenterNet scores low
     * (recall 0.98 against 0.81); docs/benchmarks.md.
     */
    public static final TeacherChoice DEFAULT = ENSEMBLE;
    /** The default label map: the SSD's ({@link TeacherLabelMap#DEFAULT_SPEC}) and CenterNet's entries. */
    public static final String DEFAULT_LABEL_MAP =
            TeacherLabelMap.DEFAULT_SPEC + "," + CenterNetTeacher.DEFAULT_LABEL_MAP;

    /**
     * How the ensemble fuses.
     *
     * @param centerNetWeight CenterNet's weight in the fusion
     * @param ssdWeight the SSD's weight
     * @param memberThreshold each member's own score threshold (boxes below it do not enter the fusion)
     * @param fusion the fusion's IoU threshold
     */
    public record EnsembleSettings(
            double centerNetWeight, double ssdWeight, float memberThreshold, WeightedBoxFusion fusion) {

        /** Weights 2 (CenterNet) and 1 (SSD), members at 0.1, WBF IoU 0.55. */
        public static EnsembleSettings defaults() {
            return new EnsembleSettings(
                    2, 1, 0.1f, new WeightedBoxFusion(WeightedBoxFusion.DEFAULT_IOU_THRESHOLD, 0.1f));
        }
    }

    /** The model files of the teachers. */
    public record ModelFiles(Path ssd, Path centerNet) {

        /** Where the fetch script puts them, relative to {@code root}. */
        public static ModelFiles under(Path root) {
            return new ModelFiles(root.resolve(SsdTeacher.DEFAULT_MODEL), root.resolve(CenterNetTeacher.DEFAULT_MODEL));
        }
    }

    /** {@code ssd}, {@code centernet} or {@code ensemble}, any case. */
    public static TeacherChoice parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("teacher '" + name + "' is none of ssd, centernet, ensemble", e);
        }
    }

    /**
     * Opens the teacher.
     *
     * @param labelMap teacher labels of either model to Vigil classes
     * @throws IllegalArgumentException naming labels that are neither model's, or a teacher none of whose labels is
     *     mapped
     * @throws IOException when a model file is missing (naming the fetch script) or cannot be read
     */
    public Teacher open(ModelFiles files, TeacherSettings settings, TeacherLabelMap labelMap, EnsembleSettings ensemble)
            throws IOException {
        return open(files, settings, labelMap, ensemble, Set.of());
    }

    /**
     * Opens the teacher with test-time augmentation: each model (both, in the ensemble) labels the further views of
     * every image as well ({@link AugmentedTeacher}).
     *
     * @param views the views besides the whole image (none: the plain teacher)
     * @throws IllegalArgumentException naming labels that are neither model's, or a teacher none of whose labels is
     *     mapped
     * @throws IOException when a model file is missing (naming the fetch script) or cannot be read
     */
    public Teacher open(
            ModelFiles files,
            TeacherSettings settings,
            TeacherLabelMap labelMap,
            EnsembleSettings ensemble,
            Set<AugmentedTeacher.View> views)
            throws IOException {
        List<String> known = new ArrayList<>(SsdTeacher.OIDV4_LABELS.subList(1, SsdTeacher.OIDV4_LABELS.size()));
        known.addAll(CenterNetTeacher.COCO_LABELS);
        List<String> unknown = labelMap.labelsOutside(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("teacher label map names labels of neither teacher: " + unknown
                    + " (Open Images labels: " + String.join(", ", SsdTeacher.OIDV4_LABELS.subList(1, 24))
                    + "; COCO labels: " + String.join(", ", CenterNetTeacher.COCO_LABELS) + ")");
        }
        return switch (this) {
            case SSD -> augmented(ssd(files, settings, labelMap), views, ensemble);
            case CENTERNET -> augmented(centerNet(files, settings, labelMap), views, ensemble);
            case ENSEMBLE -> {
                TeacherSettings members = settings.withScoreThreshold(ensemble.memberThreshold());
                Teacher centerNet = augmented(centerNet(files, members, labelMap), views, ensemble);
                try {
                    yield new EnsembleTeacher(
                            List.of(centerNet, augmented(ssd(files, members, labelMap), views, ensemble)),
                            new double[] {ensemble.centerNetWeight(), ensemble.ssdWeight()},
                            ensemble.fusion(),
                            settings.scoreThreshold(),
                            settings.maxDetections());
                } catch (IOException | RuntimeException e) {
                    centerNet.close();
                    throw e;
                }
            }
        };
    }

    /** The teacher itself without views; else it with its views fused at the ensemble's fusion IoU. */
    private static Teacher augmented(Teacher teacher, Set<AugmentedTeacher.View> views, EnsembleSettings ensemble) {
        return views.isEmpty()
                ? teacher
                : new AugmentedTeacher(teacher, views, ensemble.fusion().iouThreshold());
    }

    private static Teacher ssd(ModelFiles files, TeacherSettings settings, TeacherLabelMap labelMap)
            throws IOException {
        return SsdTeacher.open(files.ssd(), settings, labelMap.forLabels(SsdTeacher.OIDV4_LABELS));
    }

    private static Teacher centerNet(ModelFiles files, TeacherSettings settings, TeacherLabelMap labelMap)
            throws IOException {
        return CenterNetTeacher.open(files.centerNet(), settings, labelMap.forLabels(CenterNetTeacher.COCO_LABELS));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
