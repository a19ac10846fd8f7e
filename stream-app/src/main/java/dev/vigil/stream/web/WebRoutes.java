package dev.vigil.stream.web;

import io.javalin.config.RoutesConfig;

/**
 * A group of endpoints served by a process's {@link WebServer}: a page, an API, a stream. A command hands its groups
 * to the server when it starts it; each group adds its routes ({@code routes.get("/path", ctx -> ...)}) and is
 * tested through the server like any other.
 */
@FunctionalInterface
public interface WebRoutes {

    void addTo(RoutesConfig routes);
}
