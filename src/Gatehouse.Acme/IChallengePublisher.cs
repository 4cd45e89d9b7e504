namespace Gatehouse.Acme;

/// <summary>Makes challenge answers visible to whatever the CA will connect to (for Gatehouse: every gateway, through the store).</summary>
public interface IChallengePublisher
{
    /// <summary>Returns once the answer can be served.</summary>
    Task PublishAsync(ChallengeAnswer answer, CancellationToken cancellationToken);

    /// <summary>Removes an answer once its authorization is decided.</summary>
    Task WithdrawAsync(ChallengeAnswer answer, CancellationToken cancellationToken);
}
