package dev.vigil.stream.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.schemas.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching two detectors' boxes per class, one to one, at an IoU. */
class AgreementTest {

    static Detection box(String label, float score, float x1, float y1, float x2, float y2) {
        return new Detection(label.equals("person") ? 1 : 3, label, score, x1, y1, x2, y2, null);
    }

    @Test
    void boxesOfOneClassMatchOneToOneAtTheIouAndTheRestIsOnlyOnOneSide() {
        Agreement agreement = new Agreement(0.5, 0f);
        // person: A's box [0,0,100,100] and B's [0,0,100,80] overlap with IoU 0.8; B's second person is elsewhere
        agreement.add(
                List.of(box("person", 0.6f, 0, 0, 100, 100), box("car", 0.9f, 200, 200, 300, 260)),
                List.of(
                        box("person", 0.7f, 0, 0, 100, 80),
                        box("person", 0.5f, 400, 0, 450, 100),
                        box("car", 0.8f, 0, 0, 100, 100)));
        // a second frame: the same person in both, scored lower by B; a box of another label never matches
        agreement.add(List.of(box("person", 0.9f, 10, 10, 60, 110)), List.of(box("person", 0.7f, 10, 10, 60, 110)));

        assertThat(agreement.frames()).isEqualTo(2);
        List<Agreement.ClassAgreement> perClass = agreement.perClass();
        assertThat(perClass).extracting(Agreement.ClassAgreement::label).containsExactly("car", "person");
        Agreement.ClassAgreement car = perClass.get(0);
        assertThat(car.matched()).isZero();
        assertThat(car.onlyA()).isEqualTo(1);
        assertThat(car.onlyB()).isEqualTo(1);
        assertThat(car.meanScoreShift()).isNaN();
        assertThat(car.agreement()).isZero();
        Agreement.ClassAgreement person = perClass.get(1);
        assertThat(person.matched()).isEqualTo(2);
        assertThat(person.onlyA()).isZero();
        assertThat(person.onlyB()).isEqualTo(1);
        assertThat(person.meanScoreShift()).isCloseTo(((0.7 - 0.6) + (0.7 - 0.9)) / 2, within(1e-6));
        assertThat(person.meanIou()).isCloseTo((0.8 + 1.0) / 2, within(1e-6));
        assertThat(person.agreement()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void theBestOverlapWinsAndAPairBelowTheIouOrTheMinimumScoreDoesNotCount() {
        Agreement agreement = new Agreement(0.5, 0.3f);
        agreement.add(
                List.of(box("person", 0.9f, 0, 0, 100, 100), box("person", 0.2f, 0, 0, 100, 100)),
                List.of(
                        box("person", 0.9f, 0, 0, 100, 60), // IoU 0.6 with A's first
                        box("person", 0.9f, 0, 0, 100, 90), // IoU 0.9: the better match
                        box("person", 0.9f, 0, 0, 40, 100))); // IoU 0.4: never
        Agreement.ClassAgreement person = agreement.perClass().get(0);
        assertThat(person.matched()).isEqualTo(1);
        assertThat(person.meanIou()).isCloseTo(0.9, within(1e-6));
        assertThat(person.onlyA()).as("A's box scored 0.2 is left out").isZero();
        assertThat(person.onlyB()).isEqualTo(2);
    }
}
