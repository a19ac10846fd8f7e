package dev.vigil.schemas.registry.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.api.CompatibilityUpdate;
import dev.vigil.schemas.registry.api.ErrorCodes;
import dev.vigil.schemas.registry.api.ErrorResponse;
import dev.vigil.schemas.registry.api.RegistryJson;
import dev.vigil.schemas.registry.api.SchemaRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the Confluent REST paths onto {@link RegistryService} and its answers onto JSON. */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final List<Route> routes;

    RegistryHttpHandler(RegistryService registry) {
        this.routes = List.of(
                Route.of("GET", "/subjects", call -> registry.subjects(call.flag("deleted"))),
                Route.of("GET", "/subjects/{}/versions", call -> registry.versions(call.param(0))),
                Route.of(
                        "POST",
                        "/subjects/{}/versions",
                        call -> registry.register(call.param(0), call.body(SchemaRequest.class))),
                Route.of("GET", "/subjects/{}/versions/{}", call -> registry.version(call.param(0), call.param(1))),
                Route.of(
                        "POST", "/subjects/{}", call -> registry.lookup(call.param(0), call.body(SchemaRequest.class))),
                Route.of(
                        "DELETE",
                        "/subjects/{}",
                        call -> registry.deleteSubject(call.param(0), call.flag("permanent"))),
                Route.of("GET", "/schemas/ids/{}", call -> registry.schemaById(schemaId(call))),
                Route.of(
                        "POST",
                        "/compatibility/subjects/{}/versions/{}",
                        call -> registry.testCompatibility(
                                call.param(0), call.param(1), call.body(SchemaRequest.class), call.flag("verbose"))),
                Route.of("GET", "/config", call -> registry.globalConfig()),
                Route.of("PUT", "/config", call -> registry.setGlobalConfig(call.body(CompatibilityUpdate.class))),
                Route.of(
                        "GET",
                        "/config/{}",
                        call -> registry.subjectConfig(call.param(0), call.flag("defaultToGlobal"))),
                Route.of(
                        "PUT",
                        "/config/{}",
                        call -> registry.setSubjectConfig(call.param(0), call.body(CompatibilityUpdate.class))));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Object answer;
            int status = 200;
            try {
                answer = route(exchange);
            } catch (RegistryException e) {
                status = e.status();
                answer = new ErrorResponse(e.errorCode(), e.registryMessage());
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = RegistryErrors.SERVER_ERROR;
                answer = new ErrorResponse(ErrorCodes.STORE_ERROR, "Internal error: " + e);
            }
            byte[] json = RegistryJson.write(answer);
            exchange.getResponseHeaders().set("Content-Type", RegistryJson.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private Object route(HttpExchange exchange) throws IOException {
        List<String> segments = segments(exchange.getRequestURI().getRawPath());
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(exchange.getRequestMethod())) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                return route.action().answer(new HttpCall(params, query(exchange), body));
            }
        }
        throw pathKnown ? RegistryErrors.methodNotAllowed() : RegistryErrors.noSuchPath();
    }

    private static int schemaId(HttpCall call) {
        try {
            return Integer.parseInt(call.param(0));
        } catch (NumberFormatException e) {
            throw RegistryErrors.noSuchPath();
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return query;
    }

    /** Percent-decodes one path segment or query part; a literal '+' stays a '+'. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
