using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// One pooled <see cref="HttpMessageInvoker"/> per upstream profile, created on first use and reused by every
/// request and every later snapshot with the same profile — never one per request. A profile no snapshot uses
/// any more (a rotated or deleted client object, a changed CA set) is dropped at once, so the next request
/// opens a pool with the new identity, and disposed after a grace period that lets in-flight requests finish.
/// </summary>
internal sealed class UpstreamInvokers(ILogger logger, TimeSpan retireAfter, ForbiddenUpstreams forbidden) : IDisposable
{
    private readonly ConcurrentDictionary<UpstreamProfile, Lazy<HttpMessageInvoker>> _invokers = new();

    public HttpMessageInvoker For(UpstreamProfile profile, UpstreamTlsMaterials? materials) =>
        _invokers.GetOrAdd(profile, p => new Lazy<HttpMessageInvoker>(
            () => new HttpMessageInvoker(UpstreamHandlerFactory.Create(p, materials, forbidden, logger), disposeHandler: true))).Value;

    /// <summary>Drops every pool whose profile is not in <paramref name="live"/>.</summary>
    public void Retain(IReadOnlySet<UpstreamProfile> live)
    {
        foreach (var profile in _invokers.Keys.Where(p => !live.Contains(p)).ToList())
        {
            if (!_invokers.TryRemove(profile, out var retired) || !retired.IsValueCreated) continue;
            _ = Task.Delay(retireAfter).ContinueWith(_ => retired.Value.Dispose(), TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values.Where(l => l.IsValueCreated)) invoker.Value.Dispose();
        _invokers.Clear();
    }
}
