// Cobinar's signature check, in a file of its own so that tests can compile against it.
using System;
using System.Security.Cryptography;
using System.Text;

public static class WebhookVerifier
{
    // Whether signatureHeader is Cobinar's signature of rawBody under secret, compared in constant
    // time: a header of another length (or none) is no match. On .NET Core 2.1+ and .NET 5+, use
    // CryptographicOperations.FixedTimeEquals in place of the loop; Mono 6.8 does not have it.
    public static bool Verify(byte[] rawBody, string signatureHeader, string secret)
    {
        if (signatureHeader == null) return false;
        string hex;
        using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
        {
            hex = BitConverter.ToString(hmac.ComputeHash(rawBody)).Replace("-", "").ToLowerInvariant();
        }
        byte[] expected = Encoding.UTF8.GetBytes("sha256=" + hex);
        byte[] received = Encoding.UTF8.GetBytes(signatureHeader);
        if (received.Length != expected.Length) return false;
        int difference = 0;
        for (int i = 0; i < expected.Length; i++) difference |= expected[i] ^ received[i];
        return difference == 0;
    }
}
