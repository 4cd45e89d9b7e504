using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>Both ways of <see cref="ConfigModel.ExpiringBy"/> agree with a brute force over server and client objects mixed, for cursors null, "" and mid-list.</summary>
public sealed class ConfigModelExpiringMixedTypesTests
{
    private const int Objects = 100;
    private static readonly StoredItems Items = new();

    private static readonly (string Id, DateTimeOffset NotAfter, SslObjectType Type)[] Expiries =
        [.. Enumerable.Range(0, Objects).Select(i => ($"01{(char)('a' + (i * 7) % 26)}{i:D23}", Now.AddDays(i).AddHours(12),
            i % 3 == 0 ? SslObjectType.Client : SslObjectType.Server))];

    private static readonly ConfigModel Model = ConfigModel.Load(
        [.. Expiries.Select((e, i) => Items.Ssl(e.Id, e.Type == SslObjectType.Client
            ? TestPki.SelfSigned(new CertSpec { CommonName = "c", DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth], NotBefore = Now.AddDays(-1), NotAfter = e.NotAfter })
            : ServerCert($"o{i}.test", e.NotAfter), i + 2, e.Type))], Objects + 1, Items.Codec);

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    [InlineData(85)]
    [InlineData(100)]
    public void Both_ways_agree_with_brute_force(int days)
    {
        var when = Now.AddDays(days);
        foreach (SslObjectType? type in new SslObjectType?[] { null, SslObjectType.Server, SslObjectType.Client })
        {
            var all = Expiries.Where(e => e.NotAfter <= when && (type is null || e.Type == type)).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
            foreach (var cursor in new string?[] { null, "", all.Count > 0 ? all[all.Count / 2] : "01m", "01m" })
            {
                var expected = all.Where(id => string.IsNullOrEmpty(cursor) || string.CompareOrdinal(id, cursor) > 0).ToList();
                Assert.Equal(expected, Model.ExpiringBy(when, type, cursor).Select(m => m.Id).ToList());
            }
        }
    }
}
