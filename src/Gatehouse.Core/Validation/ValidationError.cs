namespace Gatehouse.Core.Validation;

/// <summary>
/// One problem found in operator input. <see cref="Message"/> never repeats a request value: it says what is
/// wrong and how to fix it, so a secret pasted into the wrong field cannot come back.
/// </summary>
/// <param name="Field">The request field (e.g. <c>private_key</c>), or null for the body as a whole.</param>
/// <param name="Code">A stable error code from DESIGN.md §5 (e.g. <c>key_mismatch</c>).</param>
/// <param name="Message">Human text for the operator.</param>
public sealed record ValidationError(string? Field, string Code, string Message);
