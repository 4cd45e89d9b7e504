namespace Gatehouse.Core.Validation;

/// <summary>
/// A refusal from domain code: its <see cref="Kind"/> and every detail, the first one deciding the code. It carries no
/// HTTP status; the Admin API maps the kind to one at its edge, and the console shows the details in its forms.
/// </summary>
public sealed class DomainError(DomainErrorKind kind, IReadOnlyList<ValidationError> details) : Exception(details[0].Message)
{
    /// <summary>What kind of refusal this is.</summary>
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>Every detail, in the order found; never empty.</summary>
    public IReadOnlyList<ValidationError> Details { get; } = details;

    /// <summary>The first detail's code: the code of the refusal as a whole.</summary>
    public string Code => Details[0].Code;

    /// <summary>A refusal with one detail.</summary>
    public static DomainError Of(DomainErrorKind kind, string code, string message, string? field = null) =>
        new(kind, [new ValidationError(field, code, message)]);

    /// <summary>No <paramref name="what"/> has the id asked for.</summary>
    public static DomainError NotFound(string what) => Of(DomainErrorKind.NotFound, "not_found", $"No {what} has that id.");

    /// <summary>The caller's revision is stale: <paramref name="what"/> changed since it was read.</summary>
    public static DomainError Stale(string what) => Of(DomainErrorKind.Stale, "revision_conflict",
        $"The {what} changed since you read it (If-Match is stale): read it again and retry.");

    /// <summary>Refused input: <see cref="DomainErrorKind.Invalid"/>, except for the few codes that name another kind.</summary>
    public static DomainError FromValidation(IReadOnlyList<ValidationError> errors) => new(KindOf(errors[0].Code), errors);

    /// <inheritdoc cref="FromValidation(IReadOnlyList{ValidationError})"/>
    public static DomainError FromValidation(ValidationErrors errors) => FromValidation(errors.Errors);

    private static DomainErrorKind KindOf(string code) => code switch
    {
        "fallback_conflict" or "route_conflict" or "in_use" => DomainErrorKind.Conflict,
        "would_uncover" or "peer_auth_downgrade" => DomainErrorKind.Guarded,
        "revision_conflict" => DomainErrorKind.Stale,
        "not_found" => DomainErrorKind.NotFound,
        _ => DomainErrorKind.Invalid,
    };
}
