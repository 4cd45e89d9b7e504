using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.ControlPlane.Api;

/// <summary>
/// The one place where a domain refusal becomes an HTTP answer (DESIGN.md §5): each <see cref="DomainErrorKind"/>
/// has its status, and the details pass through unchanged.
/// </summary>
internal static class DomainErrorStatus
{
    /// <summary>The HTTP status the Admin API answers a refusal of this kind with.</summary>
    public static int Of(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Invalid => 400,
        DomainErrorKind.NotFound => 404,
        DomainErrorKind.Conflict => 409,
        DomainErrorKind.Guarded => 409,
        DomainErrorKind.Stale => 412,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A domain error kind without an HTTP status."),
    };

    /// <summary>The API error for <paramref name="error"/>: its kind's status, its details as they are.</summary>
    public static ApiError ToApiError(DomainError error) => new(Of(error.Kind), error.Details);
}
