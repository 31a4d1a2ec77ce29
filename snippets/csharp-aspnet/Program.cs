// Receives Cobinar webhooks with an ASP.NET Core minimal API (.NET 8 or later: dotnet new web, then
// this Program.cs). Run: COBINAR_WEBHOOK_SECRET=… dotnet run
//
// Not run here (this machine has no .NET SDK): the steps are those of the HttpListener receiver
// (snippets/csharp/Receiver.cs), proven on Mono. What differs from it: Kestrel and MapPost in place
// of HttpListener's loop and path checks; the body is read with EnableBuffering and CopyToAsync;
// CryptographicOperations.FixedTimeEquals compares in place of WebhookVerifier's loop, and
// HMACSHA256.HashData and Convert.ToHexString make the digest; System.Text.Json parses the body in
// place of the createdAt pattern; answers are Results.Text; Kestrel itself takes port 0.
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

string secret = Environment.GetEnvironmentVariable("COBINAR_WEBHOOK_SECRET") is { Length: > 0 } value
    ? value
    : throw new InvalidOperationException("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");

// Delivery ids already handled. Retries carry the same x-cobinar-event-id: in production keep
// these in your database, with a unique key on the id.
var seenEventIds = new ConcurrentDictionary<string, bool>();

var app = WebApplication.CreateBuilder(args).Build();

app.MapPost("/webhooks/auth", async (HttpRequest request) =>
{
    // The exact bytes received. EnableBuffering lets anything after this read the body again.
    request.EnableBuffering();
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    request.Body.Position = 0;
    byte[] raw = buffer.ToArray();
    if (!VerifyWebhook(raw, request.Headers["x-cobinar-signature"], secret))
    {
        return Results.Text("invalid signature", statusCode: 401);
    }

    JsonElement eventJson; // only now, after the signature matched
    try
    {
        using var document = JsonDocument.Parse(raw);
        eventJson = document.RootElement.Clone();
    }
    catch (JsonException)
    {
        return Results.Text("not JSON", statusCode: 400);
    }
    if (eventJson.ValueKind != JsonValueKind.Object)
    {
        return Results.Text("not JSON", statusCode: 400);
    }
    // Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
    // delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
    if (!eventJson.TryGetProperty("createdAt", out var createdAt)
        || createdAt.ValueKind != JsonValueKind.String
        || !DateTimeOffset.TryParse(createdAt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        || Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) > 5)
    {
        return Results.Text("stale delivery", statusCode: 401);
    }

    if (!seenEventIds.TryAdd(request.Headers["x-cobinar-event-id"].ToString(), true))
    {
        return Results.Text("duplicate"); // already handled: acknowledge, do nothing
    }
    if (eventJson.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String
        && name.GetString() == "otp.verified")
    {
        // e.g. mark the payload's requestId as verified
    }
    return Results.Text("ok"); // other events, reserved ones (identity.*, application.*) included
});

app.Urls.Add("http://127.0.0.1:" + (Environment.GetEnvironmentVariable("PORT") ?? "3000"));
await app.StartAsync();
Console.WriteLine($"listening on {app.Urls.First()}/webhooks/auth"); // the real port, after binding
await app.WaitForShutdownAsync();

// Whether signatureHeader is Cobinar's signature of rawBody under secret. FixedTimeEquals runs in
// constant time and is false on a length difference; a missing header is never a match.
static bool VerifyWebhook(byte[] rawBody, string? signatureHeader, string secret)
{
    if (signatureHeader is null) return false;
    byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody);
    byte[] expected = Encoding.UTF8.GetBytes("sha256=" + Convert.ToHexString(mac).ToLowerInvariant());
    return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(signatureHeader));
}
