using System.Text.Json;
using Gatehouse.Acme;
using Gatehouse.Core.Acme;
using Gatehouse.Core.Json;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>Publishes challenge answers in the store, where every gateway's watch picks them up (DESIGN.md §12).</summary>
internal sealed class StoreChallengePublisher(IConfigStore store, AcmeOptions options, TimeProvider time) : IChallengePublisher
{
    /// <summary>A stored answer older than this is ignored by gateways, should its attempt never withdraw it.</summary>
    public static readonly TimeSpan AnswerLifetime = TimeSpan.FromHours(1);

    public async Task PublishAsync(ChallengeAnswer answer, CancellationToken cancellationToken)
    {
        var record = new ChallengeRecord(answer.Type, answer.Domain, answer.Token, answer.KeyAuthorization, time.GetUtcNow() + AnswerLifetime);
        await store.PutAsync(AcmeKeys.Challenge(answer.Token), JsonSerializer.Serialize(record, GatehouseJson.Options), null, cancellationToken);
        await Task.Delay(options.ChallengePropagation, cancellationToken);
    }

    public async Task WithdrawAsync(ChallengeAnswer answer, CancellationToken cancellationToken) =>
        await store.DeleteAsync(AcmeKeys.Challenge(answer.Token), null, cancellationToken);
}
