using System.Globalization;
using System.Text.RegularExpressions;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Access;

/// <summary>The body of <c>POST /api/v1/tokens</c>: <c>{name, role, expires_at?}</c>, every error reported at once.</summary>
internal sealed partial record TokenRequest(string Name, Role Role, DateTimeOffset? ExpiresAt)
{
    public static IReadOnlySet<string> WritableFields { get; } = new HashSet<string>(StringComparer.Ordinal) { "name", "role", "expires_at" };

    public static IReadOnlySet<string> ReadOnlyFields { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "created_at", "last_used_at", "expired", "secret" };

    /// <summary>Reads and checks the body; throws <see cref="DomainError"/> with every error.</summary>
    public static TokenRequest From(JsonBody body, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var name = body.String("name", errors);
        var roleName = body.String("role", errors);
        var expiresText = body.String("expires_at", errors);
        if (name is null && !errors.Any(e => e.Field == "name")) errors.Add(new("name", "missing_field", "name is required."));
        else if (name is not null && !IsValidName(name))
            errors.Add(new("name", "invalid_parameter", "name must be 1-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit."));
        else if (name == Principal.BootstrapName)
            errors.Add(new("name", "invalid_parameter", "bootstrap is the name of the bootstrap admin token; choose another name."));

        var role = Role.Viewer;
        if (roleName is null && !errors.Any(e => e.Field == "role")) errors.Add(new("role", "missing_field", "role is required: viewer, operator or admin."));
        else if (roleName is not null && !RoleNames.TryParse(roleName, out role)) errors.Add(new("role", "invalid_parameter", "role must be viewer, operator or admin."));

        DateTimeOffset? expiresAt = null;
        if (expiresText is not null)
        {
            if (!DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) || !expiresText.Contains('T'))
                errors.Add(new("expires_at", "invalid_parameter", "expires_at must be an RFC 3339 timestamp, e.g. 2030-01-31T00:00:00Z."));
            else if (parsed <= now) errors.Add(new("expires_at", "invalid_parameter", "expires_at must be in the future."));
            else expiresAt = parsed.ToUniversalTime();
        }
        if (errors.Count > 0) throw new DomainError(DomainErrorKind.Invalid, errors);
        return new TokenRequest(name!, role, expiresAt);
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
