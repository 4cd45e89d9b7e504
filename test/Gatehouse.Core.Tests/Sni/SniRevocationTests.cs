using Gatehouse.Core.Sni;
using static Gatehouse.Core.Tests.Sni.SniObjects;

namespace Gatehouse.Core.Tests.Sni;

/// <summary>DESIGN.md §3 rule 4 with §12: valid now, then not revoked, then the latest not_after.</summary>
public sealed class SniRevocationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void A_revoked_object_loses_to_a_valid_non_revoked_one_even_with_a_later_not_after()
    {
        var revoked = Load("01jaaaaaaaaaaaaaaaaaaaaaaa", Cert(["rev.test"], Now - Day, Now + 60 * Day), Now);
        var other = Load("01jbbbbbbbbbbbbbbbbbbbbbbb", Cert(["rev.test"], Now - Day, Now + 30 * Day), Now);
        var index = SniIndex.Build([revoked, other], new HashSet<string> { revoked.Id });

        Assert.Same(other, index.Select("rev.test", Now));
        var decision = index.Explain("rev.test", Now);
        Assert.Same(other, decision.Winner);
        Assert.Equal("revocation", decision.DecidedBy);
        Assert.Equal([false, true], decision.Candidates.Select(c => c.Revoked));

        // Without the revocation the later not_after wins as before.
        Assert.Same(revoked, SniIndex.Build([revoked, other]).Select("rev.test", Now));
    }

    [Fact]
    public void Valid_now_still_comes_first_and_a_revoked_object_alone_is_still_served()
    {
        var revoked = Load("01jaaaaaaaaaaaaaaaaaaaaaaa", Cert(["alone.test"], Now - Day, Now + 60 * Day), Now);
        var expired = Load("01jcccccccccccccccccccccc0", Cert(["alone.test"], Now - 10 * Day, Now - Day), Now);
        var index = SniIndex.Build([revoked, expired], new HashSet<string> { revoked.Id });

        Assert.Same(revoked, index.Select("alone.test", Now));
        Assert.Equal("validity", index.Explain("alone.test", Now).DecidedBy);
    }

    [Fact]
    public void Among_candidates_none_of_which_is_valid_now_not_revoked_still_beats_revoked()
    {
        // Both expired: the revoked one expired later, so the not_after step alone would pick it.
        var revoked = Load("01jaaaaaaaaaaaaaaaaaaaaaaa", Cert(["old.test"], Now - 60 * Day, Now - Day), Now);
        var other = Load("01jbbbbbbbbbbbbbbbbbbbbbbb", Cert(["old.test"], Now - 60 * Day, Now - 5 * Day), Now);
        var index = SniIndex.Build([revoked, other], new HashSet<string> { revoked.Id });

        Assert.Same(other, index.Select("old.test", Now));
        var decision = index.Explain("old.test", Now);
        Assert.Same(other, decision.Winner);
        Assert.Equal("revocation", decision.DecidedBy);
        Assert.Same(revoked, SniIndex.Build([revoked, other]).Select("old.test", Now));
    }
}
