using Gatehouse.ControlPlane.Access;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// The one table of console pages that need more than a viewer (DESIGN.md §14): every other page only reads. Forcing
/// past a guard needs <see cref="Role.Admin"/> on top (checked by the pages that offer it).
/// </summary>
internal static class ConsolePageRoles
{
    public static IReadOnlyDictionary<string, Role> Pages { get; } = new Dictionary<string, Role>(StringComparer.Ordinal)
    {
        ["/Ssls/Create"] = Role.Operator,
        ["/Ssls/CreateManaged"] = Role.Operator,
        ["/Ssls/Edit"] = Role.Operator,
        ["/Ssls/Delete"] = Role.Operator,
        ["/Services/Create"] = Role.Operator,
        ["/Services/Edit"] = Role.Operator,
        ["/Services/Delete"] = Role.Operator,
    };
}
