namespace Gatehouse.Core.Sni;

/// <summary>The step of DESIGN.md §3 at which an object matched.</summary>
public enum SniStep
{
    Exact,
    Wildcard,
    Fallback,
}
