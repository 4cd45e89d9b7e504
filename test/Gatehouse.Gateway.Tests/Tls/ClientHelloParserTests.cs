using System.Buffers;
using Gatehouse.Core.Tls;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>
/// The ClientHello parser behind the RSA/ECDSA choice (issue 17), fed with hellos real clients sent and with
/// 10 000 mutations of them: it never throws, and an unreadable hello means the primary certificate.
/// </summary>
public sealed class ClientHelloParserTests
{
    private const ushort RsaPssRsaeSha256 = 0x0804, RsaPkcs1Sha256 = 0x0401, EcdsaP256 = 0x0403;

    [Fact]
    public async Task Reads_what_openssl_offers()
    {
        var hello = ClientHelloParser.Parse((await ClientHelloCapture.OpenSslAsync()).AsSpan(5))!;
        Assert.NotNull(hello);
        Assert.True(hello.OffersTls13);
        Assert.Contains(EcdsaP256, hello.SignatureSchemes!);
        Assert.Contains(RsaPssRsaeSha256, hello.SignatureSchemes!);
        Assert.Contains((ushort)0x1301, hello.CipherSuites);
        Assert.Contains((ushort)23, hello.SupportedGroups!);
        Assert.True(EcdsaCapability.Allows(hello, "EC P-256", TlsPolicy.Default));
        Assert.True(EcdsaCapability.Allows(hello, "EC P-384", TlsPolicy.Default));
    }

    [Fact]
    public async Task Reads_exactly_the_schemes_a_client_limits_itself_to()
    {
        var hello = ClientHelloParser.Parse((await ClientHelloCapture.OpenSslAsync("-sigalgs", "RSA-PSS+SHA256:RSA+SHA256")).AsSpan(5))!;
        Assert.Equal([RsaPssRsaeSha256, RsaPkcs1Sha256], hello.SignatureSchemes);
        Assert.False(EcdsaCapability.Allows(hello, "EC P-256", TlsPolicy.Default));
    }

