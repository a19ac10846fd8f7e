package dev.vigil.model.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.model.data.GroundTruthBox;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticScenesTest {

    private static final SceneSettings SETTINGS = SceneSettings.defaults(384, 288);

    @Test
    void sameSeedGivesIdenticalImagesWhateverWasGeneratedBefore() {
        SyntheticScenes first = new SyntheticScenes(SETTINGS, 42);
        SyntheticScenes second = new SyntheticScenes(SETTINGS, 42);
        first.image(0);
        for (long index : new long[] {7, 3}) {
            SyntheticImage a = first.image(index);
            SyntheticImage b = second.image(index);
            assertThat(pixels(a.image())).isEqualTo(pixels(b.image()));
            assertThat(a.objects()).isEqualTo(b.objects());
        }
    }

    @Test
    void differentSeedsAndIndicesGiveDifferentImages() {
        SyntheticImage image = new SyntheticScenes(SETTINGS, 42).image(0);
        assertThat(pixels(new SyntheticScenes(SETTINGS, 43).image(0).image())).isNotEqualTo(pixels(image.image()));
        assertThat(pixels(new SyntheticScenes(SETTINGS, 42).image(1).image())).isNotEqualTo(pixels(image.image()));
    }

    @Test
    void everyStillBoxIsInsideTheImageNonEmptyAndWithinTheHeightRange() {
        SyntheticScenes scenes = new SyntheticScenes(SETTINGS, 1);
        int boxes = 0;
        for (int i = 0; i < 150; i++) {
            SyntheticImage image = scenes.image(i);
            assertThat(image.image().getWidth()).isEqualTo(384);
            assertThat(image.image().getHeight()).isEqualTo(288);
            for (SceneObject object : image.objects()) {
                GroundTruthBox box = object.box();
                assertThat(box.x1()).isGreaterThanOrEqualTo(0);
                assertThat(box.y1()).isGreaterThanOrEqualTo(0);
                assertThat(box.x2()).isLessThanOrEqualTo(384).isGreaterThan(box.x1());
                assertThat(box.y2()).isLessThanOrEqualTo(288).isGreaterThan(box.y1());
                assertThat(box.height())
                        .isBetween(
                                (float) SETTINGS.minObjectHeight() - 1e-3f, (float) SETTINGS.maxObjectHeight() + 1e-3f);
                assertThat(box.crowd()).as("stills leave hidden objects out").isFalse();
                assertThat(object.visibleFraction()).isGreaterThanOrEqualTo(SETTINGS.minVisibleFraction());
                assertThat(box.categoryId()).isEqualTo(SETTINGS.classes().indexOf(object.sceneClass()) + 1);
                boxes++;
            }
        }
        assertThat(boxes).isGreaterThan(150);
    }

    @Test
    void classesScalesAndAspectRatiosCoverWhatWasAsked() {
        SyntheticScenes scenes = new SyntheticScenes(SETTINGS, 2);
        Map<SceneClass, List<Double>> aspects = new EnumMap<>(SceneClass.class);
        List<Float> heights = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            for (SceneObject object : scenes.image(i).objects()) {
                aspects.computeIfAbsent(object.sceneClass(), c -> new ArrayList<>())
                        .add((double) object.box().width() / object.box().height());
                heights.add(object.box().height());
            }
        }
        assertThat(aspects.keySet()).containsExactlyInAnyOrder(SceneClass.values());
        assertAspects(aspects.get(SceneClass.PERSON), 1 / 3.8, 1 / 2.2);
        assertAspects(aspects.get(SceneClass.CAR), 1.7, 2.5);
        assertAspects(aspects.get(SceneClass.BICYCLE), 1.4, 1.9);
        assertAspects(aspects.get(SceneClass.DOG), 1.2, 1.7);
        assertAspects(aspects.get(SceneClass.BAG), 0.75, 1.3);
        assertThat(heights.stream().mapToDouble(Float::doubleValue).min().orElseThrow())
                .isLessThan(1.5 * SETTINGS.minObjectHeight());
        assertThat(heights.stream().mapToDouble(Float::doubleValue).max().orElseThrow())
                .isGreaterThan(0.75 * SETTINGS.maxObjectHeight());
        long small = heights.stream().filter(h -> h < 32).count();
        long large = heights.stream().filter(h -> h > 96).count();
        assertThat(small).as("objects under 32 px").isGreaterThan(heights.size() / 10);
        assertThat(large).as("objects over 96 px").isGreaterThan(heights.size() / 10);
    }

    @Test
    void onlyTheRequestedClassesAppearWithTheirOwnCategoryIds() {
        SceneSettings carsAndDogs = SETTINGS.withClasses(List.of(SceneClass.DOG, SceneClass.CAR));
        SyntheticScenes scenes = new SyntheticScenes(carsAndDogs, 3);
        Set<SceneClass> seen = EnumSet.noneOf(SceneClass.class);
        for (int i = 0; i < 40; i++) {
            for (SceneObject object : scenes.image(i).objects()) {
                seen.add(object.sceneClass());
                assertThat(object.box().categoryId()).isEqualTo(object.sceneClass() == SceneClass.DOG ? 1 : 2);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(SceneClass.DOG, SceneClass.CAR);
        assertThat(carsAndDogs.categories()).extracting(c -> c.name()).containsExactly("dog", "car");
    }

    private static void assertAspects(List<Double> aspects, double min, double max) {
        assertThat(aspects).allSatisfy(aspect -> assertThat(aspect).isBetween(min, max));
        assertThat(aspects.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                        - aspects.stream()
                                .mapToDouble(Double::doubleValue)
                                .min()
                                .orElseThrow())
                .as("aspect ratios vary")
                .isGreaterThan(0.05 * (min + max));
    }

    static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    @Test
    void boxOfAnOccludedObjectIsItsWholeBoxAndHiddenOnesAreLeftOut() {
        SceneSettings settings = SETTINGS.withCamera(CameraSettings.NONE);
        SceneLayout layout = SceneLayout.random(settings, new SplittableRandom(9));
        FrameRenderer renderer = new FrameRenderer(settings);
        Sprite personSprite = SceneClass.PERSON.painter.paint(new SplittableRandom(1), 0);
        PlacedSprite person = PlacedSprite.standing(personSprite, 100, 200, 120, false);
        Sprite carSprite = SceneClass.CAR.painter.paint(new SplittableRandom(2), 0);
        PlacedSprite halfCovering = PlacedSprite.standing(carSprite, 100 + 0.5 * 120 * 0.35, 230, 70, false);

        SyntheticImage partly = renderer.renderStill(
                layout,
                List.of(new SceneThing(halfCovering, SceneClass.CAR, 1), new SceneThing(person, SceneClass.PERSON, 0)),
                new CameraEffects(settings.camera(), new SplittableRandom(3)),
                new SplittableRandom(4));

        SceneObject occluded = partly.objects().stream()
                .filter(o -> o.trackId() == 0)
                .findFirst()
                .orElseThrow();
        assertThat(occluded.visibleFraction()).isBetween(settings.minVisibleFraction(), 0.95);
        assertThat(occluded.box())
                .isEqualTo(new GroundTruthBox(
                        (float) person.box().getMinX(),
                        (float) person.box().getMinY(),
                        (float) person.box().getMaxX(),
                        (float) person.box().getMaxY(),
                        1,
                        false,
                        occluded.box().area(),
                        1f));
        assertThat(partly.objects()).extracting(SceneObject::trackId).containsExactly(0, 1);

        PlacedSprite wholeCovering = PlacedSprite.standing(carSprite, 190, 240, 150, false);
        SyntheticImage hidden = renderer.renderStill(
                layout,
                List.of(new SceneThing(person, SceneClass.PERSON, 0), new SceneThing(wholeCovering, SceneClass.CAR, 1)),
                new CameraEffects(settings.camera(), new SplittableRandom(3)),
                new SplittableRandom(4));
        assertThat(hidden.objects()).extracting(SceneObject::trackId).containsExactly(1);
        assertThat(hidden.objects().get(0).visibleFraction()).isEqualTo(1.0, within(1e-9));
    }
}
