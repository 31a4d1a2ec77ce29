// Receives Cobinar webhooks with an ASP.NET Core minimal API (.NET 8 or later: dotnet new web, then
// this Program.cs). Run: COBINAR_WEBHOOK_SECRET=… dotnet run
//
// Not run here (this machine has no .NET SDK). Its VerifyWebhook, at the end, is its own .NET code
// (HMACSHA256.HashData, compared with CryptographicOperations.FixedTimeEquals): the same steps as
// the HttpListener receiver's WebhookVerifier (snippets/csharp), which is proven on Mono, but this
// code is not run here. The other steps are that receiver's (snippets/csharp/Receiver.cs) too.
// What differs from it: Kestrel and MapPost in place of HttpListener's loop and path checks; the
// body size limit is Kestrel's, set for this route; the body is read with EnableBuffering and
// CopyToAsync; System.Text.Json parses the body in place of the createdAt and id patterns; answers
// are Results.Text; Kestrel itself takes port 0.
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

string secret = Environment.GetEnvironmentVariable("COBINAR_WEBHOOK_SECRET") is { Length: > 0 } value
    ? value
    : throw new InvalidOperationException("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");

// Delivery ids already handled (the body's id: retries carry the same one). In production keep
// these in your database, with a unique key on the id.
var seenEventIds = new ConcurrentDictionary<string, bool>();

var app = WebApplication.CreateBuilder(args).Build();

app.MapPost("/webhooks/auth", async (HttpRequest request) =>
{
    // Deliveries are small: a larger body is refused before it is read whole and hashed. Kestrel's
    // own limit is 30,000,000 bytes unless set, so set it here, before the body is read: reading
    // past it (chunked bodies included) throws a BadHttpRequestException with status 413.
    request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = 2 * 1024 * 1024;
    // The exact bytes received. EnableBuffering lets anything after this read the body again.
    request.EnableBuffering();
    using var buffer = new MemoryStream();
    try
    {
        await request.Body.CopyToAsync(buffer);
    }
    catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
    {
        return Results.Text("body too large", statusCode: 413);
    }
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

    // Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
    // replay under a new header id would pass as new. Cobinar sends the two equal.
    string eventId = eventJson.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
        ? id.GetString()!
        : "";
    if (request.Headers.TryGetValue("x-cobinar-event-id", out var headerId) && headerId.ToString() != eventId)
    {
        return Results.Text("event id mismatch", statusCode: 401);
    }
    if (!seenEventIds.TryAdd(eventId, true))
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
