using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>One key an apply writes, with the condition that the key is still as planned.</summary>
internal sealed record PlannedWrite(StoreCondition Condition, StoreMutation Mutation);
