namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// A console session as stored at <c>/gatehouse/sessions/{sha256 of the session id}</c> (the id itself lives only in the
/// encrypted cookie). <see cref="TokenHash"/> names the named token it signed in with; <see cref="BootstrapStamp"/> the
/// bootstrap token's stamp instead.
/// </summary>
internal sealed record SessionRecord(string Principal, string Role, string? TokenHash, string? BootstrapStamp,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
