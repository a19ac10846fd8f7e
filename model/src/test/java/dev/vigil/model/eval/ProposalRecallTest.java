package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.data.GroundTruthBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proposal recall on hand-made boxes (counts 1 and 2, IoU thresholds 0.5, 0.7, 0.9). */
class ProposalRecallTest {

    private static final double[] THRESHOLDS = {0.5, 0.7, 0.9};

    @Test
    void recallCountsBoxesCoveredByTheFirstNProposals() {
        ProposalRecall recall = new ProposalRecall(new int[] {1, 2}, THRESHOLDS);
        // proposal 0 covers A with IoU 0.8 (100×80 inside 100×100); proposal 1 covers B exactly.
        float[] proposals = {0, 0, 100, 80, 200, 200, 250, 250};
        recall.add(
                proposals,
                List.of(
                        GroundTruthBox.of(0, 0, 100, 100, 1),
                        GroundTruthBox.of(200, 200, 250, 250, 1),
                        new GroundTruthBox(400, 400, 500, 500, 1, true, 10_000, 1f)));
        // a second image whose box no proposal reaches
        recall.add(new float[] {0, 0, 10, 10}, List.of(GroundTruthBox.of(300, 300, 310, 310, 1)));

        assertThat(recall.boxCount()).as("the crowd box is left out").isEqualTo(3);
        assertThat(recall.recall(0, 0)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(recall.recall(0, 1)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(recall.recall(0, 2)).isZero();
        assertThat(recall.recall(1, 0)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(recall.recall(1, 2)).as("B is covered exactly").isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void fewerProposalsThanNCountAsAll() {
        ProposalRecall recall = new ProposalRecall(new int[] {1, 5}, THRESHOLDS);
        recall.add(new float[] {50, 50, 60, 60, 0, 0, 10, 10}, List.of(GroundTruthBox.of(0, 0, 10, 10, 1)));
        assertThat(recall.recall(0, 0)).isZero();
        assertThat(recall.recall(1, 2)).isEqualTo(1.0);
    }

    @Test
    void writesTheTableAndTheChart(@TempDir Path dir) throws IOException {
        ProposalRecall recall = new ProposalRecall();
        recall.add(new float[] {0, 0, 100, 80}, List.of(GroundTruthBox.of(0, 0, 100, 100, 1)));
        recall.write(dir);
        List<String> csv = Files.readAllLines(dir.resolve(ProposalRecall.CSV_FILE));
        assertThat(csv.get(0)).isEqualTo("iou,recall_300,recall_1000,recall_2000");
        assertThat(csv).hasSize(1 + ProposalRecall.IOU_STEPS);
        assertThat(csv.get(1)).isEqualTo("0.50,1.000000,1.000000,1.000000");
        assertThat(csv.get(csv.size() - 1)).isEqualTo("1.00,0.000000,0.000000,0.000000");
        assertThat(dir.resolve(ProposalRecall.PNG_FILE)).isNotEmptyFile();
    }

    @Test
    void badSettingsAndEmptyRecallAreRejected() {
        assertThatThrownBy(() -> new ProposalRecall(new int[] {1000, 300}, THRESHOLDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new ProposalRecall().recall(0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no ground-truth box");
    }
}
