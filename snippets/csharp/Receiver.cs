// Receives Cobinar webhooks with System.Net.HttpListener (.NET Framework, Mono, or .NET).
// Run: mcs -out:Receiver.exe Receiver.cs WebhookVerifier.cs && COBINAR_WEBHOOK_SECRET=… mono Receiver.exe
using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

public static class Receiver
{
    // Mono has no JSON parser in its base install and this receiver needs only createdAt and id, so
    // small patterns take them (Cobinar writes the event's id before the payload's fields). On .NET,
    // parse the body with System.Text.Json's JsonDocument.Parse.
    static readonly Regex CreatedAt = new Regex("\"createdAt\"\\s*:\\s*\"([^\"\\\\]*)\"");
    static readonly Regex Id = new Regex("\"id\"\\s*:\\s*\"([^\"\\\\]*)\"");

    // Deliveries are small: a larger body is refused before it is read whole and hashed.
    const int MaxBodyBytes = 2 * 1024 * 1024;

    // Delivery ids already handled (the body's id: retries carry the same one). In production keep
    // these in your database, with a unique key on the id.
    static readonly ConcurrentDictionary<string, bool> SeenEventIds = new ConcurrentDictionary<string, bool>();

    public static void Main()
    {
        string secret = Environment.GetEnvironmentVariable("COBINAR_WEBHOOK_SECRET");
        if (string.IsNullOrEmpty(secret))
        {
            Console.Error.WriteLine("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");
            Environment.Exit(1);
        }
        int port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "3000");
        if (port == 0)
        {
            // HttpListener cannot listen on port 0: ask the system for a free port first.
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var listener = new HttpListener();
        listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
        listener.Start();
        Console.WriteLine("listening on http://127.0.0.1:" + port + "/webhooks/auth");
        while (true)
        {
            HttpListenerContext context = listener.GetContext();
            Task.Run(() => Handle(context, secret)); // each request on its own, as deliveries arrive at once
        }
    }

    static void Handle(HttpListenerContext context, string secret)
    {
        HttpListenerRequest request = context.Request;
        if (request.Url.AbsolutePath != "/webhooks/auth") { Respond(context, 404, "not found"); return; }
        if (request.HttpMethod != "POST") { Respond(context, 405, "method not allowed"); return; }

        if (request.ContentLength64 > MaxBodyBytes) { Respond(context, 413, "body too large"); return; }
        // The exact bytes received; reading stops once past the limit (a chunked body has no length).
        byte[] raw;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[81920];
            int read;
            while (buffer.Length <= MaxBodyBytes && (read = request.InputStream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
            raw = buffer.ToArray();
        }
        if (raw.Length > MaxBodyBytes) { Respond(context, 413, "body too large"); return; }
        if (!WebhookVerifier.Verify(raw, request.Headers["x-cobinar-signature"], secret))
        {
            Respond(context, 401, "invalid signature");
            return;
        }

        string json = Encoding.UTF8.GetString(raw).Trim(); // only now, after the signature matched
        if (!json.StartsWith("{") || !json.EndsWith("}")) { Respond(context, 400, "not JSON"); return; }
        // Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
        // delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
        Match createdAt = CreatedAt.Match(json);
        DateTimeOffset at;
        if (!createdAt.Success
            || !DateTimeOffset.TryParse(createdAt.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)
            || Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) > 5)
        {
            Respond(context, 401, "stale delivery");
            return;
        }

        // Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
        // replay under a new header id would pass as new. Cobinar sends the two equal.
        Match id = Id.Match(json);
        string eventId = id.Success ? id.Groups[1].Value : "";
        string headerId = request.Headers["x-cobinar-event-id"];
        if (headerId != null && headerId != eventId) { Respond(context, 401, "event id mismatch"); return; }
        if (!SeenEventIds.TryAdd(eventId, true))
        {
            Respond(context, 200, "duplicate"); // already handled: acknowledge, do nothing
            return;
        }
        // Act on the event here, e.g. mark an otp.verified payload's requestId as verified; answer
        // 200 to every other event, reserved ones (identity.*, application.*) included.
        Respond(context, 200, "ok");
    }

    static void Respond(HttpListenerContext context, int status, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes, 0, bytes.Length);
        context.Response.Close();
    }
}
