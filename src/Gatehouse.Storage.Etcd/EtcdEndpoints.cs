using dotnet_etcd;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Gatehouse.Storage.Etcd;

/// <summary>Parses the endpoint list and builds the one gRPC channel that balances over it.</summary>
internal sealed class EtcdEndpoints
{
    private const int DefaultPort = 2379;

    private EtcdEndpoints(IReadOnlyList<Uri> uris) => Uris = uris;

    public IReadOnlyList<Uri> Uris { get; }

    /// <summary>host:port of every endpoint, for error messages (never user information from the URLs).</summary>
    public string Display => string.Join(",", Uris.Select(uri => uri.Authority));

    /// <summary>Parses <c>"http://h1:2379,http://h2:2379"</c>; every endpoint must use the same scheme.</summary>
    public static EtcdEndpoints Parse(string endpoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoints);
        var uris = new List<Uri>();
        foreach (var part in endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                throw new ArgumentException($"'{part}' is not an etcd endpoint such as http://127.0.0.1:2379.", nameof(endpoints));
            }

            uris.Add(new UriBuilder(uri.Scheme, uri.Host, uri.IsDefaultPort ? DefaultPort : uri.Port).Uri);
        }

        if (uris.Count == 0)
        {
            throw new ArgumentException("No etcd endpoint given.", nameof(endpoints));
        }

        if (uris.Select(uri => uri.Scheme).Distinct().Count() > 1)
        {
            throw new ArgumentException("etcd endpoints must all use http or all use https.", nameof(endpoints));
        }

        return new EtcdEndpoints(uris);
    }

    public GrpcChannel CreateChannel(EtcdStoreOptions options)
    {
        var credentials = Uris[0].Scheme == "http" ? ChannelCredentials.Insecure : ChannelCredentials.SecureSsl;
        var connectionString = string.Join(",", Uris.Select(uri => uri.GetLeftPart(UriPartial.Authority)));
        return new GrpcChannelFactory().CreateChannel(connectionString, DefaultPort, Uris[0].Host, credentials,
            channel => Configure(channel, options), configureSslOptions: null);
    }

    private static void Configure(GrpcChannelOptions channel, EtcdStoreOptions options)
    {
        channel.MaxReconnectBackoff = options.MaxReconnectBackoff;
        channel.InitialReconnectBackoff = TimeSpan.FromMilliseconds(Math.Min(500, options.MaxReconnectBackoff.TotalMilliseconds));
        // Listings come in pages (DESIGN.md §11), but one page of large values (etcd allows 1.5 MiB each) can pass
        // gRPC's 4 MiB default; etcd bounds each value, the page size bounds their number.
        channel.MaxReceiveMessageSize = null;
        channel.ServiceConfig = new ServiceConfig
        {
            LoadBalancingConfigs = { new RoundRobinConfig() },
            // Only reads are retried: a Txn that failed in flight may have been applied, and repeating it could
            // apply it twice or report a false conflict. A failed commit throws; the caller re-reads.
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names =
                    {
                        new MethodName { Service = "etcdserverpb.KV", Method = "Range" },
                        new MethodName { Service = "etcdserverpb.Maintenance", Method = "Status" },
                    },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = 3,
                        InitialBackoff = TimeSpan.FromMilliseconds(100),
                        MaxBackoff = TimeSpan.FromSeconds(1),
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        };
    }
}
