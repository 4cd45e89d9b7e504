using System.Text.Json.Serialization;
using Gatehouse.Core.Json;

namespace Gatehouse.Core.Secrets;

/// <summary>AES-256-GCM ciphertext as stored (DESIGN.md §6).</summary>
/// <param name="KeyId">Hex of the first 8 bytes of SHA-256 of the keyring key that encrypted it.</param>
/// <param name="Nonce">Base64 of the random 12-byte nonce.</param>
/// <param name="Ciphertext">Base64 of the ciphertext followed by the 16-byte tag.</param>
public sealed record EncryptedSecret([property: JsonConverter(typeof(SharedStringConverter))] string KeyId, string Nonce, string Ciphertext);
