// Receives Cobinar webhooks in Spring Boot (Spring Web MVC). Copy it, with snippets/java's
// WebhookVerifier.java given the same package line, into your application's package.
//
// Not run here (this machine has no Spring Boot): the signature check is WebhookVerifier, proven
// with the JDK receiver (snippets/java/Receiver.java), and the steps are that receiver's. What
// differs from it: Spring reads the body and the headers into the method's parameters (the
// @RequestBody byte[] and @RequestHeader lines), Jackson, which Spring Boot ships, parses the JSON
// (objectMapper.readTree) in place of the createdAt pattern, the secret is injected (@Value), and
// the answers are ResponseEntity values.
package com.example.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CobinarWebhookController {
    private final ObjectMapper objectMapper;
    private final String secret;

    // Delivery ids already handled. Retries carry the same x-cobinar-event-id: in production keep
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

    // byte[] is the exact bytes received: never a @RequestBody of your own class or a Map, which
    // Jackson would have parsed before the signature is checked.
    @PostMapping("/webhooks/auth")
    public ResponseEntity<String> receive(
            @RequestBody byte[] body,
            @RequestHeader(value = "x-cobinar-signature", required = false) String signature,
            @RequestHeader(value = "x-cobinar-event-id", required = false) String eventId) {
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

        if (!seenEventIds.add(String.valueOf(eventId))) {
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