    [Fact]
    public async Task A_tls12_client_needs_an_ecdsa_suite_the_object_allows()
    {
        var rsaSuitesOnly = ClientHelloParser.Parse((await ClientHelloCapture.OpenSslAsync("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")).AsSpan(5))!;
        Assert.False(rsaSuitesOnly.OffersTls13);
        Assert.False(EcdsaCapability.Allows(rsaSuitesOnly, "EC P-256", TlsPolicy.Default));

        var tls12 = ClientHelloParser.Parse((await ClientHelloCapture.OpenSslAsync("-tls1_2")).AsSpan(5))!;
        Assert.True(EcdsaCapability.Allows(tls12, "EC P-256", TlsPolicy.Default));
        var rsaPolicy = TlsPolicy.From(null, ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]);
        Assert.False(EcdsaCapability.Allows(tls12, "EC P-256", rsaPolicy));
        // TLS 1.2 binds no curve to a scheme, but the curve must be among the client's groups.
        var p256Only = ClientHelloParser.Parse((await ClientHelloCapture.OpenSslAsync("-tls1_2", "-groups", "P-256")).AsSpan(5))!;
        Assert.True(EcdsaCapability.Allows(p256Only, "EC P-256", TlsPolicy.Default));
        Assert.False(EcdsaCapability.Allows(p256Only, "EC P-384", TlsPolicy.Default));
    }

    [Fact]
    public async Task Reads_what_dotnet_offers()
    {
        var hello = ClientHelloParser.Parse((await ClientHelloCapture.DotNetAsync()).AsSpan(5));
        Assert.NotNull(hello);
        Assert.NotEmpty(hello!.SignatureSchemes!);
    }

    [Fact]
    public void No_hello_or_no_signature_algorithms_is_not_ecdsa()
    {
        Assert.False(EcdsaCapability.Allows(null, "EC P-256", TlsPolicy.Default));
        Assert.False(EcdsaCapability.Allows(new ClientHelloFacts(null, true, [0x1301], null), "EC P-256", TlsPolicy.Default));
        Assert.False(EcdsaCapability.Allows(new ClientHelloFacts([EcdsaP256], true, [0x1301], null), "RSA 2048", TlsPolicy.Default));
    }

    [Fact]
    public async Task Every_prefix_of_a_record_waits_for_more_and_the_whole_record_in_any_pieces_reads_the_same()
    {
        var record = await ClientHelloCapture.OpenSslAsync();
        var whole = ClientHelloParser.Parse(record.AsSpan(5))!;
        for (var length = 0; length < record.Length; length++)
            Assert.Equal(ClientHelloPeek.NeedMore, ClientHelloParser.TryRead(new ReadOnlySequence<byte>(record, 0, length), out _));
        var random = new Random(17);
        for (var i = 0; i < 200; i++)
        {
            var cuts = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(1, record.Length)).ToArray();
            var withTail = record.Concat(new byte[random.Next(0, 40)]).ToArray();
            Assert.Equal(ClientHelloPeek.Done, ClientHelloParser.TryRead(ChunkedSequence.Of(withTail, cuts), out var facts));
            Assert.Equal(whole.SignatureSchemes, facts!.SignatureSchemes);
            Assert.Equal(whole.CipherSuites, facts.CipherSuites);
        }
    }

    [Fact]
    public async Task A_hello_fragmented_over_two_records_is_not_read()
    {
        var record = await ClientHelloCapture.OpenSslAsync();
        var body = record.AsSpan(5).ToArray();
        var half = body.Length / 2;
        var fragmented = Record(body[..half]).Concat(Record(body[half..])).ToArray();
        Assert.Equal(ClientHelloPeek.Done, ClientHelloParser.TryRead(new ReadOnlySequence<byte>(fragmented), out var facts));
        Assert.Null(facts);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20 })]                 // "GET " on the TLS port
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x00 })]           // empty record
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x40, 0x01 })]           // longer than any record may be
    [InlineData(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 })] // an alert, not a handshake
    public void Bytes_that_are_not_a_hello_are_done_without_facts(byte[] bytes)
    {
        Assert.Equal(ClientHelloPeek.Done, ClientHelloParser.TryRead(new ReadOnlySequence<byte>(bytes), out var facts));
        Assert.Null(facts);
    }

    [Fact]
    public async Task Ten_thousand_mutated_hellos_never_throw_and_read_the_same_in_pieces()
    {
        var seeds = new List<byte[]>
        {
            await ClientHelloCapture.OpenSslAsync(),
            await ClientHelloCapture.OpenSslAsync("-tls1_2"),
            await ClientHelloCapture.OpenSslAsync("-sigalgs", "RSA-PSS+SHA256:ECDSA+SHA256"),
            await ClientHelloCapture.DotNetAsync(),
        };
        var random = new Random(20261129);
        int read = 0, refused = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var mutated = Mutate(seeds[i % seeds.Count], random);
            var peek = ClientHelloParser.TryRead(new ReadOnlySequence<byte>(mutated), out var facts);
            var cuts = Enumerable.Range(0, 3).Select(_ => random.Next(1, Math.Max(2, mutated.Length))).ToArray();
            var chunkedPeek = ClientHelloParser.TryRead(ChunkedSequence.Of(mutated, cuts), out var chunked);
            Assert.Equal(peek, chunkedPeek);
            Assert.Equal(facts?.SignatureSchemes, chunked?.SignatureSchemes);
            if (facts is null) { refused++; continue; }
            read++;
            Assert.True(facts.CipherSuites.Count is > 0 and <= 32767);
            Assert.True(facts.SignatureSchemes is null || facts.SignatureSchemes.Count is > 0 and <= 32767);
            _ = EcdsaCapability.Allows(facts, "EC P-256", TlsPolicy.Default);
        }
        // The mutations hit both paths: some hellos stay readable (a flipped random byte), most are refused.
        Assert.True(read > 100, $"read {read}");
        Assert.True(refused > 1000, $"refused {refused}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xff; break;
                case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 64))); break;
                case 4: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256))); break;
                case 5: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, random.Next(1, 32)))); break;
                default:
                    // A length field off by a little: the most likely way to walk past a bound.
                    if (at + 1 < bytes.Count)
                    {
                        var value = ((bytes[at] << 8) | bytes[at + 1]) + random.Next(-3, 4);
                        bytes[at] = (byte)(value >> 8);
                        bytes[at + 1] = (byte)value;
                    }
                    break;
            }
            if (bytes.Count == 0) bytes.Add(0x16);
        }
        // Keep the record header's length consistent in most cases, so the hello itself gets parsed.
        if (bytes.Count > 5 && random.Next(4) != 0)
        {
            var length = Math.Min(bytes.Count - 5, 0xffff);
            bytes[3] = (byte)(length >> 8);
            bytes[4] = (byte)length;
        }
        return [.. bytes];
    }

    private static byte[] Record(byte[] fragment) =>
        [0x16, 0x03, 0x01, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];
}
