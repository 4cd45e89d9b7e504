namespace Gatehouse.ControlPlane.Access;

/// <summary>Who is calling: a named token, or the bootstrap admin token (DESIGN.md §5, kept as break-glass).</summary>
/// <param name="Name">The token's name, as the audit log writes it; <see cref="BootstrapName"/> for the bootstrap token.</param>
/// <param name="TokenHash">The SHA-256 of the named token's secret (its store key); null for the bootstrap token.</param>
public sealed record Principal(string Name, Role Role, string? TokenHash)
{
    /// <summary>The name of the bootstrap token's principal; reserved, no named token can take it.</summary>
    public const string BootstrapName = "bootstrap";

    public static Principal Bootstrap { get; } = new(BootstrapName, Role.Admin, null);

    public bool May(Role needed) => Role >= needed;
}
