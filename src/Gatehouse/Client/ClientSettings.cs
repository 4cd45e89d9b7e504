namespace Gatehouse.Client;

/// <summary>Where the Admin API is, how to authenticate, and how to print.</summary>
internal sealed record ClientSettings(Uri Server, string Token, bool Json);
