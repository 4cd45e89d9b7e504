namespace Gatehouse.ControlPlane.Access;

/// <summary>
/// Endpoint metadata: the role a route needs. Every <c>/api</c> route declares one where it is mapped
/// (<see cref="RouteRoles.RequireRole{TBuilder}"/>); a route without one is refused for everyone.
/// </summary>
internal sealed record RequiredRole(Role Role);
