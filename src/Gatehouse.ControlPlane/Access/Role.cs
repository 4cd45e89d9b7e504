namespace Gatehouse.ControlPlane.Access;

/// <summary>What a principal may do (DESIGN.md §14), in increasing order: each role may do everything the roles below it may.</summary>
public enum Role
{
    /// <summary>Reads everything readable.</summary>
    Viewer = 1,

    /// <summary>Also writes SSL objects and services, without <c>?force=true</c>.</summary>
    Operator = 2,

    /// <summary>Everything: tokens, <c>?force=true</c>, and whatever else is admin-only.</summary>
    Admin = 3,
}
