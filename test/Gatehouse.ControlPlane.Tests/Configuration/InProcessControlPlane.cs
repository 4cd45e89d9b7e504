using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Secrets;
using Gatehouse.Storage.Sqlite;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatehouse.ControlPlane.Tests.Configuration;

/// <summary>
/// The control plane in this process, on a loopback port, over a real SQLite store wrapped in a
/// <see cref="CountingStore"/>, fed by its own <see cref="ConfigFeed"/> as <c>gatehouse control-plane</c> runs it.
/// </summary>
internal sealed class InProcessControlPlane : IAsyncDisposable
{
    private const string Token = "in-process-admin-token-0123456789abcdef";
    private readonly string _directory;
    private readonly ConfigFeed _feed;
    private readonly WebApplication _app;

    private InProcessControlPlane(string directory, CountingStore store, ConfigFeed feed, WebApplication app, HttpClient client)
    {
        _directory = directory;
        Store = store;
        _feed = feed;
        _app = app;
        Client = client;
    }

    public CountingStore Store { get; }

    /// <summary>Authenticated with the admin token.</summary>
    public HttpClient Client { get; }

    /// <param name="storeProbeInterval">Time between the background store probes behind <c>gatehouse_store_up</c> (5 s when null).</param>
    public static async Task<InProcessControlPlane> StartAsync(Action<CountingStore>? prepare = null, TimeSpan? storeProbeInterval = null)
    {
        var directory = Directory.CreateTempSubdirectory("gatehouse-cp-").FullName;
        var store = new CountingStore(await SqliteConfigStore.OpenAsync(Path.Combine(directory, "gatehouse.db")));
        prepare?.Invoke(store);
        var keyring = Keyring.Generate();
        var feed = new ConfigFeed(store, new ConfigCodec(TimeProvider.System, keyring), new ConfigModelHolder(), NullLogger<ConfigFeed>.Instance);
        await feed.StartAndLoadAsync(CancellationToken.None);
        var port = FreePort.Next();
        var app = AdminHost.Build(new AdminHostOptions(new IPEndPoint(IPAddress.Loopback, port), StoreProbeInterval: storeProbeInterval), store, feed.Holder, keyring,
            AdminToken.FromValue(Token));
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return new InProcessControlPlane(directory, store, feed, app, client);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _feed.StopAsync(CancellationToken.None);
        _feed.Dispose();
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
