// Broken on purpose: hashes the body parsed and written again compact, as System.Text.Json's
// JsonSerializer.Serialize(JsonDocument.Parse(...)) does; Mono 6.8 has no JSON library, so
// Compact() below stands in for it.
// expect-failure: rejects-reserialized-pretty
using System;
using System.Security.Cryptography;
using System.Text;

public static class WebhookVerifier
{
    public static bool Verify(byte[] rawBody, string signatureHeader, string secret)
    {
        return Same(Expected(secret, Compact(rawBody)), signatureHeader);
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

    // The JSON written again without whitespace between its tokens, its strings as they are.
    static byte[] Compact(byte[] json)
    {
        var output = new System.IO.MemoryStream();
        bool inString = false;
        bool escaped = false;
        foreach (byte b in json)
        {
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == (byte)'\\') escaped = true;
                else if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r')
            {
                continue;
            }
            output.WriteByte(b);
        }
        return output.ToArray();
    }
}
