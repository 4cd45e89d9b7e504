using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.Core.Json;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>The body a webhook receives (DESIGN.md §12) and its signature header.</summary>
internal static class WebhookPayload
{
    public const string SignatureHeader = "X-Gatehouse-Signature";

    public static byte[] Body(EventRecord record) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = record.Id,
        type = record.Type,
        occurred_at = record.OccurredAt,
        threshold_days = record.ThresholdDays,
        ssl = record.Ssl,
        detail = record.Detail,
    }, GatehouseJson.Options);

    /// <summary><c>sha256=HEX</c>: HMAC-SHA256 of the exact body bytes with the notifier's secret.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
