using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gatehouse.Acme;

/// <summary>Writes the flattened JSON JWS of RFC 8555 §6.2 (and the external account binding of §7.3.4).</summary>
internal static class JwsWriter
{
    /// <summary>
    /// Signs <paramref name="payloadJson"/> (null = POST-as-GET, an empty payload) for <paramref name="url"/>. With
    /// <paramref name="accountUrl"/> the header names the account (<c>kid</c>), otherwise it carries the <c>jwk</c>.
    /// </summary>
    public static string Sign(AcmeKey key, Uri url, string nonce, string? payloadJson, string? accountUrl)
    {
        var header = new StringBuilder();
        header.Append("{\"alg\":\"").Append(key.Algorithm).Append('"');
        if (accountUrl is not null) header.Append(",\"kid\":").Append(JsonSerializer.Serialize(accountUrl));
        else header.Append(",\"jwk\":").Append(key.JwkJson());
        header.Append(",\"nonce\":").Append(JsonSerializer.Serialize(nonce));
        header.Append(",\"url\":").Append(JsonSerializer.Serialize(url.AbsoluteUri)).Append('}');
        var protectedPart = B64(header.ToString());
        var payloadPart = payloadJson is null ? "" : B64(payloadJson);
        var signature = Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart)));
        return Flattened(protectedPart, payloadPart, signature);
    }

    /// <summary>
    /// The <c>externalAccountBinding</c> value (RFC 8555 §7.3.4): the account's JWK signed with the CA-issued MAC key
    /// (HS256), for the newAccount URL.
    /// </summary>
    public static string ExternalAccountBinding(AcmeKey key, Uri newAccountUrl, string keyId, byte[] macKey)
    {
        var header = "{\"alg\":\"HS256\",\"kid\":" + JsonSerializer.Serialize(keyId) + ",\"url\":" +
            JsonSerializer.Serialize(newAccountUrl.AbsoluteUri) + "}";
        var protectedPart = B64(header);
        var payloadPart = B64(key.JwkJson());
        var mac = HMACSHA256.HashData(macKey, Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return Flattened(protectedPart, payloadPart, Base64Url.EncodeToString(mac));
    }

    private static string Flattened(string protectedPart, string payloadPart, string signature) =>
        $"{{\"protected\":\"{protectedPart}\",\"payload\":\"{payloadPart}\",\"signature\":\"{signature}\"}}";

    private static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
