package dev.vigil.model.gate;

import java.util.List;

/**
 * What the gate made of a candidate.
 *
 * @param passed true when no figure is worse than production's by more than the tolerance (always, when there is
 *     no production model to compare with)
 * @param findings each figure that made it fail, in words ("AP50 of person 0.412 < production's 0.902 - 0.010")
 * @param tolerance how far (AP, 0..1) a figure could fall below production's
 * @param candidate the candidate's figures
 * @param production the production model's figures on the same dataset, or null when there was none
 */
public record GateVerdict(
        boolean passed, List<String> findings, double tolerance, GateFigures candidate, GateFigures production) {

    public GateVerdict {
        findings = List.copyOf(findings);
    }
}
