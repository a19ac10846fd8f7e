package dev.vigil.schemas.registry.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a request whose body is generated while it is sent, never held in memory, over a raw socket, and reads the
 * answer while still sending: a client that offers the server far more than it should take.
 */
final class StreamedUpload {

    private static final int CHUNK = 64 * 1024;
    private static final int SOCKET_TIMEOUT_MS = 60_000;

    /** The status line, the body and how many body bytes the server took before answering or closing. */
    record Result(int status, String body, long bytesSent) {}

    private StreamedUpload() {}

    /**
     * POSTs {@code bodyBytes} of JSON-looking filler to {@code path}: with a {@code Content-Length} header when
     * {@code declareLength}, else chunked.
     */
    static Result post(String baseUrl, String path, long bodyBytes, boolean declareLength) throws Exception {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            long sent = send(socket.getOutputStream(), uri.getHost(), path, bodyBytes, declareLength, answer);
            byte[] response = answer.get(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return parse(response, sent);
        }
    }

    private static long send(
            OutputStream out,
            String host,
            String path,
            long bodyBytes,
            boolean declareLength,
            CompletableFuture<byte[]> answer) {
        long sent = 0;
        try {
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: application/vnd.schemaregistry.v1+json\r\n"
                    + (declareLength ? "Content-Length: " + bodyBytes : "Transfer-Encoding: chunked") + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[CHUNK];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '{';
            while (sent < bodyBytes && !answer.isDone()) {
                int n = (int) Math.min(CHUNK, bodyBytes - sent);
                if (!declareLength) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk, 0, n);
                if (!declareLength) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent += n;
            }
            if (!declareLength && sent >= bodyBytes) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // The server answered and closed the connection while the body was still coming: what a limit does.
        }
        return sent;
    }

    private static byte[] readAll(Socket socket) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                response.write(buffer, 0, n);
                if (isComplete(response.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (IOException e) {
            // A reset after the answer: keep what arrived.
        }
        return response.toByteArray();
    }

    /** True once the head and a body of the declared length have arrived. */
    private static boolean isComplete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        long length = Long.parseLong(
                head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        return response.length() - end - 4 >= length;
    }

    private static Result parse(byte[] response, long sent) {
        String text = new String(response, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Result(-1, text, sent);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int end = text.indexOf("\r\n\r\n");
        return new Result(status, end < 0 ? "" : text.substring(end + 4), sent);
    }
}
