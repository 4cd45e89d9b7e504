namespace Gatehouse.ControlPlane.Access;

/// <summary>One page of <c>GET /api/v1/tokens</c>, in name order.</summary>
internal sealed record TokenPage(IReadOnlyList<TokenView> Items, string? NextCursor);
