// Broken on purpose: a hand-written comparison whose loop runs over the shorter length only, so
// it returns true early for an empty (or shorter) header.
// expect-failure: rejects-empty-signature
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookVerifier {
    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {
        String expected = expected(secret, rawBody);
        String received = signatureHeader == null ? "missing" : signatureHeader;
        int difference = 0;
        for (int i = 0; i < Math.min(received.length(), expected.length()); i++) {
            difference |= received.charAt(i) ^ expected.charAt(i);
        }
        return difference == 0;
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
