namespace Gatehouse.Acme;

/// <summary>The wire names of <see cref="AcmeKeyType"/>: <c>ec-p256</c> and <c>rsa-2048</c>.</summary>
public static class AcmeKeyTypes
{
    /// <summary>The accepted wire names, for error messages.</summary>
    public const string Allowed = "ec-p256 or rsa-2048";

    public static string ToWire(this AcmeKeyType type) => type == AcmeKeyType.Rsa2048 ? "rsa-2048" : "ec-p256";

    public static bool TryParse(string? text, out AcmeKeyType type)
    {
        type = text == "rsa-2048" ? AcmeKeyType.Rsa2048 : AcmeKeyType.EcP256;
        return text is "ec-p256" or "rsa-2048";
    }
}
