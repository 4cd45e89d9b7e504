using System.Text.Json;
using Gatehouse.Core.Json;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// An SSL object's stored value as the store handed it over (UTF-8 JSON), kept in place of its decoded record by a model
/// loaded from a matching summary. The value was decoded and checked once at load and never changes, so each
/// <see cref="Decode"/> yields the same record.
/// </summary>
internal sealed class StoredSslValue(ReadOnlyMemory<byte> utf8)
{
    public SslObjectRecord Decode() =>
        JsonSerializer.Deserialize<SslObjectRecord>(utf8.Span, GatehouseJson.StoredOptions)
        ?? throw new InvalidOperationException("A stored SSL object that decoded at load no longer decodes.");
}
