using System.Text;

namespace Gatehouse.Storage;

/// <summary>
/// One key as stored: its value and the global revision of the write that last changed it. A store hands over the value
/// as the UTF-8 bytes it read (<see cref="FromUtf8"/>), so a loader that decodes JSON never makes a UTF-16 copy of it
/// (100 000 objects are about 0.5 GB of such copies, DESIGN.md §11); <see cref="Value"/> makes the string on first use.
/// Two items are equal when key, value and both revisions are.
/// </summary>
public sealed class StoreItem : IEquatable<StoreItem>
{
    private readonly ReadOnlyMemory<byte>? _utf8;
    private string? _value;

    /// <param name="key">The full key, e.g. <c>/gatehouse/ssls/01h…</c>.</param>
    /// <param name="value">The stored value (UTF-8 JSON for Gatehouse's own keys).</param>
    /// <param name="modRevision">Global revision of the last write to this key (etcd's <c>mod_revision</c>).</param>
    /// <param name="createRevision">Global revision of the write that created this key.</param>
    public StoreItem(string key, string value, long modRevision, long createRevision)
        : this(key, null, value, modRevision, createRevision)
    {
    }

    private StoreItem(string key, ReadOnlyMemory<byte>? utf8, string? value, long modRevision, long createRevision)
    {
        Key = key;
        _utf8 = utf8;
        _value = value;
        ModRevision = modRevision;
        CreateRevision = createRevision;
    }

    /// <summary>An item whose value is still the UTF-8 bytes the store returned (not copied; the caller gives them up).</summary>
    public static StoreItem FromUtf8(string key, ReadOnlyMemory<byte> value, long modRevision, long createRevision) =>
        new(key, value, null, modRevision, createRevision);

    /// <summary>The full key, e.g. <c>/gatehouse/ssls/01h…</c>.</summary>
    public string Key { get; }

    /// <summary>The stored value as text (decoded from UTF-8 once, on first use).</summary>
    public string Value => _value ??= Encoding.UTF8.GetString(_utf8!.Value.Span);

    /// <summary>The stored value as UTF-8: the store's own bytes when it read them, else an encoding of <see cref="Value"/>.</summary>
    public ReadOnlyMemory<byte> Utf8Value => _utf8 ?? Encoding.UTF8.GetBytes(_value!);

    /// <summary>Global revision of the last write to this key (etcd's <c>mod_revision</c>).</summary>
    public long ModRevision { get; }

    /// <summary>Global revision of the write that created this key.</summary>
    public long CreateRevision { get; }

    public bool Equals(StoreItem? other) =>
        other is not null && Key == other.Key && ModRevision == other.ModRevision && CreateRevision == other.CreateRevision && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as StoreItem);

    public override int GetHashCode() => HashCode.Combine(Key, ModRevision, CreateRevision);

    public override string ToString() => $"StoreItem {{ Key = {Key}, Value = {Value}, ModRevision = {ModRevision}, CreateRevision = {CreateRevision} }}";
}
