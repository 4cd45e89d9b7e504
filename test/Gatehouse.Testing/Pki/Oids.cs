namespace Gatehouse.Testing.Pki;

public static class Oids
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";
    public const string AnyExtendedKeyUsage = "2.5.29.37.0";
}
