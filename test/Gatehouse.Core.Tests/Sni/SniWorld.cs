using Gatehouse.Core.Ids;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Tests.Sni;

/// <summary>One set of SSL objects with a group per rule of DESIGN.md §3, shared by the table test.</summary>
public sealed class SniWorld
{
    public const string SmallId = "01aaaaaaaaaaaaaaaaaaaaaaaa";
    public const string LargeId = "01bbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly Dictionary<string, string> _nameById = [];

    public SniWorld()
    {
        var now = Now;
        var day = TimeSpan.FromDays(1);
        var objects = new List<SslObjectModel>();
        var sameNotAfter = now + 45 * day;

        void Add(string name, string[] snis, TimeSpan from, TimeSpan to, long revision = 1, string? id = null,
            SslObjectType type = SslObjectType.Server, bool fallback = false)
        {
            id ??= ObjectIds.NewId(now);
            var cert = SniObjects.Cert(snis, now + from, now + to, client: type == SslObjectType.Client);
            objects.Add(SniObjects.Load(id, cert, now, revision, type, fallback));
            _nameById[id] = name;
        }

        Add("exact", ["exact.test"], -day, 30 * day);
        Add("wild", ["*.wild.test"], -day, 30 * day);
        Add("both-exact", ["www.both.test"], -day, 30 * day);
        Add("both-wild", ["*.both.test"], -day, 90 * day, revision: 50);
        Add("idn", ["xn--bcher-kva.test"], -day, 30 * day);
        Add("client", ["client.test"], -day, 30 * day, type: SslObjectType.Client);
        Add("shared-client", ["shared.test"], -day, 365 * day, revision: 99, type: SslObjectType.Client);
        Add("shared-server", ["shared.test"], -day, 30 * day);
        Add("validity-valid", ["validity.test"], -day, 30 * day);
        Add("validity-notyet", ["validity.test"], day, 365 * day, revision: 99);
        Add("expired-valid", ["expired.test"], -day, 30 * day);
        Add("expired-old", ["expired.test"], -90 * day, -day, revision: 99);
        Add("notafter-short", ["notafter.test"], -day, 30 * day, revision: 99);
        Add("notafter-long", ["notafter.test"], -day, 60 * day);
        Add("wtie-short", ["*.wtie.test"], -day, 30 * day, revision: 99);
        Add("wtie-long", ["*.wtie.test"], -day, 60 * day);
        Add("stale-older", ["stale.test"], -90 * day, -10 * day, revision: 99);
        Add("stale-recent", ["stale.test"], -90 * day, -day);
        Add("rev-low", ["revision.test"], -day, 45 * day, revision: 5, id: SmallId[..^1] + "0");
        Add("rev-high", ["revision.test"], -day, 45 * day, revision: 9, id: LargeId[..^1] + "0");
        Add("id-large", ["id.test"], -day, 45 * day, revision: 7, id: LargeId);
        Add("id-small", ["id.test"], -day, 45 * day, revision: 7, id: SmallId);
        Add("fallback", ["fallback.test"], -day, 30 * day, fallback: true);

        Objects = objects;
        WithFallback = SniIndex.Build(objects);
        WithoutFallback = SniIndex.Build(objects.Where(o => !o.IsFallback));
    }

    /// <summary>The lookup time; whole seconds, as certificates store them.</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public IReadOnlyList<SslObjectModel> Objects { get; }

    public SniIndex WithFallback { get; }

    public SniIndex WithoutFallback { get; }

    /// <summary>The test name of an object, or null.</summary>
    public string? NameOf(SslObjectModel? model) => model is null ? null : _nameById[model.Id];

    public SslObjectModel Named(string name) => Objects.Single(o => _nameById[o.Id] == name);
}
