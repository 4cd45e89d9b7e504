using Gatehouse.Core.Validation;

namespace Gatehouse.Hosting.Errors;

/// <summary>
/// An error the API answers with (DESIGN.md §5): an HTTP status and every detail; the top-level code is the
/// first detail's. Thrown by handlers, turned into JSON by <see cref="ApiErrorWriter"/>.
/// </summary>
public sealed class ApiError(int status, IReadOnlyList<ValidationError> details) : Exception(details[0].Message)
{
    public int Status { get; } = status;

    public IReadOnlyList<ValidationError> Details { get; } = details;

    public string Code => Details[0].Code;

    public static ApiError Of(int status, string code, string message, string? field = null) =>
        new(status, [new ValidationError(field, code, message)]);

    public static ApiError NotFound(string what) => Of(404, "not_found", $"No {what} has that id.");

    /// <summary>400 for input errors; the few codes with their own status keep it.</summary>
    public static ApiError FromValidation(ValidationErrors errors) => new(StatusOf(errors.Errors[0].Code), errors.Errors);

    private static int StatusOf(string code) => code switch
    {
        "fallback_conflict" or "route_conflict" or "in_use" or "would_uncover" or "peer_auth_downgrade" => 409,
        "revision_conflict" => 412,
        "not_found" => 404,
        _ => 400,
    };
}
