namespace Gatehouse.Core.Validation;

/// <summary>What kind of refusal a domain operation ended in; the API's edge chooses the HTTP status for each.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule (a field, a reference, a request the operator must change).</summary>
    Invalid,

    /// <summary>The object named does not exist.</summary>
    NotFound,

    /// <summary>The input is valid but clashes with what is stored (a taken name, a second fallback, an object still in use).</summary>
    Conflict,

    /// <summary>The change trips a guard (it would uncover a host or weaken peer authentication); forcing it is allowed.</summary>
    Guarded,

    /// <summary>The object changed since the caller read it (a stale If-Match revision).</summary>
    Stale,
}
