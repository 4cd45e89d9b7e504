using System.Xml.Linq;
using Gatehouse.Core.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>Reads a console key written by <see cref="KeyringXmlEncryptor"/>; any key of the keyring decrypts (rotation).</summary>
internal sealed class KeyringXmlDecryptor : IXmlDecryptor
{
    private readonly Keyring _keyring;

    /// <summary>Data protection creates decryptors by type, handing them the application's services.</summary>
    public KeyringXmlDecryptor(IServiceProvider services) => _keyring = services.GetRequiredService<Keyring>();

    public XElement Decrypt(XElement encryptedElement)
    {
        var secret = new EncryptedSecret(
            (string?)encryptedElement.Attribute("keyId") ?? "",
            (string?)encryptedElement.Attribute("nonce") ?? "",
            (string?)encryptedElement.Element("ciphertext") ?? "");
        return XElement.Parse(_keyring.Decrypt(secret, KeyringXmlEncryptor.AssociatedData));
    }
}
