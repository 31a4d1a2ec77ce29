// Receives Cobinar webhooks in Spring Boot (Spring Web MVC). Copy it, with snippets/java's
// WebhookVerifier.java given the same package line, into your application's package.
//
// Not run here (this machine has no Spring Boot): the signature check is WebhookVerifier, proven
// with the JDK receiver (snippets/java/Receiver.java), and the steps are that receiver's. What
// differs from it: Spring hands the headers and the body's stream to the method's parameters (the
// @RequestHeader and InputStream lines), Jackson, which Spring Boot ships, parses the JSON
// (objectMapper.readTree) in place of the createdAt and id patterns, the secret is injected
// (@Value), and the answers are ResponseEntity values.
//
// With spring-security, its CSRF protection must exclude this route, else every delivery gets 403:
// http.csrf(c -> c.ignoringRequestMatchers("/webhooks/auth")) in your SecurityFilterChain.
package com.example.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CobinarWebhookController {
    private final ObjectMapper objectMapper;
    private final String secret;

    // Delivery ids already handled (the body's id: retries carry the same one). In production keep
    // these in your database, with a unique key on the id.
    private final Set<String> seenEventIds = ConcurrentHashMap.newKeySet();

    // The application does not start without COBINAR_WEBHOOK_SECRET in the environment.
    public CobinarWebhookController(ObjectMapper objectMapper, @Value("${COBINAR_WEBHOOK_SECRET}") String secret) {
        if (secret.isEmpty()) {
            throw new IllegalStateException("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");
        }
        this.objectMapper = objectMapper;
        this.secret = secret;
    }

    // Deliveries are small: a larger body is refused before it is read whole and hashed. Spring Boot
    // sets no limit on a body: spring.servlet.multipart.* is for multipart uploads only, and
    // server.tomcat.max-swallow-size for what Tomcat discards after an early answer.
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    // The body is read here, as the exact bytes received: never a @RequestBody of your own class or
    // a Map, which Jackson would have parsed before the signature is checked (nor @RequestBody
    // byte[], which reads it whole whatever its size).
    @PostMapping("/webhooks/auth")
    public ResponseEntity<String> receive(
            InputStream bodyStream,
            @RequestHeader(value = "Content-Length", required = false) Long contentLength,
            @RequestHeader(value = "x-cobinar-signature", required = false) String signature,
            @RequestHeader(value = "x-cobinar-event-id", required = false) String headerId)
            throws IOException {
        if (contentLength != null && contentLength > MAX_BODY_BYTES) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body("body too large");
        }
        // At most one byte over the limit is read (a chunked body has no Content-Length).
        byte[] body = bodyStream.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body("body too large");
        }
        if (!WebhookVerifier.verify(body, signature, secret)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("invalid signature");
        }

        JsonNode event;
        try {
            event = objectMapper.readTree(body); // only now, after the signature matched
        } catch (IOException e) {
            return ResponseEntity.badRequest().body("not JSON");
        }
        if (!event.isObject()) {
            return ResponseEntity.badRequest().body("not JSON");
        }
        // Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
        // delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
        if (!isFresh(event.path("createdAt").asText())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("stale delivery");
        }

        // Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
        // replay under a new header id would pass as new. Cobinar sends the two equal.
        String eventId = event.path("id").asText();
        if (headerId != null && !headerId.equals(eventId)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("event id mismatch");
        }
        if (!seenEventIds.add(eventId)) {
            return ResponseEntity.ok("duplicate"); // already handled: acknowledge, do nothing
        }
        if (event.path("event").asText().equals("otp.verified")) {
            // e.g. mark event.path("payload").path("requestId").asText() as verified
        }
        return ResponseEntity.ok("ok"); // other events, reserved ones (identity.*, application.*) included
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
}
