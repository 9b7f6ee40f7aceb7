package io.jenkins.plugins.dbrunbooks.plugin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Writes the JSON answers of the REST endpoints with Jackson (json-lib is not on Maven Central). */
public final class JsonResponse {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponse() {
    }

    public static void write(HttpServletResponse rsp, int status, Map<String, Object> body) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.getWriter().write(MAPPER.writeValueAsString(body));
    }
}
