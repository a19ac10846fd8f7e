package dev.vigil.stream.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.stream.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.function.Supplier;

/**
 * {@value #PATH} on detect's web server: the {@link ModelStatus} as JSON (the model running, what it follows, a model
 * loading, the last model refused and why); 503 until the application has started.
 */
public final class ModelApi implements WebRoutes {

    public static final String PATH = "/api/model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ModelSwitcher> models;

    /** @param models the running application's switcher, or null before it has started */
    public ModelApi(Supplier<ModelSwitcher> models) {
        this.models = models;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> {
            ModelSwitcher switcher = models.get();
            if (switcher == null) {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType("application/json")
                        .result("{\"status\":\"starting\"}");
                return;
            }
            ctx.contentType("application/json").result(json(switcher.status()));
        });
    }

    static String json(ModelStatus status) {
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the model status as JSON", e);
        }
    }
}
