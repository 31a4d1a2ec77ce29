// Broken on purpose: trims the secret inside the verify function, so a secret with a newline
// verifies as if it had none.
// expect-failure: rejects-secret-trailing-newline
using System;
using System.Security.Cryptography;
using System.Text;

public static class WebhookVerifier
{
    public static bool Verify(byte[] rawBody, string signatureHeader, string secret)
    {
        return Same(Expected(secret.Trim(), rawBody), signatureHeader);
    }

    static byte[] HmacSha256(string secret, byte[] body)
    {
        using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
        {
            return hmac.ComputeHash(body);
        }
    }

    static string Hex(byte[] bytes)
    {
        return BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
    }

    static string Expected(string secret, byte[] body)
    {
        return "sha256=" + Hex(HmacSha256(secret, body));
    }

    // Constant time, and false on a length difference or a missing header.
    static bool Same(string expected, string received)
    {
        if (received == null) return false;
        byte[] a = Encoding.UTF8.GetBytes(expected);
        byte[] b = Encoding.UTF8.GetBytes(received);
        if (a.Length != b.Length) return false;
        int difference = 0;
        for (int i = 0; i < a.Length; i++) difference |= a[i] ^ b[i];
        return difference == 0;
    }
}
