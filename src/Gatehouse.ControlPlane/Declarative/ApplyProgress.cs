namespace Gatehouse.ControlPlane.Declarative;

/// <summary>How far a commit has come: <see cref="Committed"/> of <see cref="Total"/> writes, in <see cref="Commits"/> transactions.</summary>
internal sealed record ApplyProgress(int Committed, int Total, int Commits, long Revision);
