namespace Gatehouse.Acme.Tests;

/// <summary>Records what the issuance published and withdrew.</summary>
internal sealed class RecordingPublisher : IChallengePublisher
{
    public List<ChallengeAnswer> Published { get; } = [];

    public List<ChallengeAnswer> Withdrawn { get; } = [];

    public Task PublishAsync(ChallengeAnswer answer, CancellationToken cancellationToken)
    {
        Published.Add(answer);
        return Task.CompletedTask;
    }

    public Task WithdrawAsync(ChallengeAnswer answer, CancellationToken cancellationToken)
    {
        Withdrawn.Add(answer);
        return Task.CompletedTask;
    }
}
