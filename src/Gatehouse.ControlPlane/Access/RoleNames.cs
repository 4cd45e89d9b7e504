namespace Gatehouse.ControlPlane.Access;

/// <summary>The wire names of roles: <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
public static class RoleNames
{
    /// <summary>Every role's name, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["viewer", "operator", "admin"];

    public static string Of(Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? name, out Role role)
    {
        role = name switch
        {
            "viewer" => Role.Viewer,
            "operator" => Role.Operator,
            "admin" => Role.Admin,
            _ => 0,
        };
        return role != 0;
    }

    /// <summary>The role and every role below it: what a principal's claims list, so a check is one membership test.</summary>
    public static IEnumerable<string> Including(Role role) => All.Take((int)role);
}
