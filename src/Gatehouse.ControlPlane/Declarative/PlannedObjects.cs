using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>One SSL object of the document, planned: <see cref="Record"/> is what to write (null when nothing is written).</summary>
internal sealed record PlannedSsl(DesiredSsl Desired, SslObjectModel? Existing, SslObjectRecord? Record, ValidatedSslObject? Validated, ObjectChange Change);

/// <summary>One service of the document, planned: <see cref="Record"/> is its final form (null when it is invalid).</summary>
internal sealed record PlannedService(DesiredService Desired, ServiceModel? Existing, ServiceRecord? Record, ObjectChange Change);
