namespace Gatehouse.Storage;

/// <summary>One key as stored: its value and the global revision of the write that last changed it.</summary>
/// <param name="Key">The full key, e.g. <c>/gatehouse/ssls/01h…</c>.</param>
/// <param name="Value">The stored value (UTF-8 JSON for Gatehouse's own keys).</param>
/// <param name="ModRevision">Global revision of the last write to this key (etcd's <c>mod_revision</c>).</param>
/// <param name="CreateRevision">Global revision of the write that created this key.</param>
public sealed record StoreItem(string Key, string Value, long ModRevision, long CreateRevision);
