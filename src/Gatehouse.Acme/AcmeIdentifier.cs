namespace Gatehouse.Acme;

/// <summary>An identifier of an order or authorization (RFC 8555 §9.7.7); Gatehouse orders only <c>dns</c> names.</summary>
public sealed record AcmeIdentifier(string Type, string Value);
