// Receives Cobinar webhooks with the JDK's own HTTP server (Java 17+, no dependencies).
// Run: javac WebhookVerifier.java Receiver.java && COBINAR_WEBHOOK_SECRET=… java Receiver
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Receiver {
    // The JDK has no JSON parser and this receiver needs only createdAt and id, so small patterns take
    // them (JSON escapes are not expected in either; Cobinar writes the event's id before the
    // payload's fields). In production parse the body with Jackson.
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"\\\\]*)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\]*)\"");

    // Deliveries are small: a larger body is refused before it is read whole and hashed.
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    // Delivery ids already handled (the body's id: retries carry the same one). In production keep
    // these in your database, with a unique key on the id.
    private static final Set<String> seenEventIds = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws IOException {
        String secret = System.getenv("COBINAR_WEBHOOK_SECRET");
        if (secret == null || secret.isEmpty()) {
            System.err.println("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");
            System.exit(1);
        }
        String port = System.getenv().getOrDefault("PORT", "3000");
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)), 0);
        server.createContext("/webhooks/auth", exchange -> {
            try (exchange) {
                handle(exchange, secret);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool()); // the default serves one request at a time
        server.start();
        System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/auth");
    }

    private static void handle(HttpExchange exchange, String secret) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/webhooks/auth")) {
            respond(exchange, 404, "not found"); // a context also matches the paths below it
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, "method not allowed");
            return;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
            respond(exchange, 413, "body too large");
            return;
        }
        // The exact bytes received, at most one byte more than the limit (chunked bodies have no length).
        byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (raw.length > MAX_BODY_BYTES) {
            respond(exchange, 413, "body too large");
            return;
        }
        if (!WebhookVerifier.verify(raw, exchange.getRequestHeaders().getFirst("x-cobinar-signature"), secret)) {
            respond(exchange, 401, "invalid signature");
            return;
        }

        String json = new String(raw, StandardCharsets.UTF_8); // only now, after the signature matched
        if (!json.strip().startsWith("{") || !json.strip().endsWith("}")) {
            respond(exchange, 400, "not JSON");
            return;
        }
        // Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
        // delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
        Matcher createdAt = CREATED_AT.matcher(json);
        if (!createdAt.find() || !isFresh(createdAt.group(1))) {
            respond(exchange, 401, "stale delivery");
            return;
        }

        // Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
        // replay under a new header id would pass as new. Cobinar sends the two equal.
        Matcher id = ID.matcher(json);
        String eventId = id.find() ? id.group(1) : "";
        String headerId = exchange.getRequestHeaders().getFirst("x-cobinar-event-id");
        if (headerId != null && !headerId.equals(eventId)) {
            respond(exchange, 401, "event id mismatch");
            return;
        }
        if (!seenEventIds.add(eventId)) {
            respond(exchange, 200, "duplicate"); // already handled: acknowledge, do nothing
            return;
        }
        // Act on the event here, e.g. mark an otp.verified payload's requestId as verified; answer
        // 200 to every other event, reserved ones (identity.*, application.*) included.
        respond(exchange, 200, "ok");
    }

    // Whether an ISO 8601 instant (2026-07-03T14:22:10.000Z) is within 5 minutes of now.
    private static boolean isFresh(String createdAt) {
        try {
            Duration age = Duration.between(Instant.parse(createdAt), Instant.now()).abs();
            return age.compareTo(Duration.ofMinutes(5)) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
