package org.kohsuke.stapler;

public class HttpResponses {
    public static HttpResponseException errorWithoutStack(int code, String errorMessage) {
        throw new UnsupportedOperationException();
    }

    public static HttpResponse redirectToDot() {
        throw new UnsupportedOperationException();
    }

    public static HttpResponseException forwardToPreviousPage() {
        throw new UnsupportedOperationException();
    }

    public abstract static class HttpResponseException extends RuntimeException implements HttpResponse {
        public HttpResponseException() {
        throw new UnsupportedOperationException();
        }
    }
}
