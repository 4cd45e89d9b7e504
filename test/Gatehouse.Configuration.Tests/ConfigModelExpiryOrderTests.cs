using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>
/// Soonest expiry first, read from the model's expiry index (never a store listing: the model holds no store), in pages
/// that continue after a position, so a page costs what it shows.
/// </summary>
public sealed class ConfigModelExpiryOrderTests
{
    private const string Expired = "01aaaaaaaaaaaaaaaaaaaaaaaa", Client = "01bbbbbbbbbbbbbbbbbbbbbbbb", TieLow = "01cccccccccccccccccccccccc",
        TieHigh = "01dddddddddddddddddddddddd", Late = "01eeeeeeeeeeeeeeeeeeeeeeee";

    private static readonly StoredItems Items = new();
    private static readonly DateTimeOffset TieAt = Now.AddDays(10);

    private static readonly ConfigModel Model = ConfigModel.Load(
    [
        Items.Ssl(Late, ServerCert("late.test", Now.AddDays(100)), 2),
        Items.Ssl(TieHigh, ServerCert("tie-high.test", TieAt), 3),
        Items.Ssl(Expired, ServerCert("expired.test", Now.AddDays(-1)), 4),
        Items.Ssl(TieLow, ServerCert("tie-low.test", TieAt), 5),
        Items.Ssl(Client, TestPki.SelfSigned(new CertSpec
        {
            CommonName = "client", DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth], NotBefore = Now.AddDays(-1), NotAfter = Now.AddDays(5),
        }), 6, SslObjectType.Client),
    ], 6, Items.Codec);

    private static List<string> Ids(IEnumerable<(ExpiryPosition Position, SslObjectModel Ssl)> rows) => [.. rows.Select(r => r.Ssl.Id)];

    [Fact]
    public void Objects_come_soonest_first_ties_by_id_both_types_merged_or_one_type()
    {
        Assert.Equal([Expired, Client, TieLow, TieHigh, Late], Ids(Model.SslsBySoonestExpiry()));
        Assert.Equal([Expired, TieLow, TieHigh, Late], Ids(Model.SslsBySoonestExpiry(type: SslObjectType.Server)));
        Assert.Equal([Client], Ids(Model.SslsBySoonestExpiry(type: SslObjectType.Client)));
        Assert.All(Model.SslsBySoonestExpiry(), r => Assert.Equal(ExpiryPosition.Of(r.Ssl.EarliestNotAfter, r.Ssl.Id), r.Position));
    }

    [Fact]
    public void Pages_continue_after_the_last_position_even_when_that_object_changed_or_went()
    {
        var walked = new List<string>();
        ExpiryPosition? after = null;
        while (true)
        {
            var page = Model.SslsBySoonestExpiry(after).Take(2).ToList();
            if (page.Count == 0) break;
            walked.AddRange(page.Select(p => p.Ssl.Id));
            after = page[^1].Position;
        }
        Assert.Equal([Expired, Client, TieLow, TieHigh, Late], walked);

        var tieLow = Model.SslsBySoonestExpiry().Single(r => r.Ssl.Id == TieLow).Position;
        Assert.Equal([TieHigh, Late], Ids(Model.SslsBySoonestExpiry(tieLow)));
        Assert.Equal([TieLow, TieHigh, Late], Ids(Model.SslsBySoonestExpiry(ExpiryPosition.Before(TieAt.AddSeconds(-1)))));

        // TieLow deleted and Late renewed to expire tomorrow: the same cursor still starts after TieLow's place.
        var changed = Model.Apply(
        [
            new WatchEvent.Deleted(StoreKeys.Ssl(TieLow), 7),
            new WatchEvent.Put(Items.Ssl(Late, ServerCert("late.test", Now.AddDays(1)), 8)),
        ], Items.Codec, out _);
        Assert.Equal([TieHigh], Ids(changed.SslsBySoonestExpiry(tieLow)));
        Assert.Equal([Expired, Late, Client, TieHigh], Ids(changed.SslsBySoonestExpiry()));
        // The model it came from is unchanged.
        Assert.Equal([Expired, Client, TieLow, TieHigh, Late], Ids(Model.SslsBySoonestExpiry()));
    }

    [Fact]
    public void Positions_read_back_from_their_text_and_nothing_else_is_one()
    {
        var position = ExpiryPosition.Of(TieAt, TieLow);
        Assert.True(ExpiryPosition.TryParse(position.ToString(), out var read));
        Assert.Equal(position, read);
        Assert.Equal($"{TieAt.UtcTicks}-{TieLow}", position.ToString());
        foreach (var bad in new[] { null, "", TieLow, "-" + TieLow, "12-", "12-x", $"+12-{TieLow}", $"1 2-{TieLow}", $"99999999999999999999-{TieLow}",
                     $"{long.MaxValue}-{TieLow}", $"12-{TieLow}x" })
            Assert.False(ExpiryPosition.TryParse(bad, out _), bad);
    }
}
