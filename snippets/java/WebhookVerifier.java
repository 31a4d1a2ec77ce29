// Cobinar's signature check, in a file of its own so that tests can compile against it.
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class WebhookVerifier {
    /**
     * Whether signatureHeader is Cobinar's signature of rawBody under secret. MessageDigest.isEqual
     * runs in constant time and is false on a length difference; a missing header is no match.
     */
    public static boolean verify(byte[] rawBody, String signatureHeader, String secret) {
        if (signatureHeader == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(rawBody)); // lower case
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), signatureHeader.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
