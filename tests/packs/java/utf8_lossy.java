// Broken on purpose: decodes the body as UTF-8 (which replaces what does not decode) and hashes
// that text encoded again.
// expect-failure: accepts-bytes-not-utf8
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookVerifier {
    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {
        byte[] body = new String(rawBody, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        return same(expected(secret, body), signatureHeader);
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
