// Broken on purpose: trims the body (its leading and trailing whitespace bytes) before hashing.
// expect-failure: rejects-trailing-newline
using System;
using System.Security.Cryptography;
using System.Text;

public static class WebhookVerifier
{
    public static bool Verify(byte[] rawBody, string signatureHeader, string secret)
    {
        int start = 0;
        int end = rawBody.Length;
        while (start < end && rawBody[start] <= 32) start++;
        while (end > start && rawBody[end - 1] <= 32) end--;
        var body = new byte[end - start];
        Array.Copy(rawBody, start, body, 0, body.Length);
        return Same(Expected(secret, body), signatureHeader);
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
