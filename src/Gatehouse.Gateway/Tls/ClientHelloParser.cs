using System.Buffers;
using System.Buffers.Binary;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Reads a ClientHello from the first TLS record without trusting a single length in it. Anything unexpected — not
/// a handshake record, a ClientHello split over several records, a length that overruns its parent, a repeated
/// extension — yields null facts, and the caller falls back to the primary certificate.
/// </summary>
internal static class ClientHelloParser
{
    /// <summary>The largest TLSPlaintext fragment (RFC 8446 §5.1).</summary>
    public const int MaxRecordLength = 16384;

    private const byte HandshakeRecord = 0x16;
    private const byte ClientHelloType = 0x01;
    private const ushort SupportedGroupsExtension = 10;
    private const ushort SignatureAlgorithmsExtension = 13;
    private const ushort SupportedVersionsExtension = 43;
    private const ushort AlpnExtension = 16;
    private const ushort Tls13 = 0x0304;

    /// <summary>Looks at the bytes received so far; <paramref name="facts"/> is set only when the hello was readable.</summary>
    public static ClientHelloPeek TryRead(ReadOnlySequence<byte> received, out ClientHelloFacts? facts)
    {
        facts = null;
        if (received.Length < 5) return received.Length > 0 && received.FirstSpan[0] != HandshakeRecord ? ClientHelloPeek.Done : ClientHelloPeek.NeedMore;
        Span<byte> header = stackalloc byte[5];
        received.Slice(0, 5).CopyTo(header);
        if (header[0] != HandshakeRecord || header[1] != 3) return ClientHelloPeek.Done;
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
        if (length is 0 or > MaxRecordLength) return ClientHelloPeek.Done;
        if (received.Length < 5 + length) return ClientHelloPeek.NeedMore;

        var record = received.Slice(5, length);
        if (record.IsSingleSegment)
        {
            facts = Parse(record.FirstSpan);
            return ClientHelloPeek.Done;
        }
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            record.CopyTo(copy);
            facts = Parse(copy.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
        return ClientHelloPeek.Done;
    }

    /// <summary>Parses one record's fragment as a complete ClientHello message, or returns null.</summary>
    public static ClientHelloFacts? Parse(ReadOnlySpan<byte> fragment)
    {
        var reader = new SpanReader(fragment);
        if (!reader.Byte(out var type) || type != ClientHelloType) return null;
        // A hello longer than this record is fragmented across records: not read here (primary certificate).
        if (!reader.UInt24(out var bodyLength) || bodyLength != reader.Remaining) return null;
        if (!reader.Skip(2 + 32)) return null; // legacy_version, random
        if (!reader.Vector8(out var sessionId) || sessionId.Length > 32) return null;
        if (!reader.Vector16(out var suites) || suites.Length < 2 || suites.Length % 2 != 0) return null;
        if (!reader.Vector8(out var compression) || compression.Length < 1) return null;

        ushort[]? schemes = null, groups = null;
        var offersTls13 = false;
        var onlyAcmeTls = false;
        if (reader.Remaining > 0)
        {
            if (!reader.Vector16(out var extensions) || reader.Remaining != 0) return null;
            if (!ReadExtensions(extensions, ref schemes, ref groups, ref offersTls13, ref onlyAcmeTls)) return null;
        }
        return new ClientHelloFacts(schemes, offersTls13, List16(suites)!, groups) { OffersOnlyAcmeTls = onlyAcmeTls };
    }

    private static bool ReadExtensions(ReadOnlySpan<byte> extensions, ref ushort[]? schemes, ref ushort[]? groups, ref bool offersTls13,
        ref bool onlyAcmeTls)
    {
        var reader = new SpanReader(extensions);
        var seen = new HashSet<ushort>();
        while (reader.Remaining > 0)
        {
            if (!reader.UInt16(out var type) || !reader.Vector16(out var data)) return false;
            // RFC 8446 §4.2: an extension type appears at most once.
            if (!seen.Add(type)) return false;
            switch (type)
            {
                case SignatureAlgorithmsExtension:
                    schemes = InnerList16(data);
                    if (schemes is null) return false;
                    break;
                case SupportedGroupsExtension:
                    groups = InnerList16(data);
                    if (groups is null) return false;
                    break;
                case AlpnExtension:
                    // RFC 7301 §3.1: a list of one protocol name, exactly "acme-tls/1" (RFC 8737 §3).
                    var alpn = new SpanReader(data);
                    if (!alpn.Vector16(out var names) || alpn.Remaining != 0) return false;
                    onlyAcmeTls = names.SequenceEqual("\u000aacme-tls/1"u8);
                    break;
                case SupportedVersionsExtension:
                    var versions = new SpanReader(data);
                    if (!versions.Vector8(out var list) || versions.Remaining != 0 || list.Length % 2 != 0 || list.Length == 0) return false;
                    offersTls13 = List16(list)!.Contains(Tls13);
                    break;
            }
        }
        return true;
    }

    /// <summary>A body that is exactly one non-empty, even-length vector with a 2-byte length.</summary>
    private static ushort[]? InnerList16(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        if (!reader.Vector16(out var list) || reader.Remaining != 0 || list.Length == 0 || list.Length % 2 != 0) return null;
        return List16(list);
    }

    private static ushort[]? List16(ReadOnlySpan<byte> list)
    {
        var values = new ushort[list.Length / 2];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt16BigEndian(list[(2 * i)..]);
        return values;
    }

    /// <summary>A bounds-checked cursor: every read says whether the bytes were there.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> _rest = span;

        public readonly int Remaining => _rest.Length;

        public bool Skip(int count)
        {
            if (_rest.Length < count) return false;
            _rest = _rest[count..];
            return true;
        }

        public bool Byte(out byte value)
        {
            value = 0;
            if (_rest.Length < 1) return false;
            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public bool UInt16(out ushort value)
        {
            value = 0;
            if (_rest.Length < 2) return false;
            value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return true;
        }

        public bool UInt24(out int value)
        {
            value = 0;
            if (_rest.Length < 3) return false;
            value = (_rest[0] << 16) | (_rest[1] << 8) | _rest[2];
            _rest = _rest[3..];
            return true;
        }

        public bool Vector8(out ReadOnlySpan<byte> value)
        {
            value = default;
            return Byte(out var length) && Take(length, out value);
        }

        public bool Vector16(out ReadOnlySpan<byte> value)
        {
            value = default;
            return UInt16(out var length) && Take(length, out value);
        }

        private bool Take(int length, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (_rest.Length < length) return false;
            value = _rest[..length];
            _rest = _rest[length..];
            return true;
        }
    }
}
