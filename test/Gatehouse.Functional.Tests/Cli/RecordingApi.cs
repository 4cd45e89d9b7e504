using System.Net;
using System.Text;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Cli;

/// <summary>
/// A stand-in Admin API on loopback that answers every GET with one fixed object and ETag, and records the
/// requests it receives, to see exactly what the CLI sends.
/// </summary>
public sealed class RecordingApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public RecordingApi(string objectJson, string etag)
    {
        Uri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Uri.ToString());
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(objectJson, etag));
    }

    public Uri Uri { get; }
    public List<(string Method, string Url, string? IfMatch, string Body)> Requests { get; } = [];

    private async Task ServeAsync(string objectJson, string etag)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            lock (Requests) Requests.Add((context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["If-Match"], body));
            var bytes = Encoding.UTF8.GetBytes(objectJson);
            context.Response.ContentType = "application/json";
            context.Response.Headers["ETag"] = etag;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
