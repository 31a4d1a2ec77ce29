// Broken on purpose: hashes the body parsed and written again compact, as Jackson's readTree and
// writeValueAsBytes do; the JDK has no JSON library, so compact() below stands in for them.
// expect-failure: rejects-reserialized-pretty
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookVerifier {
    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {
        return same(expected(secret, compact(rawBody)), signatureHeader);
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String expected(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    static boolean same(String expected, String received) {
        return received != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON written again without whitespace between its tokens, its strings as they are. */
    static byte[] compact(byte[] json) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
