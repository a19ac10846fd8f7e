package dev.vigil.schemas.registry.server;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP method and a path pattern such as {@code /subjects/{}/versions}, whose {@code {}}
 * segments become path parameters, with the action that answers it.
 */
record Route(String method, List<String> pattern, Action action) {

    private static final String PARAM = "{}";

    /** Answers a call with the object to send as JSON. */
    @FunctionalInterface
    interface Action {
        Object answer(HttpCall call);
    }

    static Route of(String method, String path, Action action) {
        return new Route(method, List.of(path.substring(1).split("/")), action);
    }

    /** The path parameters of {@code segments}, or null when the path does not match. */
    List<String> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            if (PARAM.equals(pattern.get(i))) {
                params.add(segments.get(i));
            } else if (!pattern.get(i).equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
