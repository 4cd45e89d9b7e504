using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using static Gatehouse.Core.Tests.Sni.SniObjects;

namespace Gatehouse.Core.Tests.Sni;

/// <summary>DESIGN.md §3 as a table: one row per selection rule, checked through Select and Explain.</summary>
public sealed class SniIndexTests(SniWorld world) : IClassFixture<SniWorld>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static TheoryData<string, bool, string?, string?, string> Rules => new()
    {
        // rule,                                              fallback, SNI,              winner,           decided_by
        { "exact name",                                        true,  "exact.test",       "exact",          "exact" },
        { "wildcard matches one label below",                  true,  "a.wild.test",      "wild",           "wildcard" },
        { "wildcard does not match the apex",                  true,  "wild.test",        null,             "no_match" },
        { "wildcard does not match two labels below",          true,  "a.b.wild.test",    null,             "no_match" },
        { "exact beats wildcard",                              true,  "www.both.test",    "both-exact",     "exact" },
        { "wildcard applies when no exact name matches",       true,  "api.both.test",    "both-wild",      "wildcard" },
        { "upper-case SNI",                                    true,  "EXACT.Test",       "exact",          "exact" },
        { "trailing dot",                                      true,  "exact.test.",      "exact",          "exact" },
        { "upper-case wildcard SNI with trailing dot",         true,  "A.WILD.TEST.",     "wild",           "wildcard" },
        { "U-label SNI matches an xn-- SAN",                   true,  "bücher.test",      "idn",            "exact" },
        { "upper-case U-label SNI",                            true,  "BÜCHER.TEST",      "idn",            "exact" },
        { "unknown name, no fallback",                         false, "unknown.test",     null,             "no_match" },
        { "unknown name never gets the fallback",              true,  "unknown.test",     null,             "no_match" },
        { "single-label unknown name never gets the fallback", true,  "localhost",        null,             "no_match" },
        { "empty SNI gets the fallback",                       true,  "",                 "fallback",       "fallback" },
        { "null SNI gets the fallback",                        true,  null,               "fallback",       "fallback" },
        { "empty SNI without a fallback fails",                false, "",                 null,             "no_match" },
        { "null SNI without a fallback fails",                 false, null,               null,             "no_match" },
        { "the fallback is also selected by its own name",     true,  "fallback.test",    "fallback",       "exact" },
        { "invalid SNI fails",                                 true,  "bad name.test",    null,             "no_match" },
        { "invalid SNI with two trailing dots fails",          true,  "exact.test..",     null,             "no_match" },
        { "a literal wildcard SNI fails",                      true,  "*.wild.test",      null,             "no_match" },
        { "an IP literal SNI fails",                           true,  "192.0.2.1",        null,             "no_match" },
        { "client objects are never selected",                 true,  "client.test",      null,             "no_match" },
        { "client objects do not compete with server objects", true,  "shared.test",      "shared-server",  "exact" },
        { "valid now beats not yet valid",                     true,  "validity.test",    "validity-valid", "validity" },
        { "valid now beats expired",                           true,  "expired.test",     "expired-valid",  "validity" },
        { "then the latest not_after",                         true,  "notafter.test",    "notafter-long",  "not_after" },
        { "the latest not_after among wildcards",              true,  "x.wtie.test",      "wtie-long",      "not_after" },
        { "the latest not_after when none is valid",           true,  "stale.test",       "stale-recent",   "not_after" },
        { "then the highest revision",                         true,  "revision.test",    "rev-high",       "revision" },
        { "then the smallest id",                              true,  "id.test",          "id-small",       "id" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Selection_follows_the_rules(string rule, bool withFallback, string? sni, string? winner, string decidedBy)
    {
        var index = withFallback ? world.WithFallback : world.WithoutFallback;

        var selected = index.Select(sni, world.Now);
        var decision = index.Explain(sni, world.Now);

        Assert.True(winner == world.NameOf(selected), $"{rule}: Select chose {world.NameOf(selected) ?? "nothing"}, expected {winner ?? "nothing"}");
        Assert.True(winner == world.NameOf(decision.Winner), $"{rule}: Explain chose {world.NameOf(decision.Winner) ?? "nothing"}, expected {winner ?? "nothing"}");
        Assert.True(decidedBy == decision.DecidedBy, $"{rule}: decided_by was {decision.DecidedBy}, expected {decidedBy}");
        Assert.Equal(sni ?? "", decision.Host);
        if (winner is null) Assert.Null(selected);
        else Assert.Same(decision.Winner, selected);
        if (winner is not null) Assert.Same(decision.Winner, decision.Candidates[0].Object);
    }

    [Theory]
    [InlineData("EXACT.test.", "exact.test")]
    [InlineData("bücher.test", "xn--bcher-kva.test")]
    [InlineData("unknown.test", "unknown.test")]
    [InlineData("bad name.test", null)]
    [InlineData("", null)]
    public void Explain_reports_the_normalized_host(string sni, string? normalized) =>
        Assert.Equal(normalized, world.WithFallback.Explain(sni, world.Now).Normalized);

    [Fact]
    public void Explain_lists_exact_candidates_before_wildcard_ones()
    {
        var decision = world.WithFallback.Explain("www.both.test", world.Now);

        Assert.Equal(
            [("both-exact", "www.both.test", SniStep.Exact), ("both-wild", "*.both.test", SniStep.Wildcard)],
            decision.Candidates.Select(c => (world.NameOf(c.Object), c.Matched, c.Step)));
    }

    [Theory]
    [InlineData("validity.test", new[] { "validity-valid", "validity-notyet" }, new[] { true, false })]
    [InlineData("expired.test", new[] { "expired-valid", "expired-old" }, new[] { true, false })]
    [InlineData("notafter.test", new[] { "notafter-long", "notafter-short" }, new[] { true, true })]
    [InlineData("stale.test", new[] { "stale-recent", "stale-older" }, new[] { false, false })]
    [InlineData("revision.test", new[] { "rev-high", "rev-low" }, new[] { true, true })]
    [InlineData("id.test", new[] { "id-small", "id-large" }, new[] { true, true })]
    [InlineData("x.wtie.test", new[] { "wtie-long", "wtie-short" }, new[] { true, true })]
    public void Explain_lists_candidates_in_selection_order(string sni, string[] names, bool[] validNow)
    {
        var candidates = world.WithFallback.Explain(sni, world.Now).Candidates;

        Assert.Equal(names, candidates.Select(c => world.NameOf(c.Object)));
        Assert.Equal(validNow, candidates.Select(c => c.ValidNow));
    }

    [Fact]
    public void Explain_for_no_sni_lists_the_fallback()
    {
        var decision = world.WithFallback.Explain("", world.Now);

        var candidate = Assert.Single(decision.Candidates);
        Assert.Equal(("fallback", SniStep.Fallback, true), (world.NameOf(candidate.Object), candidate.Step, candidate.ValidNow));
        Assert.Null(decision.Normalized);
    }

    [Theory]
    [InlineData("unknown.test")]
    [InlineData("client.test")]
    [InlineData("bad name.test")]
    public void Explain_without_a_match_lists_no_candidates(string sni) =>
        Assert.Empty(world.WithFallback.Explain(sni, world.Now).Candidates);

    [Fact]
    public void The_choice_changes_when_now_crosses_not_before_and_not_after()
    {
        var now = world.Now;
        // The current certificate expires in 10 days; its renewal was uploaded early and starts in 20 days.
        var current = Load("01c0000000000000000000000a", Cert(["cross.test"], now - 300 * Day, now + 10 * Day), now, revision: 1);
        var renewal = Load("01c0000000000000000000000b", Cert(["cross.test"], now + 20 * Day, now + 400 * Day), now, revision: 2);
        var index = SniIndex.Build([current, renewal]);

        Assert.Same(current, index.Select("cross.test", now));
        Assert.Equal("validity", index.Explain("cross.test", now).DecidedBy);
        Assert.Same(current, index.Select("cross.test", current.Facts.NotAfter));
        Assert.Same(renewal, index.Select("cross.test", current.Facts.NotAfter.AddSeconds(1)));
        Assert.Equal("not_after", index.Explain("cross.test", current.Facts.NotAfter.AddSeconds(1)).DecidedBy);
        Assert.Same(renewal, index.Select("cross.test", renewal.Facts.NotBefore));
        Assert.Equal("validity", index.Explain("cross.test", renewal.Facts.NotBefore).DecidedBy);
    }

    [Fact]
    public void A_valid_renewal_with_a_later_not_after_wins_once_it_starts()
    {
        var now = world.Now;
        var current = Load("01c0000000000000000000000a", Cert(["renew.test"], now - 300 * Day, now + 10 * Day), now);
        var renewal = Load("01c0000000000000000000000b", Cert(["renew.test"], now + 5 * Day, now + 400 * Day), now);
        var index = SniIndex.Build([renewal, current]);

        Assert.Same(current, index.Select("renew.test", now));
        Assert.Same(current, index.Select("renew.test", renewal.Facts.NotBefore.AddSeconds(-1)));
        Assert.Same(renewal, index.Select("renew.test", renewal.Facts.NotBefore));
        Assert.Equal("not_after", index.Explain("renew.test", renewal.Facts.NotBefore).DecidedBy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("exact.test")]
    public void An_empty_index_selects_nothing(string? sni)
    {
        Assert.Null(SniIndex.Empty.Select(sni, world.Now));
        Assert.Equal("no_match", SniIndex.Empty.Explain(sni, world.Now).DecidedBy);
    }

    [Fact]
    public void Selection_stays_correct_with_ten_thousand_objects()
    {
        var now = world.Now;
        const int count = 10_000;
        var objects = new List<SslObjectModel>(count + 2);
        for (var i = 0; i < count; i++)
            objects.Add(Load($"01e{i:d23}", Cert([$"host{i}.scale.test"], now - Day, now + 30 * Day), now));
        var wildcard = Load("01f00000000000000000000000", Cert(["*.scale.test"], now - Day, now + 30 * Day), now);
        var fallback = Load("01f00000000000000000000001", Cert(["fallback.scale.test"], now - Day, now + 30 * Day), now, fallback: true);
        objects.Add(wildcard);
        objects.Add(fallback);

        var index = SniIndex.Build(objects);

        foreach (var i in new[] { 0, 1, 4_999, 9_998, 9_999 })
        {
            Assert.Same(objects[i], index.Select($"HOST{i}.scale.test.", now));
            Assert.Single(index.Explain($"host{i}.scale.test", now).Candidates, c => c.Step == SniStep.Exact);
        }
        Assert.Same(wildcard, index.Select("host10000.scale.test", now));
        Assert.Equal("wildcard", index.Explain("host10000.scale.test", now).DecidedBy);
        Assert.Null(index.Select("a.host1.scale.test", now));
        Assert.Null(index.Select("scale.test", now));
        Assert.Same(fallback, index.Select("", now));
    }
}
