using System.Collections.Concurrent;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// One pooled <see cref="HttpMessageInvoker"/> per upstream profile, created on first use and reused by every
/// request and every later snapshot with the same profile — never one per request.
/// </summary>
internal sealed class UpstreamInvokers : IDisposable
{
    private readonly ConcurrentDictionary<UpstreamProfile, Lazy<HttpMessageInvoker>> _invokers = new();

    public HttpMessageInvoker For(UpstreamProfile profile) =>
        _invokers.GetOrAdd(profile, p => new Lazy<HttpMessageInvoker>(() => new HttpMessageInvoker(UpstreamHandlerFactory.Create(p), disposeHandler: true))).Value;

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values.Where(l => l.IsValueCreated)) invoker.Value.Dispose();
        _invokers.Clear();
    }
}
