package dev.vigil.model.data.synthetic;

import java.util.Arrays;
import java.util.Locale;

/** The object classes the generator draws and labels. */
public enum SceneClass {
    PERSON(1.75, 1.4, new PersonPainter()),
    CAR(1.5, 8.0, new CarPainter()),
    BICYCLE(1.05, 4.0, new BicyclePainter()),
    DOG(0.6, 1.5, new DogPainter()),
    BAG(0.55, 0, new BagPainter());

    /** Typical height in metres: objects far from the camera are drawn smaller. */
    final double realHeight;
    /** Typical speed in metres per second in videos (0: left where it is). */
    final double speed;

    final SpritePainter painter;

    SceneClass(double realHeight, double speed, SpritePainter painter) {
        this.realHeight = realHeight;
        this.speed = speed;
        this.painter = painter;
    }

    /** The category name in datasets: the constant's name in lower case. */
    public String categoryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the known classes when {@code name} is none of them
     */
    public static SceneClass byName(String name) {
        for (SceneClass sceneClass : values()) {
            if (sceneClass.categoryName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return sceneClass;
            }
        }
        throw new IllegalArgumentException("unknown synthetic class '" + name + "'; known: "
                + Arrays.stream(values()).map(SceneClass::categoryName).toList());
    }
}
