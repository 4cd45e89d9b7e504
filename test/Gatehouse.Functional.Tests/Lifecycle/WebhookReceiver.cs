using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// A webhook receiver on a fixed free loopback port: records every POST (body and signature header) and answers 204.
/// It can be stopped (connections refused) and started again on the same port, to play an outage.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public IReadOnlyList<Received> Requests => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(FreePort.Next());
        await receiver.StartAgainAsync();
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            _received.Enqueue(new Received(buffer.ToArray(), request.Headers["X-Gatehouse-Signature"].ToString()));
            return Results.NoContent();
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: deliveries now fail with a refused connection.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>One POST as received.</summary>
    public sealed record Received(byte[] Body, string Signature)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        public bool SignedWith(string secret) =>
            Signature == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));
    }
}
