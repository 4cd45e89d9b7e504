using Gatehouse.Core.Validation;

namespace Gatehouse.Hosting.Errors;

/// <summary>
/// An error the API answers with (DESIGN.md §5): an HTTP status and every detail; the top-level code is the
/// first detail's. Thrown by the HTTP edge (request parsing, authentication, routing), turned into JSON by
/// <see cref="ApiErrorWriter"/>. Domain code throws <see cref="DomainError"/> instead, which carries no status.
/// </summary>
public sealed class ApiError(int status, IReadOnlyList<ValidationError> details) : Exception(details[0].Message)
{
    public int Status { get; } = status;

    public IReadOnlyList<ValidationError> Details { get; } = details;

    public string Code => Details[0].Code;

    public static ApiError Of(int status, string code, string message, string? field = null) =>
        new(status, [new ValidationError(field, code, message)]);

    public static ApiError NotFound(string what) => Of(404, "not_found", $"No {what} has that id.");
}
