namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// What an apply does to one object: <c>create</c>, <c>update</c> (with the changed fields), <c>unchanged</c> or
/// <c>delete</c> (pruned). Warnings are the object's validation warnings (expiry, SHA-1, …).
/// </summary>
internal sealed record ObjectChange(string Name, string Action, IReadOnlyList<string> Fields, IReadOnlyList<string> Warnings);
