namespace Gatehouse.Core.Secrets;

/// <summary>A keyring could not be read, or a secret could not be decrypted with it. Never carries key material.</summary>
public sealed class KeyringException(string message) : Exception(message);
