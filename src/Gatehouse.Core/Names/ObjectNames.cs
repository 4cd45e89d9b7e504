using System.Text.RegularExpressions;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Names;

/// <summary>
/// The optional, unique name of an SSL object (DESIGN.md §13): <c>^[a-z0-9][a-z0-9._-]{0,62}$</c>, the stable identity a
/// configuration file refers to (<c>client_ssl: NAME</c>).
/// </summary>
public static partial class ObjectNames
{
    /// <summary>True when <paramref name="name"/> is a well-formed object name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Adds an <c>invalid_parameter</c> error for a present but malformed name (the message never repeats it).</summary>
    public static void Check(string? name, string field, List<ValidationError> errors)
    {
        if (name is not null && !IsValid(name))
            errors.Add(new(field, "invalid_parameter", $"{field} must be 1 to 63 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit."));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();
}
