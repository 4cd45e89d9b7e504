namespace Gatehouse.Acme;

/// <summary>An ACME request that failed: the CA's problem document and, when it said so, when to try again.</summary>
public sealed class AcmeException(AcmeProblem problem, TimeSpan? retryAfter = null)
    : Exception(problem.ToString())
{
    public AcmeProblem Problem { get; } = problem;

    /// <summary>The CA's <c>Retry-After</c> (rate limits, §6.6), or null.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
