namespace Gatehouse.Core.Ssl;

/// <summary>
/// Where a summarised chain's PEM is read on its first use (<see cref="CertificateChain"/>): the model's decoded record,
/// or the stored value a loaded model keeps in its place, and which of the object's two chains. A value held inline by
/// the chain: 100 000 loaded objects need no delegate and closure each to say this.
/// </summary>
internal readonly struct ChainSource
{
    // An SslObjectRecord or a StoredSslValue: the one object the model keeps either way.
    private readonly object _holder;
    private readonly bool _alt;

    public ChainSource(SslObjectRecord record, bool alt) => (_holder, _alt) = (record, alt);

    public ChainSource(StoredSslValue stored, bool alt) => (_holder, _alt) = (stored, alt);

    /// <summary>An object shared by the object's chains only, to parse under.</summary>
    public object Gate => _holder;

    /// <summary>The chain's PEM text (a stored value is decoded again: the model keeps no certificate text).</summary>
    public string ReadPem()
    {
        var record = _holder as SslObjectRecord ?? ((StoredSslValue)_holder).Decode();
        return _alt ? record.AltCertificate! : record.Certificate;
    }
}
