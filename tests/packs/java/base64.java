// Broken on purpose: "to be lenient", accepts the digest in base64 as well as in hex.
// expect-failure: rejects-base64-signature
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
public class WebhookVerifier {
    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {
        byte[] mac = hmacSha256(secret, rawBody);
        return same("sha256=" + HexFormat.of().formatHex(mac), signatureHeader)
                || same("sha256=" + Base64.getEncoder().encodeToString(mac), signatureHeader);
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
