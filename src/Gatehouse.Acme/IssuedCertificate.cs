namespace Gatehouse.Acme;

/// <summary>The outcome of an order: the chain (PEM, leaf first) and the fresh key (PKCS#8 PEM) it was issued for.</summary>
public sealed record IssuedCertificate(string ChainPem, string PrivateKeyPem, Uri? OrderUrl);
