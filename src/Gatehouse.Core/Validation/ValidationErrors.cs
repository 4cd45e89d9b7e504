namespace Gatehouse.Core.Validation;

/// <summary>Thrown when operator input is refused; carries every error found, the first one deciding the code.</summary>
public sealed class ValidationErrors(IReadOnlyList<ValidationError> errors)
    : Exception(errors.Count > 0 ? errors[0].Message : "invalid input")
{
    /// <summary>Every error, in the order found; never empty.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    public static ValidationErrors Of(string? field, string code, string message) =>
        new([new ValidationError(field, code, message)]);
}
