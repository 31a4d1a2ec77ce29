// Broken on purpose: trims the body (its leading and trailing whitespace bytes) before hashing.
// expect-failure: rejects-trailing-newline
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookVerifier {
    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {
        int start = 0;
        int end = rawBody.length;
        while (start < end && (rawBody[start] & 0xff) <= 32) {
            start++;
        }
        while (end > start && (rawBody[end - 1] & 0xff) <= 32) {
            end--;
        }
        return same(expected(secret, java.util.Arrays.copyOfRange(rawBody, start, end)), signatureHeader);
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
}
