using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Coverage;

/// <summary>
/// When selection for a host can change with no write (DESIGN.md §3: validity is judged at lookup time): at each
/// candidate's <c>not_before</c>, and one second after its <c>not_after</c> (validity includes that second;
/// certificate times have whole seconds).
/// </summary>
public static class SelectionInstants
{
    /// <summary><paramref name="now"/>, then every later instant at which a candidate of either set crosses a validity bound, ascending.</summary>
    public static IReadOnlyList<DateTimeOffset> From(IReadOnlyList<SslObjectModel> before, IReadOnlyList<SslObjectModel> after, DateTimeOffset now)
    {
        var later = new SortedSet<DateTimeOffset>();
        foreach (var candidate in before.Concat(after))
        {
            if (candidate.Facts.NotBefore > now) later.Add(candidate.Facts.NotBefore);
            var expired = ExpiredFrom(candidate.Facts);
            if (expired > now) later.Add(expired);
        }
        return [now, .. later];
    }

    /// <summary>How long after its <c>not_after</c> a certificate counts as expired (validity includes that second).</summary>
    public static TimeSpan ExpiryDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The first instant at which <paramref name="facts"/> count as expired.</summary>
    public static DateTimeOffset ExpiredFrom(CertificateFacts facts) => facts.NotAfter + ExpiryDelay;

    /// <summary>True when both lists hold the same objects in the same order: selection among them is the same at every instant.</summary>
    public static bool Same(IReadOnlyList<SslObjectModel> before, IReadOnlyList<SslObjectModel> after)
    {
        if (before.Count != after.Count) return false;
        for (var i = 0; i < before.Count; i++)
        {
            if (!ReferenceEquals(before[i], after[i])) return false;
        }
        return true;
    }
}
