using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Acme.Tests;

/// <summary>ARI (RFC 9773) on recorded renewalInfo exchanges: Debian's pebble 2.4 predates it.</summary>
public sealed class RenewalInfoTests
{
    private const string RenewalBase = PebbleRecording.Base + "/draft-ietf-acme-ari-03/renewalInfo/";

    [Fact]
    public void The_certificate_id_is_the_RFC_9773_example()
    {
        // RFC 9773 §4.1: keyIdentifier 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4, serial 00:87:65:43:21.
        using var cert = CertificateWith(Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4"), [0x00, 0x87, 0x65, 0x43, 0x21]);
        Assert.Equal("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", AriCertificateId.For(cert));
    }

    [Fact]
    public async Task A_recorded_renewalInfo_gives_the_window_and_how_long_it_holds()
    {
        using var cert = CertificateWith(Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4"), [0x00, 0x87, 0x65, 0x43, 0x21]);
        var replay = new ReplayHandler([
            new("GET", PebbleRecording.Directory, HttpStatusCode.OK, PebbleRecording.DirectoryBody(renewalInfo: true)),
            new("GET", RenewalBase + "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", HttpStatusCode.OK, """
                {"suggestedWindow":{"start":"2026-12-10T00:00:00Z","end":"2026-12-12T00:00:00Z"},
                 "explanationURL":"https://acme.example.com/docs/ari"}
                """, RetryAfter: "21600"),
        ]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);

        var window = await client.GetRenewalInfoAsync(cert, default);

        Assert.Equal(new RenewalWindow(DateTimeOffset.Parse("2026-12-10T00:00:00Z"), DateTimeOffset.Parse("2026-12-12T00:00:00Z"),
            "https://acme.example.com/docs/ari", TimeSpan.FromHours(6)), window);
        Assert.True(replay.Done);
    }

    [Fact]
    public async Task A_window_that_ends_before_it_starts_is_refused()
    {
        using var cert = CertificateWith([1, 2, 3, 4], [0x05]);
        var replay = new ReplayHandler([
            new("GET", PebbleRecording.Directory, HttpStatusCode.OK, PebbleRecording.DirectoryBody(renewalInfo: true)),
            new("GET", RenewalBase + "AQIDBA.BQ", HttpStatusCode.OK,
                """{"suggestedWindow":{"start":"2026-12-12T00:00:00Z","end":"2026-12-10T00:00:00Z"}}"""),
        ]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);
        var failure = await Assert.ThrowsAsync<AcmeException>(() => client.GetRenewalInfoAsync(cert, default));
        Assert.Contains("no usable suggestedWindow", failure.Message);
    }

    [Fact]
    public async Task A_CA_without_renewalInfo_asks_nothing()
    {
        using var cert = CertificateWith([1, 2, 3, 4], [0x05]);
        var replay = new ReplayHandler([new("GET", PebbleRecording.Directory, HttpStatusCode.OK, PebbleRecording.DirectoryBody())]);
        using var key = AcmeKey.Create(AcmeKeyType.EcP256);
        var client = new AcmeClient(new HttpClient(replay), new Uri(PebbleRecording.Directory), key, TimeProvider.System);
        Assert.Null(await client.GetRenewalInfoAsync(cert, default));
        Assert.True(replay.Done);
    }

    [Fact]
    public void Renewal_falls_inside_the_ARI_window_when_there_is_one_else_near_two_thirds_of_the_lifetime()
    {
        var notBefore = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = notBefore.AddDays(90);
        Assert.Equal(notBefore.AddDays(60), RenewalSchedule.RenewAt(notBefore, notAfter, null, 0));
        Assert.Equal(notBefore.AddDays(60 - 4.5), RenewalSchedule.RenewAt(notBefore, notAfter, null, 1));
        var window = new RenewalWindow(notBefore.AddDays(70), notBefore.AddDays(72), null, null);
        Assert.Equal(notBefore.AddDays(71), RenewalSchedule.RenewAt(notBefore, notAfter, window, 0.5));
    }

    [Fact]
    public void A_certificate_issued_when_the_node_clock_stands_past_its_renewal_point_is_renewed_a_share_of_its_lifetime_later()
    {
        var notBefore = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = notBefore.AddDays(90);
        // A clock that agrees with the CA: the certificate's own renewal point.
        Assert.Equal(notBefore.AddDays(60), RenewalSchedule.RenewAt(notBefore, notAfter, null, 0, notBefore.AddMinutes(1)));
        // A node clock 70 days ahead: not at once (that would renew again and again), but 60 days after the issuance.
        var issuedAt = notBefore.AddDays(70);
        Assert.Equal(issuedAt.AddDays(60), RenewalSchedule.RenewAt(notBefore, notAfter, null, 0, issuedAt));
        Assert.Equal(issuedAt.AddDays(60 - 4.5), RenewalSchedule.RenewAt(notBefore, notAfter, null, 1, issuedAt));
        // An ARI window already past at issuance is treated the same way.
        var window = new RenewalWindow(notBefore.AddDays(50), notBefore.AddDays(52), null, null);
        Assert.Equal(issuedAt.AddDays(60), RenewalSchedule.RenewAt(notBefore, notAfter, window, 0, issuedAt));
        // A lifetime too short to share: the first retry's wait at least.
        Assert.Equal(issuedAt + RenewalSchedule.FirstRetry, RenewalSchedule.RenewAt(notBefore, notBefore.AddMinutes(3), null, 0, issuedAt));
    }

    [Fact]
    public void Failures_back_off_from_minutes_to_a_capped_number_of_hours_and_respect_Retry_After()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), RenewalSchedule.Backoff(1, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(20), RenewalSchedule.Backoff(3, 0.5));
        Assert.Equal(TimeSpan.FromHours(6), RenewalSchedule.Backoff(30, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(4.5), RenewalSchedule.Backoff(1, 0));
        Assert.Equal(TimeSpan.FromHours(1), RenewalSchedule.Backoff(1, 0.5, TimeSpan.FromHours(1)));
    }

    private static X509Certificate2 CertificateWith(byte[] authorityKeyId, byte[] serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=a.test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(authorityKeyId));
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        return request.Create(new X500DistinguishedName("CN=Test CA"), X509SignatureGenerator.CreateForECDsa(issuerKey),
            now.AddDays(-1), now.AddDays(89), serial);
    }
}
