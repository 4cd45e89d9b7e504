using System.Xml.Linq;
using Gatehouse.Core.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// Encrypts the console's data-protection keys at rest with the Gatehouse keyring (AES-256-GCM, DESIGN.md §6), so the
/// key files in <c>console-keys</c> hold ciphertext only, as private keys in the store do.
/// </summary>
internal sealed class KeyringXmlEncryptor(Keyring keyring) : IXmlEncryptor
{
    /// <summary>The associated data of every console key: a ciphertext cannot be passed off as a stored private key.</summary>
    internal const string AssociatedData = "gatehouse-console-keys";

    internal const string ElementName = "keyringEncrypted";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var secret = keyring.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting), AssociatedData);
        var element = new XElement(ElementName,
            new XAttribute("keyId", secret.KeyId),
            new XAttribute("nonce", secret.Nonce),
            new XElement("ciphertext", secret.Ciphertext));
        return new EncryptedXmlInfo(element, typeof(KeyringXmlDecryptor));
    }
}
