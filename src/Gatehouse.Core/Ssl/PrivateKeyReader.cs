using System.Security.Cryptography;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// Reads a PKCS#8, PKCS#1 or SEC1 private key and enforces the accepted algorithms (RSA 2048–8192,
/// EC P-256/P-384/P-521). Messages never include key material.
/// </summary>
internal static class PrivateKeyReader
{
    private const string Code = "invalid_private_key";

    /// <summary>The key, or null after adding an error for <paramref name="field"/> (<c>private_key</c> or <c>alt_private_key</c>).</summary>
    public static AsymmetricAlgorithm? Read(string pem, List<ValidationError> errors, string field = "private_key")
    {
        if (pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            errors.Add(new(field, Code, "The private key is encrypted; decrypt it first (e.g. 'openssl pkey -in key.pem -out plain.pem') and send the plain PEM."));
            return null;
        }
        if (!PemSections.TryRead(pem, out var sections))
        {
            errors.Add(new(field, Code, $"{field} is not well-formed PEM: expected one complete section labelled PRIVATE KEY (or RSA PRIVATE KEY / EC PRIVATE KEY)."));
            return null;
        }
        // openssl ecparam -genkey writes an EC PARAMETERS section before the key; it carries nothing we need.
        var keys = sections.Where(s => s.Label != "EC PARAMETERS").ToList();
        if (keys.Count != 1)
        {
            errors.Add(new(field, Code, $"{field} must hold exactly one private key section; it holds {keys.Count}."));
            return null;
        }
        var key = Import(keys[0]);
        if (key is null)
        {
            errors.Add(new(field, Code, keys[0].Label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY"
                ? "The private key could not be decoded, or its algorithm is not supported (RSA or EC only)."
                : $"{field} must be a 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' PEM section."));
            return null;
        }
        var problem = KeyAlgorithms.Problem(key);
        if (problem is not null)
        {
            errors.Add(new(field, Code, problem));
            key.Dispose();
            return null;
        }
        return key;
    }

    private static AsymmetricAlgorithm? Import(PemSections.Section section)
    {
        return section.Label switch
        {
            "PRIVATE KEY" => (AsymmetricAlgorithm?)TryImport(RSA.Create, (k, d) => k.ImportPkcs8PrivateKey(d, out _), section.Der)
                             ?? TryImport(ECDsa.Create, (k, d) => k.ImportPkcs8PrivateKey(d, out _), section.Der),
            "RSA PRIVATE KEY" => TryImport(RSA.Create, (k, d) => k.ImportRSAPrivateKey(d, out _), section.Der),
            "EC PRIVATE KEY" => TryImport(ECDsa.Create, (k, d) => k.ImportECPrivateKey(d, out _), section.Der),
            _ => null,
        };
    }

    private static T? TryImport<T>(Func<T> create, Action<T, byte[]> import, byte[] der) where T : AsymmetricAlgorithm
    {
        var key = create();
        try
        {
            import(key, der);
            return key;
        }
        catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
        {
            key.Dispose();
            return null;
        }
    }
}
