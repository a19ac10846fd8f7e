package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.api.RegistryJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** One routed request: the path parameters in order, the query parameters and the body. */
record HttpCall(List<String> pathParams, Map<String, String> query, byte[] body) {

    String param(int index) {
        return pathParams.get(index);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    <T> T body(Class<T> type) {
        try {
            return RegistryJson.read(body, type);
        } catch (IOException e) {
            throw RegistryErrors.badRequest("Malformed JSON body: " + e.getMessage());
        }
    }
}
